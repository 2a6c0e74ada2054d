import { describe, it, expect } from 'vitest';
import { compileForm, FormEngine, isContainer, type CompiledForm, type Item, type Translated } from '$lib/form';
import definition from './household_migration.2026-12-01.json';
import { completeHousehold, head, household, migrant, son, wife } from './samples';

const TODAY = '2026-12-01';

function compiled(): CompiledForm {
	const result = compileForm(definition);
	if (result.status !== 'ok') throw new Error(JSON.stringify(result.problems, null, 2));
	return result.form;
}

/** An engine on a household as the interviewer leaves it: every screen entered, so once() draws are made and kept in `answers`. */
function engine(answers: Record<string, unknown>, options: { random?: () => number } = {}) {
	const e = new FormEngine(compiled(), answers, { today: TODAY, ...options });
	e.enter();
	return e;
}

/** Every item of the definition, depth first. */
function allItems(items: Item[] = definition.items as Item[]): Item[] {
	return items.flatMap((item) => [item, ...(isContainer(item) ? allItems(item.items) : [])]);
}

/** Every string a person reads, with where it stands. */
function translatedStrings(): { at: string; text: Translated }[] {
	const found: { at: string; text: Translated }[] = [{ at: 'title', text: definition.title }];
	for (const item of allItems()) {
		const q = item as Item & { hint?: Translated; constraint_message?: Translated };
		if (item.label) found.push({ at: `${item.name}.label`, text: item.label });
		if (q.hint) found.push({ at: `${item.name}.hint`, text: q.hint });
		if (q.constraint_message) found.push({ at: `${item.name}.constraint_message`, text: q.constraint_message });
	}
	for (const [list, choices] of Object.entries(definition.choices)) {
		for (const choice of choices) found.push({ at: `choices.${list}.${choice.value}`, text: choice.label });
	}
	return found;
}

const armenian = /[\u0531-\u058F]/;
const cyrillic = /[\u0400-\u04FF]/;

describe('household_migration 2026-12-01: the definition', () => {
	it('compiles without problems', () => {
		const result = compileForm(definition);
		expect(result.status === 'invalid' ? result.problems : []).toEqual([]);
		expect(result.status).toBe('ok');
		expect(definition.id).toBe('household_migration');
		expect(definition.version).toBe('2026-12-01');
		expect(definition.defaultLanguage).toBe('hy');
	});

	it('variable names are lower snake_case, at most 32 characters and unique; choice codes are snake_case', () => {
		const names = allItems().map((item) => item.name);
		for (const name of names) {
			expect(name, name).toMatch(/^[a-z][a-z0-9_]*$/);
			expect(name.length, name).toBeLessThanOrEqual(32);
		}
		expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
		for (const [list, choices] of Object.entries(definition.choices)) {
			expect(list).toMatch(/^[a-z][a-z0-9_]*$/);
			for (const c of choices) expect(c.value, `${list}.${c.value}`).toMatch(/^[a-z][a-z0-9_]*$/);
		}
	});

	it('every label, hint, choice label and message is in Armenian, Russian and English, and really translated', () => {
		const strings = translatedStrings();
		expect(strings.length).toBeGreaterThan(500);
		const bad: string[] = [];
		for (const { at, text } of strings) {
			const { hy, ru, en } = text;
			if (!hy?.trim() || !ru?.trim() || !en?.trim()) bad.push(`${at}: empty`);
			else {
				if (!armenian.test(hy) || cyrillic.test(hy)) bad.push(`${at}: hy is not Armenian`);
				if (!cyrillic.test(ru) || armenian.test(ru)) bad.push(`${at}: ru is not Russian`);
				if (armenian.test(en) || cyrillic.test(en)) bad.push(`${at}: en is not English`);
				if (hy === ru || hy === en || ru === en) bad.push(`${at}: two languages are identical`);
			}
		}
		expect(bad).toEqual([]);
	});

	it('has every module of the brief, A to H', () => {
		const names = new Set(allItems().map((item) => item.name));
		const modules: Record<string, string[]> = {
			A: [
				'site_type',
				'settlement',
				'settlement_other',
				'gps',
				'consent',
				'resp_sex',
				'resp_age',
				'resp_rel_head',
				'hh_origin',
				'hh_moved_year',
				'hh_forced_move'
			],
			B: [
				'member',
				'm_name',
				'm_sex',
				'm_age',
				'm_rel_head',
				'm_marital',
				'm_educ',
				'm_activity',
				'm_away',
				'm_months_away',
				'm_refugee',
				'm_refugee_year'
			],
			C: [
				'mig_dest_country',
				'mig_dest_city',
				'mig_year_first',
				'mig_year_last',
				'mig_months_abroad',
				'mig_type',
				'mig_expect_return',
				'mig_reason_main',
				'mig_reason_second',
				'mig_reasons',
				'mig_sector',
				'mig_legal',
				'mig_cost_paid_by',
				'mig_visits',
				'mig_last_visit_year',
				'mig_visit_barriers',
				'mig_contact',
				'mig_family_join',
				'mig_join_barrier',
				'sov_seasonal',
				'sov_dest',
				'sov_seasons'
			],
			D: [
				'rem_any',
				'rem_freq',
				'rem_amount',
				'rem_currency',
				'rem_last_amount',
				'rem_last_date',
				'rem_channel',
				'rem_goods',
				'rem_receiver',
				'rem_trend',
				'rem_reverse',
				'rem_uses',
				'help_kin_in',
				'help_kin_abr',
				'help_kin_frn',
				'help_kin_in_kind',
				'help_kin_in_tie',
				'help_expect_rel_in'
			],
			E: [
				'inc_sources',
				'inc_employed_n',
				'hh_income_band',
				'land_ha',
				'livestock',
				'debt',
				'assets_sold',
				'food_reduced',
				'econ_ladder',
				'job_factor'
			],
			F: [
				'f_privacy',
				'f_husband_away',
				'f_husband_years',
				'f_contact',
				'f_self_view',
				'f_virtual_widow',
				'f_strategies',
				'f_decides_spending',
				'f_decides_large',
				'f_decides_health',
				'f_decides_visits',
				'f_tasks_new',
				'f_inlaw_coresident',
				'f_inlaw_supervision',
				'f_work_accept',
				'f_role_change',
				'f_would_migrate'
			],
			G: [
				'g_war_fear',
				'g_military',
				'g_draft_avoid',
				'g_list_draw',
				'g_list_version',
				'g_list_count',
				'g_emigrate_plan',
				'g_emigrate_reason',
				'g_close_rel_abroad'
			],
			H: ['h_private', 'h_cooperation', 'h_notes']
		};
		for (const [module, expected] of Object.entries(modules))
			expect(
				expected.filter((n) => !names.has(n)),
				module
			).toEqual([]);
	});

	it('the migration and remittance questions live inside the member roster; calculated labels are calculations', () => {
		const form = compiled();
		for (const name of ['mig_dest_country', 'mig_type', 'rem_freq', 'rem_amount', 'rem_receiver'])
			expect(form.nodes.get(name)!.repeats).toEqual(['member', 'migrant']);
		for (const name of ['mig_type', 'f_virtual_widow', 'inc_employed_n', 'f_inlaw_coresident', 'g_list_version']) {
			expect(form.nodes.get(name)!.item.type, name).toBe('calculate');
		}
		expect(form.screens.map((s) => s.name)).toEqual([
			'interview',
			'consent_block',
			'respondent',
			'member',
			'roster_check',
			'soviet',
			'remittances',
			'economy',
			'women_intro',
			'women',
			'security',
			'observations'
		]);
	});
});

describe('household_migration 2026-12-01: behaviour', () => {
	it('a refusal leaves nothing else to ask and can be finalized at once', () => {
		const e = engine({ site_type: 'armenia', settlement: 'yerevan', consent: 'no' });
		const asked: string[] = [];
		e.walk((name) => asked.push(name));
		expect(asked).toEqual(['site_type', 'settlement', 'gps', 'consent_note', 'consent']);
		expect(e.issues()).toEqual([]);
		// Every screen after the place and the consent.
		for (const name of e.form.screens.slice(2).map((s) => s.name)) {
			expect(e.relevant(name), name).toBe(false);
		}
		expect(e.submission()).toEqual({ site_type: 'armenia', settlement: 'yerevan', consent: 'no' });
	});

	it('settlements follow the site; "other" asks for the name', () => {
		const e = engine({ site_type: 'russia' });
		expect(e.choices('settlement').map((c) => c.value)).toEqual(['moscow', 'krasnodar', 'other']);
		e.set('site_type', [], 'martuni');
		expect(e.choices('settlement').map((c) => c.value)).toContain('martuni_town');
		expect(e.relevant('settlement_other')).toBe(false);
		e.set('settlement', [], 'other');
		expect(e.relevant('settlement_other')).toBe(true);
	});

	it('migration questions are asked only in the entries of members away (or back from three months or more away)', () => {
		const e = engine(household({ member: [head, migrant({ m_rel_head: 'sibling' }), { ...son, m_months_away: 4 }] }));
		expect(e.relevant('mig_dest_country', [0, 0])).toBe(false);
		expect(e.relevant('rem_freq', [0, 0])).toBe(false);
		expect(e.relevant('mig_dest_country', [1, 0])).toBe(true);
		expect(e.relevant('rem_freq', [1, 0])).toBe(true);
		// a seasonal migrant who is home at the time of the interview
		expect(e.relevant('mig_dest_country', [2, 0])).toBe(true);
		expect(e.relevant('mig_contact', [2, 0])).toBe(false);
		expect(e.value('n_migrants')).toBe(2);
		expect(e.value('mig_type', [1, 0])).toBe('long_term');
		e.set('mig_months_abroad', [2, 0], 4);
		e.set('mig_visits', [2, 0], 'once_year');
		expect(e.value('mig_type', [2, 0])).toBe('seasonal');
	});

	it('a complete household interview has no issue left', () => {
		const e = engine(completeHousehold(), { random: () => 0.7 });
		expect(e.issues()).toEqual([]);
		expect(e.value('inc_employed_n')).toBe(2);
		expect(e.value('n_members')).toBe(4);
		expect(e.value('g_list_version')).toBe('long');
		expect(e.value('f_inlaw_coresident')).toBe(0);
		expect(e.value('f_virtual_widow')).toBe(0);
		const sent = e.submission();
		const vardan = (sent.member as Record<string, unknown>[])[3];
		expect((vardan.migrant as Record<string, unknown>[])[0]).toMatchObject({ mig_type: 'long_term', m_remits: 1, rem_amount: 240000 });
		expect(sent).not.toHaveProperty('mig_dest_country');
	});

	it('module F is not asked without privacy; H then records who was present', () => {
		const e = engine(household({ member: [head, wife], f_privacy: 'no' }));
		expect(e.relevant('women_intro')).toBe(true);
		for (const name of ['f_resp_line', 'f_consent', 'women', 'f_husband_away', 'f_strategies', 'f_decides_health'])
			expect(e.relevant(name), name).toBe(false);
		expect(e.value('f_virtual_widow')).toBeNull();
		expect(e.relevant('h_private')).toBe(true);
		e.set('f_privacy', [], 'yes');
		e.set('f_resp_line', [], 2);
		e.set('f_consent', [], 'yes');
		expect(e.relevant('f_husband_away')).toBe(true);
		expect(e.value('f_inlaw_coresident')).toBe(0);
	});

	it('module F is skipped where no woman of 18 or over lives in the household', () => {
		const e = engine(household({ member: [head, son] }));
		expect(e.value('n_women_elig')).toBe(0);
		expect(e.relevant('f_privacy')).toBe(false);
		expect(e.relevant('h_private')).toBe(false);
	});

	it('the woman must be an adult woman of the roster living here; her husband a man of the roster living away', () => {
		const e = engine(
			household({ member: [migrant(), { ...wife, m_rel_head: 'spouse' }, son], f_privacy: 'yes', f_consent: 'yes', f_husband_away: 'yes' })
		);
		e.set('f_resp_line', [], 3);
		expect(e.blocks(e.issue('f_resp_line'))).toBe(true);
		e.set('f_resp_line', [], 2);
		expect(e.issue('f_resp_line')).toBeUndefined();
		e.set('f_husband_line', [], 3);
		expect(e.blocks(e.issue('f_husband_line'))).toBe(true);
		e.set('f_husband_line', [], 1);
		expect(e.issue('f_husband_line')).toBeUndefined();
	});

	/** Module F answered by the second person listed, about her husband, the first, away for `years`. */
	const awayHusband = (years: number) => ({
		f_privacy: 'yes',
		f_resp_line: 2,
		f_consent: 'yes',
		f_husband_away: 'yes',
		f_husband_line: 1,
		f_husband_years: years
	});

	it('f_virtual_widow: away two years or more, no visit in two years, no money in twelve months', () => {
		const widow = engine(
			household({
				member: [migrant(), wife],
				...awayHusband(5)
			})
		);
		expect(widow.value('f_away_2y')).toBe(1);
		expect(widow.value('f_last_visit_year')).toBe(2022);
		expect(widow.value('f_no_visit_2y')).toBe(1);
		expect(widow.value('f_no_rem_12m')).toBe(1);
		expect(widow.value('f_virtual_widow')).toBe(1);

		const supported = engine(
			household({
				member: [
					migrant({ mig_visits: 'once_year', mig_last_visit_year: 2026, mig_months_abroad: 10, m_months_away: 10, rem_freq: 'monthly' }),
					wife
				],
				...awayHusband(5)
			})
		);
		expect(supported.value('f_no_visit_2y')).toBe(0);
		expect(supported.value('f_no_rem_12m')).toBe(0);
		expect(supported.value('f_virtual_widow')).toBe(0);
		expect(supported.value('mig_type', [0, 0])).toBe('seasonal');

		// A husband who has never come back since leaving counts as no visit once he has been away two years.
		const neverBack = engine(
			household({
				member: [migrant({ mig_visits: 'not_since' }), wife],
				...awayHusband(3)
			})
		);
		expect(neverBack.relevant('mig_last_visit_year', [0, 0])).toBe(false);
		expect(neverBack.value('f_virtual_widow')).toBe(1);
		// Unknown components leave the index unknown rather than 0.
		neverBack.set('f_husband_years', [], { special: 'dont_know' });
		expect(neverBack.value('f_away_2y')).toBeNull();
		expect(neverBack.value('f_virtual_widow')).toBeNull();
	});

	it('a complete interview with the wife of a man away has no issue left', () => {
		const e = engine(
			household({
				resp_rel_head: 'spouse',
				member: [migrant(), { ...wife, m_activity: 'employed' }, son],
				roster_ok: 'yes',
				sov_seasonal: 'no',
				rem_any: 'no',
				help_kin_in: 'no',
				help_kin_abr: 'yes',
				help_kin_abr_kind: ['money', 'find_work'],
				help_kin_abr_tie: ['distant_relative'],
				help_kin_frn: 'yes',
				help_kin_frn_kind: ['goods'],
				help_kin_frn_tie: ['neighbour', 'fellow_villager'],
				help_expect_rel_in: 'unlikely',
				help_expect_rel_abr: { special: 'dont_know' },
				help_expect_friends: 'neutral',
				help_expect_neighbours: 'likely',
				inc_sources: ['wages', 'humanitarian'],
				hh_income_band: { special: 'refused' },
				land_ha: 0.05,
				livestock: 'yes',
				debt: 'yes',
				assets_sold: 'yes',
				food_reduced: 'often',
				econ_ladder: 'no_food',
				job_factor: 'favours',
				...awayHusband(5),
				f_contact: 'monthly',
				f_self_view: 'partly',
				f_strategies: ['own_work', 'husband_kin', 'other'],
				f_strategies_other: 'sews at home',
				f_decides_spending: 'self',
				f_decides_large: 'husband_phone',
				f_decides_health: 'self',
				f_decides_visits: 'in_law',
				f_tasks_new: ['officials', 'bills', 'earning'],
				f_inlaw_supervision: 'agree_strongly',
				f_work_accept: ['none'],
				f_work_away: ['cleaning', 'care'],
				f_role_change: 'agree_strongly',
				f_would_migrate: { special: 'dont_know' },
				g_war_fear: 'very_likely',
				g_military: 'no',
				g_privacy: 'no',
				g_list_count: 3,
				g_draft_avoid: { special: 'refused' },
				g_emigrate_plan: 'yes_forever',
				g_emigrate_reason: 'war',
				g_close_rel_abroad: 'yes',
				h_private: ['children'],
				h_cooperation: 'fair',
				h_notes: 'The mother-in-law came in near the end.'
			}),
			{ random: () => 0.1 }
		);
		expect(e.issues()).toEqual([]);
		expect(e.value('f_virtual_widow')).toBe(1);
		expect(e.value('g_list_version')).toBe('short');
		expect(e.value('inc_currency')).toBe('amd');
	});

	it('the parents-in-law of the woman interviewed are found through her relation to the head', () => {
		const grandma = {
			m_name: 'Siranush',
			m_sex: 'female',
			m_age: 70,
			m_rel_head: 'parent',
			m_marital: 'widowed',
			m_educ: 'secondary',
			m_activity: 'pensioner',
			m_away: 'no',
			m_months_away: 0,
			m_refugee: 'no'
		};
		const e = engine(household({ member: [migrant(), wife, grandma], f_privacy: 'yes', f_resp_line: 2, f_consent: 'yes' }));
		expect(e.value('f_inlaw_coresident')).toBe(1);
		e.set('f_resp_line', [], 3); // the head's mother herself: her parents-in-law are not here
		expect(e.value('f_inlaw_coresident')).toBe(0);
	});

	it('two heads block: the second cannot be a head, and the roster check fails', () => {
		const e = engine(household({ member: [head, { ...wife, m_rel_head: 'head' }], roster_ok: 'yes' }));
		expect(e.value('n_heads')).toBe(2);
		expect(e.choices('m_rel_head', [1]).map((c) => c.value)).not.toContain('head');
		expect(e.blocks(e.issue('m_rel_head', [1]))).toBe(true);
		expect(e.issue('roster_ok')).toMatchObject({ kind: 'constraint', soft: false });
		expect(e.blocks(e.issue('roster_ok'))).toBe(true);
		e.set('m_rel_head', [1], 'spouse');
		expect(e.issue('m_rel_head', [1])).toBeUndefined();
		expect(e.issue('roster_ok')).toBeUndefined();
	});

	it('a roster without a head cannot be confirmed', () => {
		const e = engine(household({ member: [{ ...head, m_rel_head: 'sibling' }], roster_ok: 'yes' }));
		expect(e.blocks(e.issue('roster_ok'))).toBe(true);
	});

	it('a head aged 12 blocks', () => {
		const e = engine(household({ member: [{ ...head, m_age: 12, m_marital: undefined, m_activity: undefined }] }));
		expect(e.issue('m_age', [0])).toMatchObject({ kind: 'constraint', soft: false });
		expect(e.blocks(e.issue('m_age', [0]))).toBe(true);
		e.set('m_age', [0], 15);
		expect(e.issue('m_age', [0])).toBeUndefined();
	});

	it('a child only 5 years younger than the head warns without blocking, and can be confirmed', () => {
		const e = engine(household({ member: [head, { ...son, m_age: 40, m_marital: 'never_married', m_activity: 'employed' }] }));
		const issue = e.issue('m_rel_head', [1]);
		expect(issue).toMatchObject({ kind: 'constraint', soft: true, confirmed: false });
		expect(e.blocks(issue)).toBe(false);
		e.confirm('m_rel_head', [1]);
		expect(e.issue('m_rel_head', [1])).toMatchObject({ confirmed: true });
		e.set('m_age', [1], 20);
		expect(e.issue('m_rel_head', [1])).toBeUndefined();
	});

	it('the list experiment assigns the household once, at random, and keeps the draw', () => {
		const answers = household({ member: [head] });
		const first = engine(answers, { random: () => 0.2 });
		expect(first.value('g_list_version')).toBe('short');
		expect(first.relevant('g_list_short')).toBe(true);
		expect(first.relevant('g_list_long')).toBe(false);
		expect(answers.g_list_draw).toBe(0.2);
		const later = engine(answers, { random: () => 0.9 });
		expect(later.value('g_list_version')).toBe('short');
		later.set('g_list_count', [], 5);
		expect(later.blocks(later.issue('g_list_count'))).toBe(true);
	});

	it("years and amounts check their order; Don't know passes", () => {
		const e = engine(household({ member: [migrant({ mig_year_first: 2015, mig_year_last: 2010 })] }));
		expect(e.blocks(e.issue('mig_year_last', [0, 0]))).toBe(true);
		e.set('mig_year_first', [0, 0], { special: 'dont_know' });
		expect(e.issue('mig_year_last', [0, 0])).toBeUndefined();
		e.set('mig_year_last', [0, 0], 2030);
		expect(e.blocks(e.issue('mig_year_last', [0, 0]))).toBe(true);
		e.set('hh_moved_year', [], 2019);
		expect(e.blocks(e.issue('hh_moved_year'))).toBe(true);
	});
});
