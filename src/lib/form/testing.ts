/**
 * A small language for building forms in tests, a line per question:
 *   const e = engineOf([q.integer('age'), q.text('job', { relevant: '${age} >= 15' })]);
 * Labels are filled in for every language.
 */
import type { CompiledForm } from './compile';
import { compileForm } from './validate';
import { FormEngine, type EngineOptions } from './engine';
import type { Choice, Item, Question, QuestionType } from './schema';
import type { Answers } from './values';

export const tr = (en: string) => ({ hy: `${en} (hy)`, ru: `${en} (ru)`, en });

type Extra = Partial<Omit<Question, 'type' | 'name' | 'label'>> & { label?: string };

const make =
	(type: QuestionType) =>
	(name: string, extra: Extra = {}): Question => {
		const { label, ...rest } = extra;
		return { type, name, ...(type === 'calculate' ? {} : { label: tr(label ?? name) }), ...rest };
	};

export const q = {
	text: make('text'),
	integer: make('integer'),
	decimal: make('decimal'),
	date: make('date'),
	year: make('year'),
	geopoint: make('geopoint'),
	note: make('note'),
	selectOne: (name: string, list: string, extra: Extra = {}) => make('select_one')(name, { choices: list, ...extra }),
	selectMultiple: (name: string, list: string, extra: Extra = {}) => make('select_multiple')(name, { choices: list, ...extra }),
	calculate: (name: string, calculation: string, extra: Extra = {}) => make('calculate')(name, { calculation, ...extra })
};

export const group = (name: string, items: Item[], extra: { relevant?: string } = {}): Item => ({
	type: 'group',
	name,
	label: tr(name),
	items,
	...extra
});

export const repeat = (
	name: string,
	items: Item[],
	extra: { relevant?: string; count?: string; summary?: string[]; max_entries?: number } = {}
): Item => ({ type: 'repeat', name, label: tr(name), items, ...extra });

/** A choice list from codes: list('yes', 'no'); attrs as "code:attr=value". */
export function list(...codes: string[]): Choice[] {
	return codes.map((spec) => {
		const [value, ...pairs] = spec.split(':');
		const attrs = Object.fromEntries(pairs.map((p) => p.split('=')));
		return { value, label: tr(value), ...(pairs.length ? { attrs } : {}) };
	});
}

/** A raw definition object, as it would come from a JSON file. */
export function definitionOf(items: Item[], choices: Record<string, Choice[]> = {}) {
	return { id: 'test_form', version: '1', title: tr('Test form'), defaultLanguage: 'en', choices, items };
}

export function compiled(items: Item[], choices: Record<string, Choice[]> = {}): CompiledForm {
	const result = compileForm(definitionOf(items, choices));
	if (result.status !== 'ok') throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
	return result.form;
}

export function engineOf(
	items: Item[],
	options: { choices?: Record<string, Choice[]>; answers?: Answers } & Partial<EngineOptions> = {}
): FormEngine {
	const { choices, answers, ...rest } = options;
	return new FormEngine(compiled(items, choices), answers ?? {}, { today: '2026-11-30', ...rest });
}

/** Every place of `name`, including entries kept in the answers beyond a repeat's count. */
function everyPlace(e: FormEngine, name: string): number[][] {
	let places: number[][] = [[]];
	for (const repeat of e.node(name).repeats) {
		places = places.flatMap((p) => {
			const list = e.raw(repeat, p);
			const n = Math.max(e.entryCount(repeat, p), Array.isArray(list) ? list.length : 0);
			return Array.from({ length: n }, (_, i) => [...p, i]);
		});
	}
	return places;
}

/** Everything the engine reports, instance by instance. */
function stateOf(e: FormEngine): Map<string, string> {
	const state = new Map<string, string>();
	for (const [name, node] of e.form.nodes) {
		for (const place of everyPlace(e, name)) {
			const item = node.item;
			state.set(
				e.key(name, place),
				JSON.stringify({
					relevant: e.relevant(name, place),
					value: e.value(name, place),
					issue: e.issue(name, place) ?? null,
					required: e.required(name, place),
					choices:
						('choices' in item && item.choices) || ('link' in item && item.link) ? e.choices(name, place).map((c) => c.label.en) : null,
					count: item.type === 'repeat' ? e.entryCount(name, place) : null
				})
			);
		}
	}
	state.set('(issues)', JSON.stringify(e.issues()));
	state.set('(submission)', JSON.stringify(e.submission()));
	return state;
}

/**
 * The incremental cache must be invisible: every difference between what `live` reports and
 * what a fresh engine on a deep copy of its answers reports (reads write nothing, so the
 * copy holds every draw and entry `live` made).
 */
export function staleness(live: FormEngine, options: Partial<EngineOptions> = {}): string[] {
	const mine = stateOf(live);
	const fresh = new FormEngine(live.form, structuredClone(live.answers), {
		today: '2026-11-30',
		...options,
		confirmed: live.confirmations(),
		unlinked: live.unlinked()
	});
	const theirs = stateOf(fresh);
	const keys = new Set([...mine.keys(), ...theirs.keys()]);
	return [...keys]
		.filter((k) => mine.get(k) !== theirs.get(k))
		.map((k) => `${k}: live ${mine.get(k)?.slice(0, 300) ?? '(none)'} ≠ fresh ${theirs.get(k)?.slice(0, 300) ?? '(none)'}`);
}

/** Answers with every entry's `_key` taken out (after checking each entry has a UUID), to compare with plain objects. */
export function withoutKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutKeys);
	if (typeof value !== 'object' || value === null || 'special' in value || 'lat' in value || 'no_fix' in value) return value;
	return Object.fromEntries(
		Object.entries(value)
			.filter(([k]) => k !== '_key')
			.map(([k, v]) => [k, Array.isArray(v) ? v.map(keyed) : v])
	);
}

function keyed(entry: unknown): unknown {
	if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return entry;
	const key = (entry as Record<string, unknown>)._key;
	if (typeof key !== 'string' || !/^[0-9a-f-]{36}$/.test(key)) throw new Error(`an entry without a _key: ${JSON.stringify(entry)}`);
	return withoutKeys(entry);
}

/** A choice list from "value=code" specs (a spec without "=" is an uncoded choice): coded('male=1', 'female=2'). */
export function coded(...specs: string[]): Choice[] {
	return specs.map((s) => {
		const [value, code] = s.split('=');
		return { value, label: tr(value), ...(code === undefined ? {} : { code: Number(code) }) };
	});
}

/** Version `version` of the test form, compiled; a problem fails the test that made it. */
export function compiledVersion(version: string, items: Item[], choices: Record<string, Choice[]>): CompiledForm {
	const result = compileForm({ ...definitionOf(items, choices), version });
	if (result.status !== 'ok') throw new Error(JSON.stringify(result.problems));
	return result.form;
}
