/**
 * A driver that answers an interview screen by screen in any interface language, for any
 * form definition, reading every question and choice label from the definition as an
 * interviewer reads them on the tablet: deployment settings cited in labels are filled in
 * (with the settings the test server was given), member links are answered by the member's
 * name (the choice reads "<line>. <summary>", as the engine makes it), and repeats nest.
 *
 * Answers are data: question NAME → choice CODE, codes, a typed value, Don't know / Refused,
 * a location, or a link to a member by name; a repeat NAME → one Answers per entry. A repeat
 * whose entries follow a `count` (the migrant entry inside a member) may also be answered
 * "flat": its questions among the answers of the entry around it.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { currentForm } from '../../src/lib/forms/index';
import { messages } from '../../src/lib/i18n/all';
import {
	cite,
	type Deployment,
	type FormDefinition,
	type Item,
	type Language,
	type Question,
	type Repeat
} from '../../src/lib/form/schema';
import { TEST_DEPLOYMENT } from '../support/deployment';
import { exactly } from './helpers';

export const DK = { special: 'dont_know' } as const;
export const REFUSED = { special: 'refused' } as const;
/** A member link: the entry of the linked repeat whose first summary answer (the name) is this. */
export interface Link {
	link: string;
}
export const linkTo = (name: string): Link => ({ link: name });
/** A location the device records (the test's browser context is given it), or the reason there is none. */
export type Location = { lat: number; lon: number; accuracy: number } | { no_fix: string };
export type Value = string | string[] | typeof DK | typeof REFUSED | Link | Location;
export interface Answers {
	[name: string]: Value | Answers[];
}
/** Screens in the order of the form: a top-level name → its answers (a top-level repeat: one per entry). */
export type Household = Record<string, Answers | Answers[]>;

export const t = (lang: Language) => messages[lang];

const isSpecial = (v: unknown): v is typeof DK | typeof REFUSED => typeof v === 'object' && v !== null && 'special' in v;
const isLink = (v: unknown): v is Link => typeof v === 'object' && v !== null && 'link' in v;
const isEntries = (v: unknown): v is Answers[] => Array.isArray(v) && v.some((e) => typeof e === 'object');

interface Located {
	item: Item;
	/** The innermost repeat holding it: the export table of its column ('' for the household). */
	table: string;
}

/** The question blocks (label, input, alerts) under `scope` whose label reads exactly `label`. */
const questionIn = (scope: Locator | Page, label: string) =>
	scope.locator('.question').filter({ has: pageOf(scope).getByText(exactly(label)) });
const pageOf = (scope: Locator | Page): Page => ('page' in scope && typeof scope.page === 'function' ? scope.page() : (scope as Page));

/**
 * The part of an entry each of its items is on: an open entry pages through parts, a part
 * for each group and nested repeat, and one for each run of questions between them (the
 * rule of src/lib/form/steps.ts, read here from the definition alone).
 */
export function partsOf(items: Item[]): Map<string, number> {
	const parts = new Map<string, number>();
	let part = -1;
	let run = false;
	for (const item of items) {
		const container = item.type === 'group' || item.type === 'repeat';
		if (container || !run) part++;
		run = !container;
		parts.set(item.name, part);
	}
	return parts;
}

/** An open entry's own part heading ("Part k of n: …"), Next part and Done: not those of an entry inside it. */
const partHeading = (entry: Locator) => entry.locator(':scope > .entry > .parts > .part');
const entryButton = (entry: Locator, name: string) =>
	entry.locator(':scope > .actions, :scope > .entry > .parts > .foot').getByRole('button', { name, exact: true });

export class FormDriver {
	readonly form: FormDefinition;
	private readonly located = new Map<string, Located>();

	constructor(
		definition: FormDefinition = currentForm.definition,
		readonly deployment: Deployment = TEST_DEPLOYMENT
	) {
		this.form = definition;
		const index = (items: Item[], table: string) => {
			for (const item of items) {
				this.located.set(item.name, { item, table });
				if (item.type === 'group') index(item.items, table);
				if (item.type === 'repeat') index(item.items, item.name);
			}
		};
		index(definition.items, '');
	}

	node(name: string): Located {
		const found = this.located.get(name);
		if (!found) throw new Error(`no item "${name}" in ${this.form.id} ${this.form.version}`);
		return found;
	}

	/** A label as the tablet shows it: deployment settings cited. */
	labelOf = (name: string, lang: Language): string => {
		const label = this.node(name).item.label?.[lang];
		if (!label) throw new Error(`"${name}" has no label`);
		return cite(label, this.deployment, lang);
	};

	choiceLabel = (q: Question, code: string, lang: Language): string => {
		const choice = this.form.choices[q.choices!]?.find((c) => c.value === code);
		if (!choice) throw new Error(`${q.name}: no choice "${code}"`);
		return cite(choice.label[lang], this.deployment, lang);
	};

	/** The entries of repeat `name` in the household: a screen of its own, or inside a screen's answers. */
	entriesOf(h: Household, name: string): Answers[] {
		if (Array.isArray(h[name])) return h[name];
		for (const screen of Object.values(h)) if (!Array.isArray(screen) && isEntries(screen[name])) return screen[name] as Answers[];
		throw new Error(`the household has no entries of "${name}" (a link to a nested repeat is not supported here)`);
	}

	/** The linked entry's line (1-based) in its repeat, found by its first summary answer. */
	linkedLine(h: Household, q: Question, value: Link): number {
		const repeat = this.node(q.link!).item as Repeat;
		const by = repeat.summary?.[0];
		if (!by) throw new Error(`repeat "${repeat.name}" has no summary to find "${value.link}" by`);
		const line = this.entriesOf(h, repeat.name).findIndex((e) => e[by] === value.link) + 1;
		if (!line) throw new Error(`${q.name}: no ${repeat.name} entry "${value.link}"`);
		return line;
	}

	/** A link choice as the engine labels it: "<line>. <summary answers joined by ' · '>". */
	linkLabel(h: Household, q: Question, value: Link, lang: Language): string {
		const repeat = this.node(q.link!).item as Repeat;
		const line = this.linkedLine(h, q, value);
		const entry = this.entriesOf(h, repeat.name)[line - 1];
		const parts = (repeat.summary ?? []).flatMap((name) => {
			const v = entry[name];
			if (v === undefined || isSpecial(v)) return [];
			const s = this.node(name).item as Question;
			return [s.type === 'select_one' && s.choices ? this.choiceLabel(s, v as string, lang) : String(v)];
		});
		return [String(line), parts.join(' · ')].filter(Boolean).join('. ');
	}

	/** A value as the CSV export writes it: codes separated by spaces, -1 Don't know, -2 Refused, a link its line. */
	exported(value: Value, q?: Question, h?: Household): string {
		if (Array.isArray(value)) return value.join(' ');
		if (isSpecial(value)) return value.special === 'dont_know' ? '-1' : '-2';
		if (isLink(value)) {
			if (!q || !h) throw new Error(`a link to "${value.link}" needs its question and household to be exported`);
			return String(this.linkedLine(h, q, value));
		}
		if (typeof value === 'object') return 'no_fix' in value ? '' : `${value.lat} ${value.lon} ${value.accuracy}`;
		return value;
	}

	/** The answers among `answers` that land in export table `table`, as the export writes them (links: their line). */
	expectedRow(answers: Answers, table: string, h?: Household): Record<string, string> {
		return Object.fromEntries(
			Object.entries(answers)
				.filter(([name, v]) => this.node(name).table === table && !isEntries(v) && this.node(name).item.type !== 'repeat')
				.map(([name, v]) => [name, this.exported(v as Value, this.node(name).item as Question, h)])
		);
	}

	/** Every answer of the household outside the top-level repeats, by name. */
	householdAnswers = (h: Household): Answers => Object.assign({}, ...Object.values(h).filter((a): a is Answers => !Array.isArray(a)));

	/** The questions under `items`, in the order of the form (nested groups and repeats included). */
	questionsUnder(items: Item[]): Question[] {
		return items.flatMap((item) => (item.type === 'group' || item.type === 'repeat' ? this.questionsUnder(item.items) : [item]));
	}

	/** The question names of the household table after `name`, in the order of the form (calculations and notes left out). */
	questionsAfter = (name: string): string[] => {
		const all = this.questionsUnder(this.form.items).filter(
			(q) => this.node(q.name).table === '' && q.type !== 'calculate' && q.type !== 'note'
		);
		return all.slice(all.findIndex((q) => q.name === name) + 1).map((q) => q.name);
	};

	// ── the driver ────────────────────────────────────────────────────────────────────

	/** Answers one question inside `scope`, found by its label (the `nth` of that label there), by its type. */
	private async answer(scope: Locator | Page, lang: Language, q: Question, value: Value, nth: number, h?: Household): Promise<void> {
		const label = this.labelOf(q.name, lang);
		const block = questionIn(scope, label).nth(nth);
		if (isSpecial(value)) {
			const button = block.getByRole('button', { name: t(lang)[value.special], exact: true });
			await button.click();
			await expect(button).toHaveAttribute('aria-pressed', 'true');
			return;
		}
		if (isLink(value)) {
			if (!h) throw new Error(`${q.name}: answering a link needs the household`);
			const choice = block.getByRole('radio', { name: this.linkLabel(h, q, value, lang), exact: true });
			await choice.check();
			return;
		}
		if (q.type === 'geopoint') {
			const location = value as Location;
			const group = block.getByRole('group', { name: label, exact: true });
			if ('no_fix' in location) {
				await group.getByRole('button', { name: t(lang).no_fix, exact: true }).click();
				await group.getByLabel(t(lang).no_fix_reason, { exact: true }).fill(location.no_fix);
				return;
			}
			const context = pageOf(scope).context();
			await context.grantPermissions(['geolocation']);
			await context.setGeolocation({ latitude: location.lat, longitude: location.lon, accuracy: location.accuracy });
			await group.getByRole('button', { name: t(lang).record_location, exact: true }).click();
			// Armenian and Russian write a decimal comma, so the two coordinates part with a semicolon there.
			const [lat, lon] = [location.lat, location.lon].map((n) => (lang === 'en' ? n.toFixed(5) : n.toFixed(5).replace('.', ',')));
			await expect(group).toContainText(lang === 'en' ? `${lat}, ${lon}` : `${lat}; ${lon}`);
			return;
		}
		if (q.type === 'select_one' || q.type === 'select_multiple') {
			const role = q.type === 'select_one' ? 'radio' : 'checkbox';
			for (const code of [value as string | string[]].flat())
				await block.getByRole(role, { name: this.choiceLabel(q, code, lang), exact: true }).check();
			return;
		}
		await block.getByLabel(exactly(label)).fill(value as string);
	}

	/** The summary line of an entry, as the roster lists it: "Entry n: answers, joined by commas". */
	private entryName(repeat: Repeat, entry: Answers, i: number, lang: Language, h?: Household): string {
		const summary = (repeat.summary ?? []).flatMap((name) => {
			const q = this.node(name).item as Question;
			const value = entry[name];
			if (value === undefined) return [];
			if (isSpecial(value)) return [t(lang)[value.special]];
			if (isLink(value)) return [this.linkLabel(h!, q, value, lang)];
			if (q.choices)
				return [
					[value as string | string[]]
						.flat()
						.map((code) => this.choiceLabel(q, code, lang))
						.join(', ')
				];
			return [this.exported(value as Value)];
		});
		return `${t(lang).entry_n.replace('{n}', String(i + 1))}: ${summary.join(', ')}`;
	}

	/** Adds (unless its entries follow a count) and answers each entry of a repeat, checking its summary line. */
	private async answerEntries(scope: Locator | Page, lang: Language, repeat: Repeat, entries: Answers[], h?: Household) {
		const label = this.labelOf(repeat.name, lang);
		const region = scope.getByRole('region', { name: label, exact: true });
		for (const [i, entry] of entries.entries()) {
			if (repeat.count === undefined) await region.getByRole('button', { name: `${t(lang).add_entry}: ${label}`, exact: true }).click();
			const item = region.locator(':scope > ol > li').nth(i);
			await this.answerAll(item, lang, repeat.items, entry, h, true);
			// Done closes an entry that can be closed (beside its line, or at the foot of its last part).
			if (repeat.count === undefined) await entryButton(item, t(lang).close_entry).click();
			await expect(region.getByRole('listitem', { name: this.entryName(repeat, entry, i, lang, h), exact: true })).toBeVisible();
		}
	}

	/**
	 * Answers the listed questions of `items` inside `scope`, in the order of the form; repeats
	 * entry by entry. In an open entry (`entry`), "Next part" pages on to the part of the next question.
	 */
	async answerAll(scope: Locator | Page, lang: Language, items: Item[], answers: Answers, h?: Household, entry = false): Promise<void> {
		const names = new Set<string>();
		const collect = (list: Item[]) =>
			list.forEach((i) => (names.add(i.name), (i.type === 'group' || i.type === 'repeat') && collect(i.items)));
		collect(items);
		const unknown = Object.keys(answers).filter((name) => !names.has(name));
		if (unknown.length) throw new Error(`not on this screen: ${unknown.join(', ')}`);
		let seen: string[] = [];
		const parts = partsOf(items);
		let at = 0;
		/** Pages the entry on to the part of `target` (an entry opens at its first part): Next part until it shows. */
		const reach = async (name: string, target: Locator) => {
			const part = parts.get(name);
			if (!entry || part === undefined || part <= at) return;
			const entryScope = scope as Locator;
			const next = entryButton(entryScope, t(lang).next_part);
			for (let paged = false; ; paged = true) {
				await expect(target.or(next).first()).toBeVisible();
				// No parts to page through (the entry has one), or the part reached.
				if ((await next.count()) === 0 || (paged && (await target.count()) > 0)) break;
				const before = (await partHeading(entryScope).textContent()) ?? '';
				await next.click();
				await expect(partHeading(entryScope)).not.toHaveText(before);
				seen = [];
			}
			at = part;
		};
		const walk = async (list: Item[], top: string | undefined): Promise<void> => {
			for (const item of list) {
				const inPart = top ?? item.name;
				if (item.type === 'group') await walk(item.items, inPart);
				else if (item.type === 'repeat') {
					const given = answers[item.name];
					const flat = item.count !== undefined && this.questionsUnder(item.items).some((q) => q.name in answers);
					if (isEntries(given) || flat)
						await reach(inPart, scope.getByRole('region', { name: this.labelOf(item.name, lang), exact: true }));
					if (isEntries(given)) await this.answerEntries(scope, lang, item, given, h);
					else if (flat) {
						// Flat: the one entry a count opens, answered among the answers around it.
						const one = Object.fromEntries(
							this.questionsUnder(item.items)
								.filter((q) => q.name in answers)
								.map((q) => [q.name, answers[q.name]])
						);
						await this.answerEntries(scope, lang, item, [one], h);
					}
				} else if (item.name in answers) {
					const label = this.labelOf(item.name, lang);
					await reach(inPart, questionIn(scope, label).nth(seen.filter((l) => l === label).length));
					await this.answer(scope, lang, item, answers[item.name] as Value, seen.filter((l) => l === label).length, h);
					seen.push(label);
				}
			}
		};
		await walk(items, undefined);
	}

	/** Answers one screen (a top-level repeat: an entry per element), then Next unless `next` is false. */
	answerScreen = async (
		page: Page,
		lang: Language,
		screen: string,
		answers: Answers | Answers[],
		options: { next?: boolean; household?: Household } = {}
	) => {
		const item = this.node(screen).item as Item & { items: Item[] };
		await expect(page.getByRole('heading', { name: this.labelOf(screen, lang), exact: true })).toBeVisible();
		if (Array.isArray(answers)) await this.answerEntries(page, lang, item as Repeat, answers, options.household);
		else await this.answerAll(page, lang, item.items, answers, options.household);
		if (options.next !== false) await page.getByRole('button', { name: t(lang).next, exact: true }).click();
	};

	/**
	 * Answers the screens of `screens` in order, each followed by Next; links are read in
	 * `household` (default: `screens`); `answered` runs on each screen once it is answered, before Next.
	 */
	interview = async (
		page: Page,
		lang: Language,
		screens: Household,
		options: { household?: Household; answered?: (screen: string) => Promise<void> } = {}
	): Promise<void> => {
		const household = options.household ?? screens;
		for (const [screen, answers] of Object.entries(screens)) {
			await this.answerScreen(page, lang, screen, answers, { household, next: false });
			await options.answered?.(screen);
			await page.getByRole('button', { name: t(lang).next, exact: true }).click();
		}
	};
}

/** The household's screens before `screen`, and from it on. */
export function split(h: Household, screen: string): [Household, Household] {
	const entries = Object.entries(h);
	const at = entries.findIndex(([name]) => name === screen);
	return [Object.fromEntries(entries.slice(0, at)), Object.fromEntries(entries.slice(at))];
}

/** On the review screen: nothing missing; finalize. */
export async function finalize(page: Page, lang: Language): Promise<void> {
	await expect(page.getByRole('heading', { name: t(lang).review_heading })).toBeVisible();
	await expect(page.getByText(t(lang).review_ok)).toBeVisible();
	await page.getByRole('button', { name: t(lang).finalize, exact: true }).click();
	await page.getByRole('button', { name: t(lang).finalize_confirm, exact: true }).click();
}
