import { describe, expect, it } from 'vitest';
import type { Item } from './schema';
import { engineOf, group, list, q, repeat, withoutKeys } from './testing';

const choices = { yn: list('yes', 'no'), crops: list('wheat', 'barley', 'apricot') };

/** The issue a lone question reports for `value`. */
function issueFor(item: Item, value: unknown) {
	const e = engineOf([item], { choices });
	e.set(item.name, [], value);
	return e.issue(item.name);
}
const typeIssue = (code: string) => ({ kind: 'type', code });

describe('question types: valid and invalid answers', () => {
	it('text', () => {
		expect(issueFor(q.text('name'), 'Անի')).toBeUndefined();
		expect(issueFor(q.text('name'), 42)).toEqual(typeIssue('not_text'));
		expect(issueFor(q.text('name', { required: true }), '   ')).toEqual({ kind: 'required' });
	});

	it('integer', () => {
		expect(issueFor(q.integer('n'), 0)).toBeUndefined();
		expect(issueFor(q.integer('n'), -3)).toBeUndefined();
		for (const bad of [3.5, '3', Number.NaN, 2 ** 60, true]) expect(issueFor(q.integer('n'), bad)).toEqual(typeIssue('not_integer'));
	});

	it('decimal', () => {
		expect(issueFor(q.decimal('x'), 2.75)).toBeUndefined();
		expect(issueFor(q.decimal('x'), 3)).toBeUndefined();
		for (const bad of ['2.5', Number.POSITIVE_INFINITY, Number.NaN]) expect(issueFor(q.decimal('x'), bad)).toEqual(typeIssue('not_number'));
	});

	it('date: YYYY-MM-DD and a real calendar day', () => {
		expect(issueFor(q.date('d'), '2026-02-28')).toBeUndefined();
		expect(issueFor(q.date('d'), '2024-02-29')).toBeUndefined();
		for (const bad of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-2-3', '2026/02/03', '2026-02-03T10:00', 20260203]) {
			expect(issueFor(q.date('d'), bad)).toEqual(typeIssue('not_date'));
		}
	});

	it('year', () => {
		expect(issueFor(q.year('y'), 1957)).toBeUndefined();
		for (const bad of [1799, 2201, 1990.5, '1990']) expect(issueFor(q.year('y'), bad)).toEqual(typeIssue('not_year'));
	});

	it('select_one: a code of its list', () => {
		expect(issueFor(q.selectOne('ok', 'yn'), 'yes')).toBeUndefined();
		for (const bad of ['maybe', ['yes'], 1, 'YES']) expect(issueFor(q.selectOne('ok', 'yn'), bad)).toEqual(typeIssue('unknown_choice'));
	});

	it('select_multiple: an array of distinct codes; none selected is no answer', () => {
		expect(issueFor(q.selectMultiple('c', 'crops'), ['wheat', 'apricot'])).toBeUndefined();
		for (const bad of ['wheat', ['wheat', 'wheat'], ['rye'], [1]]) {
			expect(issueFor(q.selectMultiple('c', 'crops'), bad)).toEqual(typeIssue('unknown_choice'));
		}
		expect(issueFor(q.selectMultiple('c', 'crops', { required: true }), [])).toEqual({ kind: 'required' });
	});

	it('geopoint: a fix with accuracy, or the reason there is none', () => {
		const g = q.geopoint('gps');
		expect(issueFor(g, { lat: 40.18, lon: 44.51, accuracy: 4.5 })).toBeUndefined();
		expect(issueFor(g, { no_fix: 'indoors, no signal' })).toBeUndefined();
		for (const bad of [
			{ no_fix: '  ' },
			{ no_fix: 'x', lat: 1 },
			{ lat: 91, lon: 0, accuracy: 1 },
			{ lat: 0, lon: 181, accuracy: 1 },
			{ lat: 40, lon: 44 },
			{ lat: 40, lon: 44, accuracy: -1 },
			{ lat: 40, lon: 44, accuracy: 1, alt: 900 },
			'40.18 44.51'
		]) {
			expect(issueFor(g, bad)).toEqual(typeIssue('not_geopoint'));
		}
	});

	it('note: takes no answer, is never required and never submitted', () => {
		const e = engineOf([q.note('intro', { required: true }), q.text('x')]);
		e.set('intro', [], 'typed anyway');
		expect(e.issue('intro')).toBeUndefined();
		expect(e.issues()).toEqual([]);
		expect(e.submission()).toEqual({});
	});

	it('calculate: computed, submitted, never an issue', () => {
		const e = engineOf([q.integer('a'), q.calculate('double', '${a} * 2')]);
		expect(e.value('double')).toBeNull();
		e.set('a', [], 21);
		expect(e.value('double')).toBe(42);
		expect(e.issue('double')).toBeUndefined();
		expect(e.submission()).toEqual({ a: 21, double: 42 });
	});
});

describe("Don't know and Refused", () => {
	const dk = { special: 'dont_know' };
	const rf = { special: 'refused' };

	it('are allowed only where the question says so', () => {
		expect(issueFor(q.integer('n'), dk)).toEqual(typeIssue('special_not_allowed'));
		expect(issueFor(q.integer('n', { allow_dont_know: true }), dk)).toBeUndefined();
		expect(issueFor(q.integer('n', { allow_dont_know: true }), rf)).toEqual(typeIssue('special_not_allowed'));
		expect(issueFor(q.selectOne('s', 'yn', { allow_refused: true }), rf)).toBeUndefined();
		expect(issueFor(q.integer('n', { allow_refused: true }), { special: 'no_idea' })).toEqual(typeIssue('not_integer'));
	});

	it('satisfy required and skip the constraint', () => {
		const age = q.integer('age', { required: true, allow_dont_know: true, allow_refused: true, constraint: '. >= 0 and . < 120' });
		expect(issueFor(age, dk)).toBeUndefined();
		expect(issueFor(age, rf)).toBeUndefined();
		expect(issueFor(age, 130)).toMatchObject({ kind: 'constraint' });
	});

	it('are empty to expressions, and submitted as given', () => {
		const e = engineOf([
			q.integer('age', { allow_dont_know: true }),
			q.text('job', { relevant: '${age} >= 15' }),
			q.calculate('age_or', 'coalesce(${age}, -1)'),
			q.calculate('known', "if(${age} = '', 'no', 'yes')")
		]);
		e.set('age', [], 40);
		expect([e.relevant('job'), e.value('age_or'), e.value('known')]).toEqual([true, 40, 'yes']);
		e.set('age', [], dk);
		expect([e.relevant('job'), e.value('age_or'), e.value('known'), e.value('age')]).toEqual([false, -1, 'no', null]);
		expect(e.submission()).toEqual({ age: dk, age_or: -1, known: 'no' });
	});
});

describe('constraints', () => {
	const form = [
		q.integer('hh_size'),
		q.integer('rooms', {
			constraint: '. <= ${hh_size} * 4',
			constraint_message: { hy: 'hy', ru: 'ru', en: 'More than 4 rooms a person?' }
		}),
		q.integer('age', { constraint: '. < 100', constraint_soft: true })
	];

	it('a hard constraint blocks, with its message, and reads other answers', () => {
		const e = engineOf(form, { answers: { hh_size: 2, rooms: 9 } });
		const issue = e.issue('rooms');
		expect(issue).toMatchObject({ kind: 'constraint', soft: false, message: { en: 'More than 4 rooms a person?' } });
		expect(e.blocks(issue)).toBe(true);
		e.set('hh_size', [], 3);
		expect(e.issue('rooms')).toBeUndefined();
	});

	it('a soft constraint warns without blocking; a confirmation is recorded by instance key', () => {
		const e = engineOf(form, { answers: { age: 104 } });
		expect(e.issue('age')).toEqual({ kind: 'constraint', soft: true, confirmed: false, message: undefined });
		expect(e.blocks(e.issue('age'))).toBe(false);
		e.confirm('age', []);
		expect(e.confirmations()).toEqual(['age']);
		expect(e.issue('age')).toMatchObject({ confirmed: true });
		e.confirm('age', [], false);
		expect(e.confirmations()).toEqual([]);
	});

	it('a confirmation is of one answer: changing the answer asks again', () => {
		const e = engineOf(form, { answers: { age: 104 }, confirmed: ['age'] });
		expect(e.issue('age')).toMatchObject({ confirmed: true });
		e.set('age', [], 104);
		expect(e.confirmations()).toEqual(['age']);
		e.set('age', [], 140);
		expect(e.issue('age')).toMatchObject({ confirmed: false });
		expect(e.confirmations()).toEqual([]);
	});

	it('a constraint on a question that does not apply is not checked', () => {
		const e = engineOf([q.integer('a'), q.integer('b', { relevant: '${a} = 1', constraint: '. > 10' })], { answers: { a: 1, b: 5 } });
		expect(e.issue('b')).toMatchObject({ kind: 'constraint' });
		e.set('a', [], 2);
		expect(e.issue('b')).toBeUndefined();
		expect(e.issues()).toEqual([]);
	});
});

describe('skip logic', () => {
	const chain = [
		q.selectOne('a', 'yn'),
		q.selectOne('b', 'yn', { relevant: "${a} = 'yes'", required: true }),
		q.text('c', { relevant: "${b} = 'yes'", required: true })
	];

	it('A hides B, which hides C, though B keeps its answer', () => {
		const e = engineOf(chain, { choices });
		e.set('a', [], 'yes');
		e.set('b', [], 'yes');
		e.set('c', [], 'details');
		expect([e.relevant('b'), e.relevant('c')]).toEqual([true, true]);
		e.set('a', [], 'no');
		expect([e.relevant('b'), e.relevant('c'), e.value('b')]).toEqual([false, false, null]);
		expect(e.answers).toEqual({ a: 'no', b: 'yes', c: 'details' });
		expect(e.submission()).toEqual({ a: 'no' });
		expect(e.issues()).toEqual([]);
		e.set('a', [], 'yes');
		expect(e.submission()).toEqual({ a: 'yes', b: 'yes', c: 'details' });
	});

	it("a group's relevance hides its children, nested groups included", () => {
		const e = engineOf(
			[
				q.integer('age'),
				group('work', [q.text('job', { required: true }), group('pay', [q.integer('wage', { required: true })])], {
					relevant: '${age} >= 15'
				})
			],
			{ answers: { age: 30, job: 'teacher' } }
		);
		expect(e.issues()).toEqual([{ name: 'wage', place: [], issue: { kind: 'required' } }]);
		e.set('age', [], 9);
		expect([e.relevant('work'), e.relevant('job'), e.relevant('pay'), e.relevant('wage')]).toEqual([false, false, false, false]);
		expect([e.required('job'), e.issues()]).toEqual([false, []]);
		expect(e.submission()).toEqual({ age: 9 });
		expect(e.answers.job).toBe('teacher');
	});

	it('screens: loose top-level questions share one, each group and repeat has its own', () => {
		const e = engineOf([
			q.integer('a'),
			q.integer('b'),
			group('g', [q.text('x')], { relevant: '${a} = 1' }),
			repeat('r', [q.text('y')]),
			q.text('z')
		]);
		expect(e.form.screens).toEqual([
			{ name: 'a', items: ['a', 'b'] },
			{ name: 'g', items: ['g'] },
			{ name: 'r', items: ['r'] },
			{ name: 'z', items: ['z'] }
		]);
		expect(e.form.screens.map((s) => s.items.some((n) => e.relevant(n)))).toEqual([true, false, true, true]);
	});
});

describe('defaults', () => {
	it('fill unanswered questions only, inside groups too, and never overwrite', () => {
		const e = engineOf(
			[q.text('country', { default: 'am' }), q.integer('n', { default: 1 }), group('g', [q.integer('k', { default: 7 })])],
			{
				answers: { n: 4 }
			}
		);
		e.applyDefaults();
		expect(e.answers).toEqual({ country: 'am', n: 4, k: 7 });
	});

	it('a select_multiple default is its codes separated by spaces', () => {
		const e = engineOf([q.selectMultiple('c', 'crops', { default: 'wheat barley' })], { choices });
		e.applyDefaults();
		expect(e.answers.c).toEqual(['wheat', 'barley']);
		expect(e.issue('c')).toBeUndefined();
	});

	it('apply in each new entry, and not again to an entry where they were cleared', () => {
		const e = engineOf([repeat('member', [q.text('m_name'), q.text('m_status', { default: 'resident' })])]);
		e.addEntry('member');
		e.addEntry('member');
		e.set('m_status', [0], null);
		expect(withoutKeys(e.answers.member)).toEqual([{}, { m_status: 'resident' }]);
	});
});

describe('choice_filter', () => {
	const towns = {
		region: list('north', 'south'),
		town: list('gyumri:region=north', 'vanadzor:region=north', 'goris:region=south', 'other')
	};
	const form = [q.selectOne('region', 'region'), q.selectOne('town', 'town', { choice_filter: "region = ${region} or value = 'other'" })];

	it('bare names are choice attrs, value is the code', () => {
		const e = engineOf(form, { choices: towns, answers: { region: 'north' } });
		expect(e.choices('town').map((c) => c.value)).toEqual(['gyumri', 'vanadzor', 'other']);
		e.set('region', [], 'south');
		expect(e.choices('town').map((c) => c.value)).toEqual(['goris', 'other']);
	});

	it('an answer the filter no longer offers is an issue', () => {
		const e = engineOf(form, { choices: towns, answers: { region: 'north', town: 'gyumri' } });
		expect(e.issue('town')).toBeUndefined();
		e.set('region', [], 'south');
		expect(e.issue('town')).toEqual(typeIssue('unknown_choice'));
	});
});
