/**
 * The engine caches per instance and forgets only what a change can reach. These scripts
 * check after every step that nothing it reports differs from a fresh engine on a copy of
 * the same answers: a stale cache would show an interviewer a wrong skip or a wrong error.
 */
import { describe, expect, it } from 'vitest';
import type { FormEngine } from './engine';
import type { Item } from './schema';
import { seeded } from '../../../tests/support/random';
import { engineOf, group, list, q, repeat, staleness } from './testing';

const choices = {
	sex: list('m', 'f'),
	rel: list('head', 'spouse', 'child', 'other'),
	town: list('gyumri:region=north', 'goris:region=south', 'abroad')
};

/** Runs the steps, checking the engine against a fresh one after each, and again once the form is entered (as the session enters after each change). */
function script(e: FormEngine, steps: (() => void)[]) {
	for (const [i, step] of steps.entries()) {
		step();
		expect(staleness(e, { random: seeded(3) }), `after step ${i}`).toEqual([]);
		if (e.enter()) expect(staleness(e, { random: seeded(3) }), `after step ${i}, entered`).toEqual([]);
	}
}

const roster: Item[] = [
	q.integer('min_work_age', { default: 15 }),
	q.text('region'),
	q.integer('hh_size', { constraint: '. = count(${member})', constraint_soft: true }),
	repeat('member', [
		q.text('m_name', { required: true, constraint: 'string-length(.) >= 2' }),
		q.integer('m_age', { required: true, allow_dont_know: true, constraint: '. <= 120' }),
		q.selectOne('m_rel', 'rel', { choice_filter: "value != 'head' or position(..) = 1" }),
		q.selectOne('m_town', 'town', { choice_filter: "region = ${region} or value = 'abroad'" }),
		q.calculate('m_head', 'indexed-repeat(${m_name}, ${member}, 1)'),
		q.calculate('m_prev_age', 'indexed-repeat(${m_age}, ${member}, position(..) - 1)'),
		q.calculate('m_adult', 'if(${m_age} >= 18, 1, 0)'),
		group(
			'm_work',
			[
				q.integer('m_income', { constraint: '. <= ${income_cap}' }),
				q.integer('m_share', { constraint: '. <= ${total_income}', relevant: '${total_income} > 0' })
			],
			{ relevant: '${m_age} >= ${min_work_age}' }
		),
		q.text('m_note', { relevant: '${m_head} != ${m_name} and ${n_adults} > 1' }),
		repeat(
			'trip',
			[
				q.integer('t_days', { constraint: '. <= ${m_age} * 366' }),
				q.calculate('t_prev', 'indexed-repeat(${t_days}, ${trip}, position(..) - 1)')
			],
			{
				count: '${m_trips}',
				relevant: '${m_adult} = 1'
			}
		),
		q.integer('m_trips', { relevant: '${m_adult} = 1' })
	]),
	q.integer('income_cap', { default: 1000000 }),
	q.calculate('total_income', 'sum(${m_income})'),
	q.calculate('n_adults', 'sum(${m_adult})'),
	q.calculate('n_trips', 'count(${trip})'),
	q.calculate('days', 'sum(${t_days})'),
	q.calculate('draw', 'once(random())', { relevant: '${n_adults} >= 2' }),
	q.calculate('selected_member', 'int(${draw} * ${n_adults}) + 1')
];

function roster20(): FormEngine {
	const e = engineOf(roster, { choices, random: seeded(3) });
	e.applyDefaults();
	e.set('region', [], 'north');
	for (let i = 0; i < 20; i++) {
		e.addEntry('member');
		e.set('m_name', [i], `Person ${i}`);
		e.set('m_age', [i], 10 + i * 3);
		e.set('m_income', [i], i * 1000);
	}
	return e;
}

describe('incremental recomputation matches a fresh engine', () => {
	it('a top-level value read by per-entry relevance, constraints and filters in a 20-entry roster', () => {
		const e = roster20();
		expect(staleness(e)).toEqual([]);
		script(e, [
			() => e.set('min_work_age', [], 40),
			() => e.set('min_work_age', [], 10),
			() => e.set('income_cap', [], 5000),
			() => e.set('region', [], 'south'),
			() => e.set('m_town', [7], 'goris'),
			() => e.set('region', [], 'north'),
			() => e.set('min_work_age', [], null)
		]);
	});

	it('a per-entry value read by a top-level sum that per-entry constraints read', () => {
		const e = roster20();
		script(e, [
			() => e.set('m_share', [19], 150000),
			() => e.set('m_income', [3], 0),
			() => e.set('m_income', [19], 1000),
			() => e.set('m_age', [2], 70),
			() => e.set('m_age', [19], { special: 'dont_know' }),
			() => e.set('m_income', [5], 'not a number'),
			() => e.set('m_income', [5], 5000)
		]);
	});

	it('a value another entry reads through indexed-repeat()', () => {
		const e = roster20();
		script(e, [
			() => e.set('m_name', [0], 'Aram'),
			() => e.set('m_name', [3], 'Aram'),
			() => e.set('m_age', [4], 90),
			() => e.set('m_rel', [0], 'head'),
			() => e.set('m_rel', [1], 'head'),
			() => e.set('m_name', [0], null)
		]);
	});

	it('adding and removing entries', () => {
		const e = roster20();
		script(e, [
			() => e.set('hh_size', [], 20),
			() => e.confirm('m_age', [5]),
			() => e.addEntry('member'),
			() => e.set('m_name', [20], 'Late arrival'),
			() => e.removeEntry('member', [], 0),
			() => e.removeEntry('member', [], 10),
			() => e.set('hh_size', [], 19),
			() => e.removeEntry('member', [], 18)
		]);
	});

	it('count-driven nested repeats growing and shrinking', () => {
		const e = roster20();
		script(e, [
			() => e.set('m_trips', [10], 3),
			() => e.set('t_days', [10, 2], 40),
			() => e.set('t_days', [10, 1], 12),
			() => e.set('m_trips', [10], 1),
			() => e.set('m_age', [10], 5),
			() => e.set('m_age', [10], 50),
			() => e.set('m_trips', [10], 3),
			() => e.set('m_trips', [19], 2),
			() => e.removeEntry('member', [], 10)
		]);
	});

	it('a random walk of edits', () => {
		const e = roster20();
		const r = seeded(11);
		const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
		const values: Record<string, unknown[]> = {
			m_name: ['Ani', 'A', null, 'Person 0'],
			m_age: [0, 14, 15, 17, 18, 40, 130, null, { special: 'dont_know' }],
			m_income: [0, 500, 2000000, null],
			m_share: [0, 10 ** 7, null],
			m_rel: ['head', 'child', null],
			m_town: ['gyumri', 'goris', 'abroad'],
			m_trips: [0, 1, 2, null]
		};
		const top: Record<string, unknown[]> = {
			min_work_age: [12, 15, 30],
			income_cap: [1000, 10 ** 6],
			region: ['north', 'south'],
			hh_size: [19, 20, 21]
		};
		const steps: (() => void)[] = [];
		for (let s = 0; s < 120; s++) {
			const kind = r();
			if (kind < 0.6) {
				const name = pick(Object.keys(values));
				const at = Math.floor(r() * 20);
				const value = pick(values[name]);
				steps.push(() => e.set(name, [Math.min(at, e.entryCount('member') - 1)], value));
			} else if (kind < 0.8) {
				const name = pick(Object.keys(top));
				const value = pick(top[name]);
				steps.push(() => e.set(name, [], value));
			} else if (kind < 0.9) {
				steps.push(() => {
					const at = e.entryCount('member') - 1;
					if (e.entryCount('trip', [at]) > 0) e.set('t_days', [at, 0], Math.floor(r() * 400));
				});
			} else if (kind < 0.95) steps.push(() => e.addEntry('member'));
			else steps.push(() => e.entryCount('member') > 2 && e.removeEntry('member', [], Math.floor(r() * 3)));
		}
		script(e, steps);
	}, 60_000);
});

describe('incremental recomputation in small forms', () => {
	it('relevance chains through groups and calculations', () => {
		const e = engineOf([
			q.integer('a'),
			q.calculate('b', '${a} * 2'),
			group('g', [q.integer('c', { relevant: '${b} > 4' }), q.calculate('d', 'coalesce(${c}, 0) + 1')], { relevant: '${a} != 0' }),
			q.integer('e', { relevant: '${d} > 1', required: true })
		]);
		script(e, [
			() => e.set('a', [], 3),
			() => e.set('c', [], 5),
			() => e.set('a', [], 1),
			() => e.set('a', [], 0),
			() => e.set('a', [], 3)
		]);
	});

	it('confirmations, soft constraints and special answers', () => {
		const e = engineOf([q.integer('n', { allow_refused: true }), q.integer('k', { constraint: '. <= ${n}', constraint_soft: true })]);
		script(e, [
			() => e.set('n', [], 2),
			() => e.set('k', [], 3),
			() => e.confirm('k', []),
			() => e.set('n', [], 1),
			() => e.set('n', [], { special: 'refused' }),
			() => e.set('k', [], 1)
		]);
	});
});

describe('random edits to a form with nested free and count-driven repeats', () => {
	const filtered = { yn: list('yes', 'no'), town: list('gyumri:region=north', 'goris:region=south', 'abroad') };
	const form: Item[] = [
		q.integer('cap', { default: 50 }),
		q.text('region'),
		q.selectOne('farm', 'yn'),
		repeat('member', [
			q.text('m_name', { constraint: 'string-length(.) > 1' }),
			q.integer('m_age', { allow_dont_know: true, constraint: '. <= ${cap}', constraint_soft: true }),
			q.selectOne('m_town', 'town', { choice_filter: "region = ${region} or value = 'abroad'" }),
			group(
				'm_g',
				[
					q.integer('m_inc', { constraint: '. <= ${tot} div 2' }),
					repeat('trip', [
						q.integer('t_days', { constraint: '. <= ${m_age}' }),
						q.calculate('t_prev', 'indexed-repeat(${t_days}, ${trip}, position(..) - 1)'),
						q.calculate('t_first', 'indexed-repeat(${t_days}, ${member}, 1)'),
						q.integer('t_x', { relevant: '${t_prev} > 3 or ${tot} > 100' })
					]),
					q.calculate('m_days', 'sum(${t_days})')
				],
				{ relevant: "${m_age} >= 15 and ${farm} = 'yes'" }
			),
			repeat('plot', [q.integer('p_a', { relevant: '${m_days} > 2' })], { count: 'coalesce(${m_age}, 0) mod 3' })
		]),
		q.calculate('tot', 'sum(${m_inc})'),
		q.calculate('plots', 'count(${plot})'),
		q.calculate('second', 'indexed-repeat(${m_name}, ${member}, 2)')
	];
	const pool: Record<string, unknown[]> = {
		integer: [0, 1, 2, 3, 4, 5, 17, 20, 60, 200, null, { special: 'dont_know' }],
		text: ['A', 'Ani', 'north', 'south', null],
		select_one: ['yes', 'no', 'gyumri', 'goris', 'abroad', null]
	};

	for (const seed of [1, 2]) {
		it(`seed ${seed}: sets, entries added and removed, confirmations`, () => {
			const r = seeded(seed);
			const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
			const e = engineOf(form, { choices: filtered });
			e.applyDefaults();
			const questions = [...e.form.nodes.values()].filter((n) => pool[n.item.type]);
			const steps = Array.from({ length: 150 }, () => () => {
				const k = r();
				const places = (name: string) => e.places(name);
				if (k < 0.7) {
					const node = pick(questions);
					if (places(node.name).length) e.set(node.name, pick(places(node.name)), pick(pool[node.item.type]));
				} else if (k < 0.8 && places('trip').length) e.addEntry('trip', pick(places('trip')));
				else if (k < 0.85) e.addEntry('member');
				else if (k < 0.9 && places('t_days').length) {
					const p = pick(places('t_days'));
					e.removeEntry('trip', p.slice(0, 1), p[1]);
				} else if (k < 0.93 && e.entryCount('member') > 1) e.removeEntry('member', [], Math.floor(r() * e.entryCount('member')));
				else if (places('m_age').length) e.confirm('m_age', pick(places('m_age')), r() < 0.7);
			});
			script(e, steps);
		}, 60_000);
	}
});
