/**
 * One household of the Martuni questionnaire, written once as data (question NAME → choice
 * CODE or typed value), and a driver that answers it screen by screen in any interface
 * language, reading every question and choice label from the form definition, as an
 * interviewer reads them on the tablet.
 */
import { expect, type Page } from '@playwright/test';
import definition from '../../src/lib/forms/household_migration.2026-12-01.json' with { type: 'json' };
import { messages } from '../../src/lib/i18n/index';
import type { FormDefinition, Item, Language, Question } from '../../src/lib/form/schema';
import { exactly, question } from './helpers';

const form = definition as unknown as FormDefinition;

export const DK = { special: 'dont_know' } as const;
export const REFUSED = { special: 'refused' } as const;
/** A choice code, codes of a multiple choice, a typed value, or Don't know / Refused. */
export type Value = string | string[] | typeof DK | typeof REFUSED;
export type Answers = Record<string, Value>;
/** Screens in the order of the form: a top-level name → its answers (the roster: one per member). */
export type Household = Record<string, Answers | Answers[]>;

/** A date `days` before today, as a date input takes it. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * A household of four in Armenia, displaced from Martuni town in 2023: the head Samvel in
 * Krasnodar since 1995 who stopped sending money and has not been home since 2020; his wife
 * Anahit (the respondent, and the woman of module F); their son Vardan in Moscow, who sends
 * money every month; their daughter Lilit, 12.
 */
export function household(place: string): Household {
	return {
		interview: { site_type: 'armenia', settlement: 'other', settlement_other: place },
		consent_block: { consent: 'yes' },
		respondent: {
			resp_sex: 'female',
			resp_age: '47',
			resp_rel_head: 'spouse',
			hh_origin: 'martuni_town',
			hh_moved_year: '2023',
			hh_forced_move: 'yes',
			hh_forced_from: ['exodus_2023']
		},
		member: [
			{
				m_name: 'Samvel',
				m_sex: 'male',
				m_age: '50',
				m_rel_head: 'head',
				m_marital: 'married_civil',
				m_educ: 'secondary',
				m_activity: 'employed',
				m_away: 'yes',
				m_months_away: '12',
				m_refugee: 'no',
				mig_dest_country: 'russia',
				mig_dest_city: 'krasnodar',
				mig_year_first: '1995',
				mig_year_last: '2019',
				mig_months_abroad: '12',
				mig_expect_return: DK,
				mig_reasons: ['no_work', 'war'],
				mig_reason_main: 'no_work',
				mig_reason_second: 'war',
				mig_sector: 'construction',
				mig_legal: 'residence',
				mig_cost_paid_by: ['borrowed'],
				mig_visits: 'less_often',
				mig_last_visit_year: '2020',
				mig_visit_barriers: ['travel_cost', 'cannot_afford'],
				mig_contact: 'rarely',
				mig_family_join: 'no',
				rem_freq: 'never',
				rem_goods: 'no',
				rem_trend: 'stopped',
				rem_reverse: 'no'
			},
			{
				m_name: 'Anahit',
				m_sex: 'female',
				m_age: '47',
				m_rel_head: 'spouse',
				m_marital: 'married_civil',
				m_educ: 'vocational',
				m_activity: 'homemaker',
				m_away: 'no',
				m_months_away: '0',
				m_refugee: 'yes',
				m_refugee_year: '1989'
			},
			{
				m_name: 'Vardan',
				m_sex: 'male',
				m_age: '24',
				m_rel_head: 'child',
				m_marital: 'never_married',
				m_educ: 'higher',
				m_activity: 'employed',
				m_away: 'yes',
				m_months_away: '11',
				m_refugee: 'no',
				mig_dest_country: 'russia',
				mig_dest_city: 'moscow',
				mig_year_first: '2019',
				mig_year_last: '2023',
				mig_months_abroad: '10',
				mig_expect_return: 'yes',
				mig_reasons: ['no_work', 'nepotism'],
				mig_reason_main: 'nepotism',
				mig_reason_second: 'no_work',
				mig_sector: 'trade',
				mig_legal: 'work_permit',
				mig_cost_paid_by: ['relatives_dest'],
				mig_visits: 'once_year',
				mig_last_visit_year: '2025',
				mig_contact: 'weekly',
				mig_family_join: 'want_cannot',
				mig_join_barrier: ['cannot_afford', 'housing'],
				rem_freq: 'monthly',
				rem_goods: 'yes',
				rem_currency: 'rub',
				rem_amount: '240000',
				rem_last_amount: '20000',
				rem_last_date: daysAgo(12),
				rem_channel: ['mto', 'carried'],
				rem_goods_value: '50000',
				rem_receiver: '2',
				rem_trend: 'little_less',
				rem_reverse: 'no'
			},
			{
				m_name: 'Lilit',
				m_sex: 'female',
				m_age: '12',
				m_rel_head: 'child',
				m_educ: 'basic',
				m_away: 'no',
				m_months_away: '0',
				m_refugee: 'no'
			}
		],
		roster_check: { roster_ok: 'yes' },
		soviet: { sov_seasonal: 'yes', sov_dest: ['russia', 'kazakhstan'], sov_seasons: '6' },
		remittances: {
			rem_any: 'yes',
			rem_uses: ['food', 'debts', 'health'],
			help_kin_in: 'yes',
			help_kin_in_kind: ['money', 'goods'],
			help_kin_in_tie: ['close_relative'],
			help_kin_abr: 'yes',
			help_kin_abr_kind: ['money', 'find_work'],
			help_kin_abr_tie: ['distant_relative'],
			help_kin_frn: 'yes',
			help_kin_frn_kind: ['goods'],
			help_kin_frn_tie: ['neighbour', 'fellow_villager'],
			help_expect_rel_in: 'likely',
			help_expect_rel_abr: 'unlikely',
			help_expect_friends: 'neutral',
			help_expect_neighbours: REFUSED
		},
		economy: {
			inc_sources: ['wages', 'remittances', 'relatives', 'humanitarian'],
			hh_income_band: 'amd_2',
			land_ha: '0.5',
			livestock: 'yes',
			debt: 'yes',
			assets_sold: 'no',
			food_reduced: 'sometimes',
			econ_ladder: 'food_only',
			job_factor: 'connections'
		},
		women_intro: { f_privacy: 'yes', f_resp_line: '2', f_consent: 'yes' },
		women: {
			f_husband_away: 'yes',
			f_husband_line: '1',
			f_husband_years: '7',
			f_contact: 'rarely',
			f_self_view: 'no',
			f_strategies: ['own_work', 'husband_kin', 'eating_less'],
			f_decides_spending: 'self',
			f_decides_large: 'husband_phone',
			f_decides_health: 'self',
			f_decides_visits: 'in_law',
			f_tasks_new: ['officials', 'bills', 'repairs'],
			f_inlaw_supervision: 'agree',
			f_work_accept: ['market', 'care'],
			f_work_away: ['cleaning', 'cafe'],
			f_role_change: 'agree_strongly',
			f_would_migrate: DK
		},
		security: {
			g_war_fear: 'rather_likely',
			g_military: 'no',
			g_privacy: 'yes',
			g_list_count: '3',
			g_draft_avoid: 'some',
			g_emigrate_plan: 'yes_temporary',
			g_emigrate_reason: 'war',
			g_close_rel_abroad: 'yes'
		},
		observations: { h_private: ['nobody'], h_cooperation: 'good', h_notes: 'Calm; the son called during the interview.' }
	};
}

// ── the form, read as data ──────────────────────────────────────────────────────────

interface Located {
	item: Item;
	/** The innermost repeat holding it: the export table of its column ('' for the household). */
	table: string;
}
const located = new Map<string, Located>();
(function index(items: Item[], table: string) {
	for (const item of items) {
		located.set(item.name, { item, table });
		if (item.type === 'group') index(item.items, table);
		if (item.type === 'repeat') index(item.items, item.name);
	}
})(form.items, '');

const node = (name: string) => {
	const found = located.get(name);
	if (!found) throw new Error(`no item "${name}" in the form`);
	return found;
};

/** The questions under `items`, in the order of the form (nested groups and repeats included). */
function questionsUnder(items: Item[]): Question[] {
	return items.flatMap((item) => (item.type === 'group' || item.type === 'repeat' ? questionsUnder(item.items) : [item]));
}

export const t = (lang: Language) => messages[lang];
export const labelOf = (name: string, lang: Language): string => {
	const label = node(name).item.label?.[lang];
	if (!label) throw new Error(`"${name}" has no label`);
	return label;
};
export function choiceLabel(q: Question, code: string, lang: Language): string {
	const choice = form.choices[q.choices!]?.find((c) => c.value === code);
	if (!choice) throw new Error(`${q.name}: no choice "${code}"`);
	return choice.label[lang];
}

/** A value as the CSV export writes it: codes separated by spaces, -1 Don't know, -2 Refused. */
export function exported(value: Value): string {
	if (Array.isArray(value)) return value.join(' ');
	if (typeof value === 'object') return value.special === 'dont_know' ? '-1' : '-2';
	return value;
}

/** The answers among `answers` that land in an export table, as the export writes them. */
export function expectedRow(answers: Answers, table: string): Record<string, string> {
	return Object.fromEntries(
		Object.entries(answers)
			.filter(([name]) => node(name).table === table)
			.map(([n, v]) => [n, exported(v)])
	);
}

/** Every answer of the household outside the roster, by name. */
export const householdAnswers = (h: Household): Answers =>
	Object.assign({}, ...Object.values(h).filter((a): a is Answers => !Array.isArray(a)));

/** The question names of the household table after `name`, in the order of the form (calculations left out). */
export const questionsAfter = (name: string): string[] => {
	const all = questionsUnder(form.items).filter((q) => node(q.name).table === '' && q.type !== 'calculate' && q.type !== 'note');
	return all.slice(all.findIndex((q) => q.name === name) + 1).map((q) => q.name);
};

// ── the driver ──────────────────────────────────────────────────────────────────────

/** Answers one question, found by its label (the `nth` of that label on the screen), by its type. */
async function answer(page: Page, lang: Language, q: Question, value: Value, nth: number): Promise<void> {
	const label = labelOf(q.name, lang);
	const block = question(page, label).nth(nth);
	if (typeof value === 'object' && !Array.isArray(value)) {
		const button = block.getByRole('button', { name: t(lang)[value.special], exact: true });
		await button.click();
		await expect(button).toHaveAttribute('aria-pressed', 'true');
		return;
	}
	if (q.type === 'select_one' || q.type === 'select_multiple') {
		const role = q.type === 'select_one' ? 'radio' : 'checkbox';
		for (const code of [value].flat()) await block.getByRole(role, { name: choiceLabel(q, code, lang), exact: true }).check();
		return;
	}
	await block.getByLabel(exactly(label)).fill(value as string);
}

/** Answers the listed questions of the open part of a screen, in the order of the form. */
export async function answerAll(page: Page, lang: Language, items: Item[], answers: Answers): Promise<void> {
	const questions = questionsUnder(items).filter((q) => q.name in answers);
	const unknown = Object.keys(answers).filter((name) => !questions.some((q) => q.name === name));
	if (unknown.length) throw new Error(`not on this screen: ${unknown.join(', ')}`);
	const seen: string[] = [];
	for (const q of questions) {
		const label = labelOf(q.name, lang);
		await answer(page, lang, q, answers[q.name], seen.filter((l) => l === label).length);
		seen.push(label);
	}
}

/** Answers one screen (for the roster: adds an entry per member), then Next unless `next` is false. */
export async function answerScreen(page: Page, lang: Language, screen: string, answers: Answers | Answers[], next = true): Promise<void> {
	const item = node(screen).item as Item & { items: Item[] };
	await expect(page.getByRole('heading', { name: labelOf(screen, lang), exact: true })).toBeVisible();
	if (Array.isArray(answers)) {
		for (const [i, entry] of answers.entries()) {
			await page.getByRole('button', { name: `${t(lang).add_entry}: ${labelOf(screen, lang)}`, exact: true }).click();
			await answerAll(page, lang, item.items, entry);
			// The entry's summary line reads back what was entered (e.g. name, relationship, age).
			const summary = ((item as { summary?: string[] }).summary ?? []).map((name) => {
				const q = node(name).item as Question;
				const value = entry[name];
				if (typeof value === 'object' && !Array.isArray(value)) return t(lang)[value.special];
				return q.choices ? choiceLabel(q, value as string, lang) : exported(value);
			});
			const entryName = `${t(lang).entry_n.replace('{n}', String(i + 1))}: ${summary.join(', ')}`;
			await expect(page.getByRole('listitem', { name: entryName, exact: true })).toBeVisible();
		}
	} else await answerAll(page, lang, item.items, answers);
	if (next) await page.getByRole('button', { name: t(lang).next, exact: true }).click();
}

/** Answers the screens of the household in order, each followed by Next. */
export async function interview(page: Page, lang: Language, h: Household): Promise<void> {
	for (const [screen, answers] of Object.entries(h)) await answerScreen(page, lang, screen, answers);
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
}
