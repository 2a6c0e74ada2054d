/**
 * Member links, entry keys and numeric codes: a question that names a household member by
 * the member's stable key, what happens when that member is deleted, and what the server
 * accepts on the wire.
 */
import { describe, expect, it } from 'vitest';
import { checkAnswers } from './check';
import { compileForm } from './validate';
import type { Choice, Item } from './schema';
import { definitionOf, engineOf, list, q, repeat, staleness, tr } from './testing';

const members = repeat(
	'member',
	[
		q.text('m_name'),
		q.selectOne('m_sex', 'sex'),
		q.selectOne('m_away', 'yes_no'),
		q.calculate('m_key', 'entry-key(..)'),
		q.calculate('m_wife', "if(${m_sex} = 'female', position(..), '')")
	],
	{ summary: ['m_name', 'm_sex'] }
);
const choices = { sex: list('male', 'female'), yes_no: list('yes', 'no') };
const form: Item[] = [
	members,
	q.selectOne('husband', '', {
		choices: undefined,
		link: 'member',
		choice_filter: "${m_sex} = 'male' and ${m_away} = 'yes'",
		required: true
	}),
	q.calculate('woman', 'indexed-repeat(${m_key}, ${member}, max(${m_wife}))', { link: 'member' })
];

/** Makes a household: Ani (female, home), Aram (male, away), Davit (male, home). */
function household() {
	let n = 0;
	const e = engineOf(form, { choices, newKey: () => `00000000-0000-4000-8000-00000000000${++n}` });
	for (const [name, sex, away] of [
		['Ani', 'female', 'no'],
		['Aram', 'male', 'yes'],
		['Davit', 'male', 'no']
	]) {
		const i = e.addEntry('member');
		e.set('m_name', [i], name);
		e.set('m_sex', [i], sex);
		e.set('m_away', [i], away);
	}
	return e;
}

describe('member links', () => {
	it('offer the entries that pass the filter read inside each entry, labelled by line and summary, valued by key', () => {
		const e = household();
		expect(e.choices('husband')).toEqual([
			{
				value: '00000000-0000-4000-8000-000000000002',
				label: { hy: '2. Aram · male (hy)', ru: '2. Aram · male (ru)', en: '2. Aram · male' }
			}
		]);
		e.set('m_away', [2], 'yes');
		e.set('m_name', [1], 'Aramik');
		expect(e.choices('husband').map((c) => c.label.en)).toEqual(['2. Aramik · male', '3. Davit · male']);
		expect(staleness(e)).toEqual([]);
	});

	it('a multiple-choice answer in the summary reads as its labels', () => {
		const items: Item[] = [
			repeat('worker', [q.text('w_name'), q.selectMultiple('w_decades', 'decade')], { summary: ['w_name', 'w_decades'] }),
			q.selectOne('who', '', { choices: undefined, link: 'worker' })
		];
		const e = engineOf(items, { choices: { decade: list('d1970s', 'd1980s') } });
		e.set('w_name', [0], 'Hrant');
		e.set('w_decades', [0], ['d1970s', 'd1980s']);
		expect(e.choices('who')[0].label.en).toBe('1. Hrant · d1970s, d1980s');
		expect(e.choices('who')[0].label.ru).toBe('1. Hrant · d1970s (ru), d1980s (ru)');
	});

	it('keep naming the same person when an earlier member is deleted', () => {
		const e = household();
		e.set('husband', [], e.choices('husband')[0].value);
		e.removeEntry('member', [], 0);
		expect(e.raw('husband')).toBe('00000000-0000-4000-8000-000000000002');
		expect(e.choices('husband')[0].label.en).toBe('1. Aram · male');
		expect(e.issue('husband')).toBeUndefined();
	});

	it('are cleared and marked when the linked member is deleted, until the interviewer picks again', () => {
		const e = household();
		e.set('husband', [], e.choices('husband')[0].value);
		e.removeEntry('member', [], 1);
		expect(e.raw('husband')).toBeUndefined();
		expect(e.issue('husband')).toEqual({ kind: 'unlinked' });
		expect(e.blocks(e.issue('husband'))).toBe(true);
		expect(e.unlinked()).toEqual(['husband']);
		// The mark outlives a reload: the draft keeps it as it keeps confirmations.
		const reloaded = engineOf(form, { choices, answers: structuredClone(e.answers), unlinked: e.unlinked() });
		expect(reloaded.issue('husband')).toEqual({ kind: 'unlinked' });
		e.set('m_away', [1], 'yes');
		e.set('husband', [], e.choices('husband')[0].value);
		expect([e.issue('husband'), e.unlinked()]).toEqual([undefined, []]);
	});

	it('a calculate links by key: entry-key(..) read from the chosen entry', () => {
		const e = household();
		expect(e.value('woman')).toBe('00000000-0000-4000-8000-000000000001');
		expect(e.value('m_key', [2])).toBe('00000000-0000-4000-8000-000000000003');
	});

	it('every entry is sent with its key, and old drafts get keys once when opened', () => {
		const e = household();
		expect((e.submission().member as { _key: string }[]).map((m) => m._key)).toEqual([
			'00000000-0000-4000-8000-000000000001',
			'00000000-0000-4000-8000-000000000002',
			'00000000-0000-4000-8000-000000000003'
		]);
		const old = engineOf(form, { choices, answers: { member: [{ m_name: 'Ani' }, { m_name: 'Aram' }] } });
		expect(old.entryKeyOf(old.node('m_name'), [0])).toBeUndefined();
		let heard = 0;
		old.subscribe(() => heard++);
		expect([old.assignKeys(), old.assignKeys(), heard]).toEqual([2, 0, 1]);
		expect(old.entryKeyOf(old.node('m_name'), [1])).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	});
});

describe('on the wire', () => {
	const check = (answers: Record<string, unknown>) =>
		checkAnswers(household().form, answers, { today: '2026-11-30' }).map((p) => `${p.path} ${p.code}`);
	const valid = () => {
		const e = household();
		e.set('husband', [], e.choices('husband')[0].value);
		return e.submission();
	};

	it('a submission as the device sends it passes', () => {
		expect(check(valid())).toEqual([]);
	});

	it('a link to a key that is not an entry, a missing, malformed or repeated key are refused', () => {
		const wrongLink = { ...valid(), husband: '00000000-0000-4000-8000-000000000009' };
		expect(check(wrongLink)).toEqual(['husband unknown_choice']);
		const s = valid();
		const list = s.member as Record<string, unknown>[];
		delete list[0]._key;
		list[1]._key = 'Aram';
		// Aram's key is no key any more, so the husband link names nobody.
		expect(check(s)).toEqual(['member.0._key missing_key', 'member.1._key bad_key', 'husband unknown_choice']);
		const twice = valid();
		(twice.member as Record<string, unknown>[])[2]._key = (twice.member as Record<string, unknown>[])[1]._key;
		expect(check(twice)).toContain('member duplicate_key');
	});

	it('a form without links takes entries without keys (outboxes of the app before keys)', () => {
		const plain = engineOf([repeat('child', [q.text('c_name')])]);
		expect(checkAnswers(plain.form, { child: [{ c_name: 'Mane' }] }, { today: '2026-11-30' })).toEqual([]);
	});
});

describe('what a definition may say', () => {
	const problems = (items: Item[], lists: Record<string, Choice[]> = choices, extra: object = {}) => {
		const result = compileForm({ ...definitionOf(items, lists), ...extra });
		return result.status === 'ok' ? [] : result.problems.map((p) => p.message);
	};

	it('a link names a repeat the question can see, on a select_one or calculate, with no choice list', () => {
		expect(problems([members, q.selectOne('x', '', { choices: undefined, link: 'm_name' })])).toEqual([
			'x: link names "m_name", which is not a repeat of this form'
		]);
		expect(problems([members, q.text('x', { link: 'member' })])).toEqual(['x: only a select_one or a calculate takes a link']);
		expect(problems([members, q.selectOne('x', 'sex', { link: 'member' })])).toEqual([
			'x: a link\'s choices are the entries of "member"; it takes no choice list'
		]);
		const nested = repeat('visit', [q.selectOne('who', '', { choices: undefined, link: 'child' })]);
		expect(problems([repeat('family', [repeat('child', [q.text('c_name')])]), nested])).toEqual([
			'who: links "child", whose entries it cannot see from where it stands'
		]);
		expect(problems([members, q.selectOne('x', '', { choices: undefined, link: 'member', choice_filter: "m_sex = 'male'" })])).toEqual([
			"x: a link's choice_filter uses bare names (m_sex); write ${name}"
		]);
		expect(problems([q.calculate('k', 'entry-key(..)')])).toEqual([
			'k: calculation uses entry-key(..) outside a repeat, where there is no entry'
		]);
	});

	it("a group's list names a repeat whose entries it can see", () => {
		const check = (list: string) => ({ type: 'group', name: 'check', label: tr('check'), list, items: [q.note('n')] }) as Item;
		expect(problems([members, check('member')])).toEqual([]);
		expect(problems([members, check('m_name')])).toEqual([
			'check: list names "m_name", which is not a repeat whose entries this group can see'
		]);
	});

	it('codes are whole numbers, unique, on every choice of a list or none, and never a special code', () => {
		const coded = (...codes: (number | undefined)[]) => ({
			l: codes.map((code, i) => ({ value: `v${i}`, label: tr(`v${i}`), ...(code === undefined ? {} : { code }) }))
		});
		const item = [q.selectOne('a', 'l')];
		expect(problems(item, coded(1, 2, 3))).toEqual([]);
		expect(problems(item, coded(1, 1))).toEqual(['choices "v0" and "v1" in list "l" share code 1']);
		expect(problems(item, coded(1, undefined))).toEqual(['list "l" codes some choices but not v1: code every choice or none']);
		expect(problems(item, coded(1, -2))).toEqual(['choice "v1" in list "l": code -2 is a special code']);
		expect(problems(item, coded(1, 2.5))).not.toEqual([]);
	});

	it('a choice value is a name or a whole number, and a numeric value is its own code', () => {
		const numbered = (...choices: [string, number | undefined][]) => ({
			l: choices.map(([value, code]) => ({ value, label: tr(value), ...(code === undefined ? {} : { code }) }))
		});
		const item = [q.selectOne('a', 'l')];
		expect(problems(item, numbered(['1', 1], ['2', 2], ['99', 99]))).toEqual([]);
		expect(problems(item, numbered(['1', 1], ['2', 7]))).toEqual([
			'choice "2" in list "l": a numeric value is its own code, so its code must be 2'
		]);
		expect(problems(item, numbered(['1', undefined]))).toEqual([
			'choice "1" in list "l": a numeric value is its own code, so its code must be 1'
		]);
		for (const value of ['1a', '-1', '1.5', 'Yes', 'a b']) {
			expect(problems(item, numbered([value, undefined]))).toEqual([
				'choice values are lower snake_case names, starting with a letter, or whole numbers'
			]);
		}
	});

	it('the declared place and location are questions of the right kind outside repeats; citations name real settings', () => {
		const items = [q.selectOne('town', 'sex'), q.geopoint('gps'), members];
		expect(problems(items, choices, { place: 'town', location: 'gps' })).toEqual([]);
		expect(problems(items, choices, { place: 'm_name', location: 'town' })).toEqual([
			'place names "m_name", which is not a select_one or text question outside repeats',
			'location names "town", which is not a geopoint question outside repeats'
		]);
		const consent = q.note('consent', { label: 'Run by ${deployment.institution}, ask ${deployment.phone}' });
		expect(problems([consent])).toEqual(['consent: cites ${deployment.phone}; the settings are institution, contact']);
	});
});
