/**
 * A stored submission as the questionnaire reads, for the desk: in the definition's order, each
 * question answered with its label (every language: the desk picks the one chosen), choices by
 * their labels, groups as headings, each repeat entry numbered. Questions not asked (no answer)
 * and calculations (never shown to the interviewer) are left out.
 */
import type { CompiledForm, Item, Question, Translated } from '$lib/form';
import type { DeskLine, DeskValue } from '$lib/wire';

const plain = (text: string): Translated => ({ hy: text, ru: text, en: text });

function special(value: unknown): 'dont_know' | 'refused' | undefined {
	if (typeof value !== 'object' || value === null || !('special' in value)) return undefined;
	const s = (value as { special: unknown }).special;
	return s === 'dont_know' || s === 'refused' ? s : undefined;
}

/** An answer as shown: choice labels for choices, else the value as text. */
export function shown(form: CompiledForm, question: Question, value: unknown): DeskValue {
	const dk = special(value);
	if (dk) return { special: dk };
	const list = question.choices === undefined ? undefined : form.definition.choices[question.choices];
	if (list && (question.type === 'select_one' || question.type === 'select_multiple')) {
		const values = Array.isArray(value) ? value : [value];
		return { labels: values.map((v) => list.find((c) => c.value === v)?.label ?? plain(String(v))) };
	}
	if (question.type === 'geopoint' && typeof value === 'object' && value !== null) {
		const p = value as { lat?: unknown; lon?: unknown; accuracy?: unknown; no_fix?: unknown };
		if (typeof p.no_fix === 'string') return { text: `— (${p.no_fix})` };
		return { text: `${String(p.lat)}, ${String(p.lon)} (± ${String(p.accuracy)} m)` };
	}
	return { text: typeof value === 'string' ? value : JSON.stringify(value) };
}

/** A line with where it stands in the answers (`key`, e.g. `member.2.m_age`; headings `#group`, `#member.2`) and the raw answer. */
export interface KeyedLine {
	key: string;
	raw?: unknown;
	line: DeskLine;
}

/** The lines of `items` answered in `scope` (the top-level answers, or one repeat entry's, under `prefix`). */
function linesOf(
	form: CompiledForm,
	items: readonly Item[],
	scope: Record<string, unknown>,
	depth: number,
	prefix: string,
	out: KeyedLine[]
): void {
	for (const item of items) {
		if (item.type === 'group') {
			const before = out.length;
			out.push({ key: `#${prefix}${item.name}`, line: { depth, label: item.label } });
			linesOf(form, item.items, scope, depth + 1, prefix, out);
			if (out.length === before + 1) out.pop(); // nothing answered in it
		} else if (item.type === 'repeat') {
			const entries = scope[item.name];
			if (!Array.isArray(entries) || entries.length === 0) continue;
			entries.forEach((entry: unknown, n) => {
				const at = `${prefix}${item.name}.${n + 1}`;
				out.push({ key: `#${at}`, line: { depth, label: item.label, entry: n + 1 } });
				if (typeof entry === 'object' && entry !== null)
					linesOf(form, item.items, entry as Record<string, unknown>, depth + 1, `${at}.`, out);
			});
		} else if (item.type !== 'calculate' && item.name in scope && scope[item.name] !== null) {
			const raw = scope[item.name];
			out.push({
				key: `${prefix}${item.name}`,
				raw,
				line: { depth, label: item.label ?? plain(item.name), value: shown(form, item, raw) }
			});
		}
	}
}

/** answerLines with each line's key and raw answer: what a comparison of two versions lines up by (conflicts.ts). */
export function keyedLines(form: CompiledForm, answers: Record<string, unknown>): KeyedLine[] {
	const out: KeyedLine[] = [];
	linesOf(form, form.definition.items, answers, 0, '', out);
	return out;
}

export function answerLines(form: CompiledForm, answers: Record<string, unknown>): DeskLine[] {
	return keyedLines(form, answers).map((k) => k.line);
}
