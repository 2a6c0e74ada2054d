/**
 * household_migration 2026-12-15 (version 2): what the definition promises (codes, marks,
 * translations) and how it behaves for the households that found the faults of version 1.
 */
import { describe, it, expect } from 'vitest';
import { checkAnswers, compileForm, FormEngine, isContainer, type CompiledForm, type Item, type Translated } from '$lib/form';
import v1 from './household_migration.2026-12-01.json';
import definition from './household_migration.2026-12-15.json';
import { head2, household2, key, member, migrant2, restOfInterview, son2, wife2 } from './samples-v2';

const TODAY = '2026-12-15';

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

type AnyItem = Item & {
	hint?: Translated;
	short_label?: string;
	unit?: string;
	identifying?: boolean;
	choices?: string;
	constraint_message?: Translated;
};

function allItems(items: Item[]): AnyItem[] {
	return items.flatMap((item) => [item as AnyItem, ...(isContainer(item) ? allItems(item.items) : [])]);
}
const items2 = allItems(definition.items as Item[]);
const items1 = allItems(v1.items as Item[]);
const byName = (name: string) => {
	const found = items2.find((i) => i.name === name);
	if (!found) throw new Error(`no ${name} in version 2`);
	return found;
};
const lists2 = definition.choices as Record<string, { value: string; code?: number; label: Translated }[]>;
const lists1 = v1.choices as Record<string, { value: string; label: Translated }[]>;
const choiceLabel = (list: string, value: string) => lists2[list].find((c) => c.value === value)!.label;

describe('household_migration 2026-12-15: the definition', () => {
	it('compiles, is version 2 of the same form, and declares its place and location', () => {
		const result = compileForm(definition);
		expect(result.status === 'invalid' ? result.problems : []).toEqual([]);
		expect(definition.id).toBe('household_migration');
		expect(definition.version).toBe('2026-12-15');
		expect(definition.place).toBe('settlement');
		expect(definition.location).toBe('gps');
		expect(byName('gps').type).toBe('geopoint');
	});

	it('every choice of every list has a whole-number code, unique in its list and never a special code', () => {
		const bad: string[] = [];
		for (const [list, choices] of Object.entries(lists2)) {
			const codes = choices.map((c) => c.code);
			for (const c of choices) {
				if (!Number.isInteger(c.code)) bad.push(`${list}.${c.value}: no code`);
				else if ([-1, -2, -3, -7, -9].includes(c.code!)) bad.push(`${list}.${c.value}: special code ${c.code}`);
			}
			if (new Set(codes).size !== codes.length) bad.push(`${list}: duplicate codes`);
		}
		expect(bad).toEqual([]);
		// Caucasus Barometer codes where one exists.
		expect(lists2.sex.map((c) => [c.value, c.code])).toEqual([
			['male', 1],
			['female', 2]
		]);
		expect(lists2.econ.map((c) => c.code)).toEqual([1, 2, 3, 4, 5]);
	});

	it('every value of a 2026-12-01 select question has a code in version 2 (by question name, then by list name)', () => {
		const missing: string[] = [];
		for (const q of items1) {
			if (q.type !== 'select_one' && q.type !== 'select_multiple') continue;
			const now = items2.find((i) => i.name === q.name);
			for (const choice of lists1[q.choices!]) {
				const viaQuestion = now?.choices ? lists2[now.choices]?.find((c) => c.value === choice.value)?.code : undefined;
				const viaList = lists2[q.choices!]?.find((c) => c.value === choice.value)?.code;
				if (viaQuestion === undefined && viaList === undefined) missing.push(`${q.name}: ${choice.value}`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('a question kept from 2026-12-01 keeps its type, and a value shared by two lists keeps one code', () => {
		const changed = items1.filter((q) => items2.some((i) => i.name === q.name && i.type !== q.type)).map((q) => q.name);
		expect(changed).toEqual([]);
		const reason = Object.fromEntries(lists2.reason.map((c) => [c.value, c.code]));
		for (const c of lists2.mig_reason) expect(c.code, c.value).toBe(reason[c.value]);
	});

	it('draft avoidance is never a reason recorded against a named member', () => {
		for (const name of ['mig_reasons', 'mig_reason_main', 'mig_reason_second']) {
			const list = lists2[byName(name).choices!];
			expect(
				list.map((c) => c.value),
				name
			).not.toContain('military');
		}
		// The household-level plan keeps the codes of 2026-12-01 but never offers it.
		const e = engine(household2({ member: [head2()], ...restOfInterview({ g_emigrate_plan: 'yes_forever' }) }));
		expect(e.choices('g_emigrate_reason').map((c) => c.value)).not.toContain('military');
		expect(e.choices('g_emigrate_reason').length).toBe(lists2.reason.length - 1);
	});

	it('the consent text names the institution and a contact, the location, the topics, and that any question may be skipped', () => {
		const text = byName('consent_note').label!;
		for (const lang of ['hy', 'ru', 'en'] as const) {
			expect(text[lang], lang).toContain('${deployment.institution}');
			expect(text[lang], lang).toContain('${deployment.contact}');
		}
		expect(text.en).toMatch(/location of your home/);
		expect(text.en).toMatch(/relations within the family/);
		expect(text.en).toMatch(/military service/);
		expect(text.en).toMatch(/skip any question/);
		expect(text.ru).toMatch(/местоположение/);
		expect(text.ru).toMatch(/военной службы/);
		expect(text.hy).toMatch(/գտնվելու վայրը/);
		expect(text.hy).toMatch(/զինվորական ծառայությանը/);
	});

	it('names, coordinates, every free-text answer and the notes are marked identifying', () => {
		for (const name of ['m_name', 'gps', 'head_name', 'h_notes', 'settlement_other', 'hh_origin_place_other']) {
			expect(byName(name).identifying, name).toBe(true);
		}
		const unmarked = items2.filter((i) => i.type === 'text' && i.identifying !== true).map((i) => i.name);
		expect(unmarked).toEqual([]);
		// …and nothing else is: an analysis file keeps the answers.
		expect(byName('m_age').identifying).toBeUndefined();
		expect(byName('rem_amount').identifying).toBeUndefined();
	});

	it('carries every translation correction of the issue', () => {
		expect(choiceLabel('join_barrier', 'elders').hy).toBe('Տարեցներին կամ հիվանդներին թողնելու մարդ չկա');
		expect(choiceLabel('job_factor', 'favours').hy).toBe('Ճիշտ մարդկանց լավություն անելը');
		expect(byName('f_work_accept').label!.ru).toMatch(/^Какие /);
		expect(byName('f_work_away').label!.ru).toMatch(/^А какие /);
		for (const name of ['g_list2_short', 'g_list2_long', 'g_draft_avoid']) {
			const label = byName(name).label!;
			expect(label.ru, name).toContain('ваши земляки из Мартунинского района');
			expect(label.ru, name).not.toContain('из вашей общины');
			expect(label.hy, name).toContain('Մարտունու շրջանից Ձեր ճանաչած երիտասարդները');
			expect(label.hy, name).not.toContain('Ձեր համայնքի');
		}
		expect(choiceLabel('likely5', 'not_at_all').ru).toBe('Совершенно невероятно');
		expect(choiceLabel('strategy', 'own_work').ru).toMatch(/по найму или на себя$/);
		expect(choiceLabel('strategy', 'own_work').hy).toMatch(/վարձու կամ ինքնազբաղ$/);
		expect(byName('f_husband_away').label!.ru).toContain('живёт не с вами');
		expect(byName('f_husband_away').label!.ru).not.toContain('не дома');
		expect(choiceLabel('husband', 'yes').ru).toContain('живёт не с вами');
		expect(choiceLabel('marital', 'separated').ru).toBe('Фактически расстались, но не разведены');
		expect(choiceLabel('marital', 'separated').hy).toBe('Փաստացի բաժանված են, բայց ամուսնալուծված չեն');
		expect(byName('m_marital').hint!.en).toMatch(/away working is married/);
	});

	it('every Armenian question label ends with «։»', () => {
		const open = items2.filter((i) => !isContainer(i) && i.type !== 'calculate' && !i.label!.hy.endsWith('։')).map((i) => i.name);
		expect(open).toEqual([]);
	});

	it('short labels are at most 80 characters and exist wherever the English label is longer; every calculate is labelled', () => {
		const bad: string[] = [];
		for (const i of items2) {
			if (isContainer(i) || i.type === 'note') continue;
			if (i.short_label !== undefined && i.short_label.length > 80) bad.push(`${i.name}: short_label too long`);
			if (i.label && i.label.en.length > 80 && !i.short_label) bad.push(`${i.name}: no short_label`);
			if (i.type === 'calculate' && !(i.label?.hy && i.label.ru && i.label.en)) bad.push(`${i.name}: calculate without a label`);
		}
		expect(bad).toEqual([]);
		for (const name of ['rem_amount', 'rem_last_amount', 'rem_goods_value'])
			expect(byName(name).unit, name).toBe('the currency in rem_currency');
		expect(byName('land_ha').unit).toBe('hectares');
		expect(byName('mig_type').choices).toBe('mig_type');
		expect(lists2.mig_type.map((c) => c.value)).toEqual(expect.arrayContaining(['seasonal', 'long_term']));
	});

	it('every string a person reads is in Armenian, Russian and English', () => {
		const armenian = /[\u0531-\u058F]/;
		const cyrillic = /[\u0400-\u04FF]/;
		const texts: [string, Translated][] = [];
		for (const i of items2) {
			if (i.label) texts.push([`${i.name}.label`, i.label]);
			if (i.hint) texts.push([`${i.name}.hint`, i.hint]);
			if (i.constraint_message) texts.push([`${i.name}.constraint_message`, i.constraint_message]);
		}
		for (const [list, choices] of Object.entries(lists2)) for (const c of choices) texts.push([`${list}.${c.value}`, c.label]);
		const bad = texts.filter(
			([, t]) =>
				!armenian.test(t.hy) ||
				cyrillic.test(t.hy) ||
				!cyrillic.test(t.ru) ||
				armenian.test(t.ru) ||
				armenian.test(t.en) ||
				cyrillic.test(t.en)
		);
		expect(bad.map(([at]) => at)).toEqual([]);
	});

	it('the list experiment: four control items on other topics than migration, the sensitive item only in the long list', () => {
		const short = byName('g_list2_short').label!.en;
		const long = byName('g_list2_long').label!.en;
		expect(short.match(/\d\)/g)).toEqual(['1)', '2)', '3)', '4)']);
		expect(long.match(/\d\)/g)).toEqual(['1)', '2)', '3)', '4)', '5)']);
		expect(long).toContain('5) stayed abroad to avoid military service');
		expect(short).not.toContain('military');
		const controls = short.slice(short.indexOf('1)'));
		expect(controls).not.toMatch(/abroad|Russia|Yerevan|another country|migra|building sites/i);
		expect(long.startsWith(short.slice(0, -1))).toBe(true);
	});
});

/** The wife of the migrant, the second member: module F answered, her husband linked. */
function moduleF(extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		f_resp: key(2),
		f_privacy: 'yes',
		f_consent: 'yes',
		f_husband_away: 'yes',
		f_husband: key(1),
		f_husband_years: 5,
		f_contact: 'monthly',
		f_self_view: 'partly',
		f_strategies: ['own_work', 'husband_kin'],
		f_decides_spending: 'self',
		f_decides_large: 'husband_phone',
		f_decides_health: 'joint_other',
		f_decides_visits: 'her_parents',
		f_tasks_new: ['officials', 'bills'],
		f_inlaw_supervision: 'agree',
		f_work_accept: ['market'],
		f_work_away: ['cleaning'],
		f_role_change: 'agree_strongly',
		f_would_migrate: 'no',
		h_private: ['nobody'],
		...extra
	};
}

describe('household_migration 2026-12-15: the households that found the faults', () => {
	it('a conscript son: no migrant entry, and nothing about draft avoidance recorded against him', () => {
		const conscript = member(3, {
			m_name: 'Davit',
			m_sex: 'male',
			m_age: 19,
			m_rel_head: 'child',
			m_marital: 'never_married',
			m_educ: 'secondary',
			m_activity: 'military',
			m_away: 'yes',
			m_months_away: 11,
			m_away_reason: 'military',
			m_refugee: 'no'
		});
		const e = engine(household2({ member: [head2(), wife2(), conscript], ...restOfInterview({ g_military: 'yes' }) }));
		expect(e.value('m_mig_entry', [2])).toBe(0);
		expect(e.entryCount('migrant', [2])).toBe(0);
		for (const name of ['mig_dest_country', 'mig_reasons', 'mig_reason_main', 'rem_freq'])
			expect(e.relevant(name, [2, 0]), name).toBe(false);
		expect(e.relevant('m_returned', [2])).toBe(false);
		expect(e.issue('m_away_reason', [2])).toBeUndefined();
		expect(e.issue('g_military')).toBeUndefined();
		expect(e.value('n_military')).toBe(1);
		expect(e.value('n_migrants')).toBe(0);
		const sent = e.submission();
		const davit = (sent.member as Record<string, unknown>[])[2];
		expect(davit).not.toHaveProperty('migrant');
		expect(davit).toMatchObject({ m_away_reason: 'military', m_activity: 'military' });
		// The only other place "military" can stand is the community-level question, asked in private only.
		expect(JSON.stringify(sent.member)).not.toMatch(/mig_reason/);
		expect(e.relevant('g_draft_avoid')).toBe(false);
		expect(e.relevant('g_list2_count')).toBe(false);
	});

	it('a four-year-old away: no migrant entry, no adult questions', () => {
		const child = member(3, {
			m_name: 'Nare',
			m_sex: 'female',
			m_age: 4,
			m_rel_head: 'grandchild',
			m_away: 'yes',
			m_months_away: 12,
			m_away_reason: 'elsewhere',
			m_refugee: 'no'
		});
		const e = engine(household2({ member: [head2(), wife2(), child] }));
		expect(e.relevant('m_away_reason', [2])).toBe(true);
		expect(e.value('m_mig_entry', [2])).toBe(0);
		expect(e.entryCount('migrant', [2])).toBe(0);
		for (const name of ['m_marital', 'm_activity', 'm_educ', 'm_returned', 'm_husband_away', 'm_refugee'])
			expect(e.relevant(name, [2]), name).toBe(false);
		expect(e.issues(['member']).filter((i) => i.place[0] === 2)).toEqual([]);
		// The same person at 25, living elsewhere, has one; away for study, not.
		e.set('m_age', [2], 25);
		expect(e.value('m_mig_entry', [2])).toBe(1);
		expect(e.entryCount('migrant', [2])).toBe(1);
		e.set('m_away_reason', [2], 'study');
		expect(e.entryCount('migrant', [2])).toBe(0);
		// A reason not known opens no entry, and is not computed as "no migrant" either.
		e.set('m_away_reason', [2], { special: 'dont_know' });
		expect(e.entryCount('migrant', [2])).toBe(0);
		expect(e.value('m_mig_entry', [2])).toBeNull();
	});

	it('a 78-year-old widow living alone: she is drawn, and no work or migration-intention item is asked', () => {
		const widow = member(1, {
			m_name: 'Siranush',
			m_sex: 'female',
			m_age: 78,
			m_rel_head: 'head',
			m_marital: 'widowed',
			m_educ: 'secondary',
			m_activity: 'pensioner',
			m_away: 'no',
			m_months_away: 0,
			m_returned: 'no',
			m_refugee: 'no'
		});
		const answers = household2({
			resp_sex: 'female',
			resp_age: 78,
			resp_rel_head: 'head',
			member: [widow],
			...restOfInterview(),
			f_resp: key(1),
			f_privacy: 'yes',
			f_consent: 'yes',
			f_husband_away: 'no_husband',
			f_strategies: ['state', 'own_kin'],
			f_decides_spending: 'self',
			f_decides_large: 'self',
			f_decides_health: 'her_parents',
			f_decides_visits: 'someone_else',
			f_role_change: 'neutral',
			h_private: ['nobody']
		});
		const e = engine(answers, { random: () => 0.42 });
		expect(e.relevant('m_husband_away', [0])).toBe(false);
		expect(e.value('n_women_elig')).toBe(1);
		expect(e.value('n_women_prio')).toBe(0);
		expect(e.value('f_stratum')).toBe('other');
		expect(e.value('f_woman')).toBe(key(1));
		expect(e.choices('f_resp').map((c) => c.value)).toEqual([key(1)]);
		expect(e.value('f_woman_age')).toBe(78);
		for (const name of ['f_work_accept', 'f_work_away', 'f_would_migrate', 'f_husband', 'f_tasks_new', 'f_inlaw_supervision'])
			expect(e.relevant(name), name).toBe(false);
		expect(byName('f_work_accept').hint!.en).toMatch(/under 65/);
		// A widow is offered no husband as the decider.
		expect(e.choices('f_decides_large').map((c) => c.value)).not.toEqual(expect.arrayContaining(['husband']));
		expect(e.choices('f_decides_large').map((c) => c.value)).toEqual(expect.arrayContaining(['self', 'joint_other', 'her_parents']));
		expect(e.issues()).toEqual([]);
		expect(answers.member).toMatchObject([{ m_f_draw: 0.42 }]);
		// The same woman at 60 is asked.
		e.set('m_age', [0], 60);
		expect(e.relevant('f_would_migrate')).toBe(true);
	});

	it('a husband abroad who stopped sending two years ago: the stop year and the virtual-widow components', () => {
		const husband = migrant2(1, { mig_last_visit_year: 2023, mig_last_visit_month: 5 });
		const answers = household2({ member: [husband, wife2({ m_husband_away: 'yes' }), son2()], ...restOfInterview(), ...moduleF() });
		const e = engine(answers, { random: () => 0.5 });
		const mig = [0, 0];
		expect(e.relevant('rem_ever', mig)).toBe(true);
		expect(e.relevant('rem_stop_year', mig)).toBe(true);
		expect(e.relevant('rem_trend', mig)).toBe(false);
		expect(e.value('m_rem_money', mig)).toBe(0);
		expect(e.value('m_remits', mig)).toBe(0);
		expect(e.value('f_woman')).toBe(key(2));
		expect(e.value('f_stratum')).toBe('wife_away');
		expect(e.value('f_hus_line')).toBe(1);
		expect(e.value('f_rem_stop_year')).toBe(2024);
		expect(e.value('f_last_visit_year')).toBe(2023);
		expect(e.value('f_last_visit_month')).toBe(5);
		expect(e.value('f_away_2y')).toBe(1);
		expect(e.value('f_no_visit_2y')).toBe(1);
		expect(e.value('f_no_rem_12m')).toBe(1);
		expect(e.value('f_virtual_widow')).toBe(1);
		expect(e.issues()).toEqual([]);

		// A visit in March 2025 is within two years of 15 December 2026.
		e.set('mig_last_visit_year', mig, 2025);
		e.set('mig_last_visit_month', mig, 3);
		expect(e.value('f_no_visit_2y')).toBe(0);
		expect(e.value('f_virtual_widow')).toBe(0);
		// With the month not known, 2024 may be either side of two years: not known, never "no".
		e.set('mig_last_visit_year', mig, 2024);
		e.set('mig_last_visit_month', mig, { special: 'dont_know' });
		expect(e.value('f_no_visit_2y')).toBeNull();

		// Don't know is never computed as No.
		e.set('rem_freq', mig, { special: 'dont_know' });
		expect(e.value('m_rem_money', mig)).toBeNull();
		expect(e.value('m_remits', mig)).toBeNull();
		expect(e.value('n_remitters')).toBeNull();
		expect(e.value('f_no_rem_12m')).toBeNull();
		expect(e.value('f_virtual_widow')).toBeNull();
		expect(e.relevant('rem_stop_year', mig)).toBe(false);
	});

	it('a household displaced in 2023: the village of origin and the year it left Martuni', () => {
		const e = engine(
			household2({ hh_origin: 'martuni_village', hh_origin_place: undefined, hh_left_year: undefined, hh_moved_year: 2024 })
		);
		expect(e.choices('hh_origin_place').map((c) => c.value)).toEqual([
			'chartar',
			'karmir_shuka',
			'sos',
			'taghavard',
			'herher',
			'kaghartsi',
			'machkalashen',
			'other_village'
		]);
		expect(e.relevant('hh_left_year')).toBe(false);
		e.set('hh_origin_place', [], 'taghavard');
		expect(e.relevant('hh_origin_place_other')).toBe(false);
		expect(e.relevant('hh_left_year')).toBe(true);
		e.set('hh_left_year', [], 2023);
		expect(e.issue('hh_left_year')).toBeUndefined();
		e.set('hh_left_year', [], 2021); // in Martuni in January 2023: cannot have left before
		expect(e.blocks(e.issue('hh_left_year'))).toBe(true);
		e.set('hh_left_year', [], 2025); // after moving to where it lives now
		expect(e.blocks(e.issue('hh_left_year'))).toBe(true);
		e.set('hh_left_year', [], 2023);
		e.set('hh_origin_place', [], 'other_village');
		expect(e.relevant('hh_origin_place_other')).toBe(true);
		expect(e.issue('hh_origin_place_other')).toEqual({ kind: 'required' });
		// A household that lived in Moscow in 2023 may come from any place of the district, or none.
		e.set('hh_origin', [], 'other');
		expect(e.choices('hh_origin_place').map((c) => c.value)).toContain('martuni_town');
		e.set('hh_origin_place', [], 'never_martuni');
		expect(e.relevant('hh_left_year')).toBe(false);
	});

	it('a refusal: no coordinates, and the server check refuses a refusal that carries them', () => {
		const e = engine({ site_type: 'armenia', settlement: 'yerevan', consent: 'no' });
		const asked: string[] = [];
		e.walk((name) => asked.push(name));
		expect(asked).toEqual(['site_type', 'settlement', 'consent_note', 'consent']);
		expect(e.relevant('gps')).toBe(false);
		expect(e.issues()).toEqual([]);
		expect(e.submission()).toEqual({ site_type: 'armenia', settlement: 'yerevan', consent: 'no' });
		const form = compiled();
		expect(checkAnswers(form, { site_type: 'armenia', settlement: 'yerevan', consent: 'no' }, { today: TODAY })).toEqual([]);
		const withGps = { site_type: 'armenia', settlement: 'yerevan', consent: 'no', gps: { lat: 40.18, lon: 44.51, accuracy: 10 } };
		expect(checkAnswers(form, withGps, { today: TODAY })).toEqual([expect.objectContaining({ path: 'gps', code: 'not_relevant' })]);
		// After consent the location is asked.
		e.set('consent', [], 'yes');
		expect(e.relevant('gps')).toBe(true);
	});
});

describe('household_migration 2026-12-15: selection, links and checks', () => {
	const daughter = (n: number, extra: Record<string, unknown> = {}) =>
		member(n, {
			m_name: 'Lusine',
			m_sex: 'female',
			m_age: 20,
			m_rel_head: 'child',
			m_marital: 'never_married',
			m_educ: 'secondary',
			m_activity: 'student',
			m_away: 'no',
			m_months_away: 0,
			m_returned: 'no',
			m_refugee: 'no',
			...extra
		});

	it('the woman of module F: a wife of a man away before any other woman, whatever the draws; else the highest draw', () => {
		const answers = household2({
			member: [
				migrant2(1),
				daughter(2, { m_f_draw: 0.9 }),
				wife2({ _key: key(3), m_husband_away: 'yes', m_f_draw: 0.1 }),
				daughter(4, { m_name: 'Mariam', m_f_draw: 0.5 })
			]
		});
		const e = engine(answers);
		expect(e.value('n_women_elig')).toBe(3);
		expect(e.value('n_women_prio')).toBe(1);
		expect(e.value('f_woman_line')).toBe(3);
		expect(e.value('f_woman')).toBe(key(3));
		expect(e.choices('f_resp').map((c) => c.value)).toEqual([key(3)]);
		// Without a wife of a man away, the highest draw among all eligible women.
		e.set('m_husband_away', [2], 'no');
		expect(e.value('f_stratum')).toBe('other');
		expect(e.value('f_woman')).toBe(key(2));
		// Draws are kept: a new engine on the same answers draws nothing new.
		expect(engine(answers, { random: () => 0.99 }).value('f_woman')).toBe(key(2));
	});

	it('a draw is made once per eligible woman and recorded with her entry', () => {
		const draws = [0.3, 0.8];
		const answers = household2({ member: [head2(), wife2(), daughter(3)] });
		const e = engine(answers, { random: () => draws.shift() ?? 0 });
		expect(e.value('f_woman')).not.toBeNull();
		const recorded = (answers.member as Record<string, unknown>[]).map((m) => m.m_f_draw);
		expect(recorded[0]).toBeUndefined();
		expect(recorded.slice(1).sort()).toEqual([0.3, 0.8]);
		const winner = recorded[1] === 0.8 ? key(2) : key(3);
		expect(e.value('f_woman')).toBe(winner);
		expect(e.submission()).toMatchObject({ f_woman: winner, n_women_elig: 2 });
	});

	it('her husband and the receiver of remittances are picked by name among the members that fit', () => {
		const karen = migrant2(1, { rem_freq: 'monthly', rem_ever: undefined, rem_stop_year: undefined, rem_trend: 'same' });
		const e = engine(household2({ member: [karen, wife2({ m_husband_away: 'yes' }), son2()], ...moduleF() }));
		expect(e.choices('f_husband').map((c) => c.value)).toEqual([key(1)]);
		// A grown son away who never married is no woman's husband.
		const away = engine(
			household2({
				member: [karen, wife2({ m_husband_away: 'yes' }), son2({ m_age: 24, m_marital: 'never_married', m_away: 'yes' })],
				...moduleF()
			})
		);
		expect(away.choices('f_husband').map((c) => c.value)).toEqual([key(1)]);
		expect(e.choices('rem_recipient', [0, 0]).map((c) => c.value)).toEqual([key(2), key(3)]);
		e.set('rem_recipient', [0, 0], key(2));
		expect(e.issue('rem_recipient', [0, 0])).toBeUndefined();
		e.set('rem_recipient', [0, 0], key(1));
		expect(e.blocks(e.issue('rem_recipient', [0, 0]))).toBe(true);
	});

	it('a member deleted after being linked: the link is cleared and marked until the interviewer picks again', () => {
		const karen = migrant2(1, {
			rem_freq: 'monthly',
			rem_ever: undefined,
			rem_stop_year: undefined,
			rem_trend: 'same',
			rem_recipient: key(3)
		});
		const answers = household2({ member: [karen, wife2({ m_husband_away: 'yes' }), son2()], ...restOfInterview(), ...moduleF() });
		const e = engine(answers);
		expect(e.choices('f_husband')[0].label.en).toContain('Karen');
		expect(e.value('f_hus_line')).toBe(1);
		expect(e.issue('rem_recipient', [0, 0])).toBeUndefined();

		// The son who receives the money is deleted: the receiver is cleared and marked, the migrant keeps his entry.
		e.removeEntry('member', [], 2);
		expect(e.raw('rem_recipient', [0, 0])).toBeUndefined();
		expect(e.issue('rem_recipient', [0, 0])).toEqual({ kind: 'unlinked' });
		expect(e.blocks(e.issue('rem_recipient', [0, 0]))).toBe(true);
		e.set('rem_recipient', [0, 0], key(2));
		expect(e.issue('rem_recipient', [0, 0])).toBeUndefined();

		// The husband is deleted: her husband is cleared and marked, and nothing is taken from a member who is gone.
		e.removeEntry('member', [], 0);
		expect(e.raw('f_husband')).toBeUndefined();
		expect(e.issue('f_husband')).toEqual({ kind: 'unlinked' });
		expect(e.value('f_hus_line')).toBeNull();
		expect(e.value('f_no_rem_12m')).toBeNull();
		expect(e.value('f_virtual_widow')).toBeNull();
		expect(e.choices('f_husband')).toEqual([]);
		expect(e.submission()).not.toHaveProperty('f_husband');
		// The woman drawn is now on line 1, and still the one linked.
		expect(e.value('f_woman')).toBe(key(2));
		expect(e.value('f_woman_line')).toBe(1);
		expect(e.issue('f_resp')).toBeUndefined();
	});

	it('deleting the woman drawn clears the confirmation of her name, and the draw moves to the next eligible woman', () => {
		const daughter = member(3, {
			...wife2(),
			_key: key(3),
			m_name: 'Lusine',
			m_age: 19,
			m_rel_head: 'child',
			m_marital: 'never_married',
			m_husband_away: undefined,
			m_f_draw: 0.4
		});
		const answers = household2({ member: [head2(), wife2({ m_f_draw: 0.6 }), daughter], f_resp: key(2) });
		const e = engine(answers);
		expect(e.value('f_woman')).toBe(key(2));
		e.removeEntry('member', [], 1);
		expect(e.value('f_woman')).toBe(key(3));
		expect(e.issue('f_resp')).toEqual({ kind: 'unlinked' });
		expect(e.choices('f_resp').map((c) => c.value)).toEqual([key(3)]);
	});

	it('consistency: one spouse of the head, no never-married spouse, departures after birth, visits after the last departure, months away', () => {
		const e = engine(household2({ member: [head2(), wife2(), wife2({ _key: key(3), m_name: 'Gayane' })], roster_ok: 'yes' }));
		expect(e.value('n_spouses')).toBe(2);
		expect(e.choices('m_rel_head', [2]).map((c) => c.value)).not.toContain('spouse');
		expect(e.blocks(e.issue('roster_ok'))).toBe(true);
		e.set('m_rel_head', [2], 'sibling_in_law');
		expect(e.issue('roster_ok')).toBeUndefined();
		e.set('m_marital', [1], 'never_married');
		expect(e.blocks(e.issue('m_marital', [1]))).toBe(true);
		e.set('m_marital', [1], 'married_religious');
		expect(e.issue('m_marital', [1])).toBeUndefined();

		const m = engine(household2({ member: [migrant2(1, { m_age: 30 })] }));
		m.set('mig_year_first', [0, 0], 1990); // born about 1996
		expect(m.blocks(m.issue('mig_year_first', [0, 0]))).toBe(true);
		m.set('mig_year_first', [0, 0], 2014);
		m.set('mig_year_last', [0, 0], 2021);
		expect(m.issue('mig_year_first', [0, 0])).toBeUndefined();
		m.set('mig_last_visit_year', [0, 0], 2019);
		expect(m.blocks(m.issue('mig_last_visit_year', [0, 0]))).toBe(true);
		m.set('mig_last_visit_year', [0, 0], 2022);
		expect(m.issue('mig_last_visit_year', [0, 0])).toBeUndefined();
		m.set('m_months_away', [0], 0);
		expect(m.issue('m_away_reason', [0])).toMatchObject({ kind: 'constraint', soft: true });
	});

	it('the list experiment and the draft question are asked only when the respondent is alone with the interviewer', () => {
		const answers = household2({ member: [head2()], g_privacy: 'no' });
		const e = engine(answers, { random: () => 0.7 });
		expect(e.value('g_list_version')).toBe('long');
		for (const name of ['g_list2_short', 'g_list2_long', 'g_list2_count', 'g_draft_avoid']) expect(e.relevant(name), name).toBe(false);
		e.set('g_privacy', [], 'yes');
		expect(e.relevant('g_list2_long')).toBe(true);
		expect(e.relevant('g_list2_short')).toBe(false);
		expect(e.relevant('g_draft_avoid')).toBe(true);
		e.set('g_list2_count', [], 5);
		expect(e.issue('g_list2_count')).toBeUndefined();
	});

	it('Soviet-era seasonal work is recorded by person and decade', () => {
		const e = engine(
			household2({
				member: [head2()],
				sov_seasonal: 'yes',
				sov_worker: [
					{
						_key: key(201),
						sov_w_rel: 'parent',
						sov_w_decades: ['d1970s', 'd1980s'],
						sov_w_dest: ['siberia'],
						sov_w_work: 'construction',
						sov_w_seasons: 9
					},
					{
						_key: key(202),
						sov_w_rel: 'head',
						sov_w_decades: ['d1980s'],
						sov_w_dest: ['kazakhstan', 'other'],
						sov_w_work: 'agriculture',
						sov_w_seasons: 2
					}
				]
			})
		);
		expect(e.entryCount('sov_worker')).toBe(2);
		expect(e.issue('sov_w_dest_other', [1])).toEqual({ kind: 'required' });
		expect(e.choices('sov_w_work', [0]).map((c) => c.value)).not.toContain('not_working');
		expect(lists2.decade.map((c) => c.code)).toEqual([1940, 1950, 1960, 1970, 1980, 1990]);
		e.set('sov_seasonal', [], 'no');
		expect(e.relevant('sov_worker')).toBe(false);
	});

	it('a returned migrant is recorded on the roster', () => {
		const e = engine(household2({ member: [head2({ m_returned: 'yes', m_ret_country: 'russia', m_ret_year_back: 2009 })] }));
		expect(e.relevant('m_ret_country', [0])).toBe(true);
		expect(e.issue('m_ret_year_back', [0])).toBeUndefined();
		e.set('m_ret_year_back', [0], 1975); // before he was born
		expect(e.blocks(e.issue('m_ret_year_back', [0]))).toBe(true);
	});

	it('a complete interview with the wife of a man away has no issue left', () => {
		const answers = household2({
			member: [migrant2(1), wife2({ m_husband_away: 'yes' }), son2()],
			...restOfInterview({ g_privacy: 'yes', g_list2_count: 2, g_draft_avoid: 'few' }),
			...moduleF()
		});
		const e = engine(answers, { random: () => 0.2 });
		expect(e.issues()).toEqual([]);
		expect(e.value('g_list_version')).toBe('short');
		expect(e.value('mig_type', [0, 0])).toBe('long_term');
		const sent = e.submission();
		expect(sent).toMatchObject({ f_woman: key(2), f_resp: key(2), f_husband: key(1), f_virtual_widow: 1, n_women_elig: 1 });
		expect(sent).not.toHaveProperty('f_resp_line');
	});
});
