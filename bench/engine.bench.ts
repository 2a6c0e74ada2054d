/**
 * One keystroke to recomputed state, on a household roster of 5 and of 100 members:
 *   npx vitest bench --run bench/engine.bench.ts
 * "Incremental" is what the interview screen does: engine.set() of one answer in the last
 * entry, enter() of the form (as the session enters the screens reached after each answer),
 * then relevant / value / issue of every question on that screen (the entry, its
 * nested trips) and the relevance of every screen in the list. "Full" is the baseline: a
 * fresh FormEngine on the same answers, then issues() over the whole form. The p50/p95
 * table is printed first; vitest's own table of the same cases follows.
 */
import { bench, describe } from 'vitest';
import { FormEngine, type Place } from '../src/lib/form';
import { compiled, group, list, q, repeat } from '../src/lib/form/testing';
import { ms as fmt, times, writeFigures } from './figures.mjs';

const choices = {
	sex: list('m', 'f'),
	rel: list('head', 'spouse', 'child', 'parent', 'other'),
	school: list('none', 'primary', 'secondary', 'higher'),
	place: list('yerevan:abroad=no', 'gyumri:abroad=no', 'moscow:abroad=yes', 'sochi:abroad=yes')
};

const form = compiled(
	[
		q.integer('survey_year', { default: 2026 }),
		q.integer('min_work_age', { default: 15 }),
		q.integer('hh_size', { required: true, constraint: '. = count(${member})', constraint_soft: true }),
		q.selectOne('migration', 'rel', { label: 'any migrants' }),
		repeat('member', [
			q.text('m_name', { required: true, constraint: 'string-length(.) >= 2' }),
			q.selectOne('m_sex', 'sex', { required: true }),
			q.integer('m_age', { required: true, allow_dont_know: true, constraint: '. <= 120 and (position(..) > 1 or . >= 16)' }),
			q.selectOne('m_rel', 'rel', { required: true, choice_filter: "value != 'head' or position(..) = 1" }),
			q.year('m_born', { constraint: '. = ${survey_year} - ${m_age} or . = ${survey_year} - ${m_age} - 1', constraint_soft: true }),
			q.calculate('m_head_age', 'indexed-repeat(${m_age}, ${member}, 1)'),
			q.integer('m_mother', { relevant: '${m_age} < 18', constraint: '. >= 1 and . <= count(${member})' }),
			q.selectOne('m_school', 'school', { relevant: '${m_age} >= 6' }),
			group(
				'm_work',
				[q.text('m_job', { required: true }), q.integer('m_income', { constraint: '. <= ${total_income} and . < 10000000' })],
				{
					relevant: '${m_age} >= ${min_work_age}'
				}
			),
			q.calculate('m_adult', 'if(${m_age} >= 18, 1, 0)'),
			q.integer('m_trips', { relevant: '${m_adult} = 1', constraint: '. <= 5' }),
			repeat(
				'trip',
				[
					q.selectOne('t_place', 'place', { choice_filter: "abroad = 'yes' or ${m_age} >= 18" }),
					q.integer('t_days', { constraint: '. <= 366' })
				],
				{
					count: '${m_trips}'
				}
			)
		]),
		q.calculate('total_income', 'sum(${m_income})'),
		q.calculate('n_adults', 'sum(${m_adult})'),
		q.calculate('n_trips', 'count(${trip})'),
		q.integer('hh_income', { constraint: '. >= ${total_income}', constraint_soft: true })
	],
	choices
);

function answersFor(members: number) {
	return {
		survey_year: 2026,
		min_work_age: 15,
		hh_size: members,
		member: Array.from({ length: members }, (_, i) => {
			const age = i === 0 ? 48 : (i * 7) % 80;
			return {
				m_name: `Person ${i}`,
				m_sex: i % 2 ? 'f' : 'm',
				m_age: age,
				m_rel: i === 0 ? 'head' : 'child',
				m_born: 2026 - age,
				...(age < 18 ? { m_mother: 1 } : {}),
				...(age >= 6 ? { m_school: 'secondary' } : {}),
				...(age >= 15 ? { m_job: 'farmer', m_income: 1000 * i } : {}),
				...(age >= 18
					? {
							m_trips: 2,
							trip: [
								{ t_place: 'moscow', t_days: 30 },
								{ t_place: 'yerevan', t_days: 3 }
							]
						}
					: {})
			};
		})
	};
}

/** Everything the entry's screen shows, as the UI reads it after each keystroke. */
function readScreen(e: FormEngine, entry: number): number {
	let seen = 0;
	e.walk(
		(name, place) => {
			e.relevant(name, place);
			e.value(name, place);
			e.issue(name, place);
			e.choices(name, place);
			seen++;
		},
		e.node('member').children,
		[entry]
	);
	for (const screen of e.form.screens) if (screen.items.some((n) => e.relevant(n))) seen++;
	return seen;
}

/** Keystrokes in the last entry: its income (read by a top-level sum every entry's constraint reads) and its age. */
function keystroke(e: FormEngine, last: number, i: number) {
	const place: Place = [last];
	if (i % 2) e.set('m_income', place, 1000 + (i % 97));
	else e.set('m_age', place, 30 + (i % 40));
}

function percentiles(times: number[]) {
	const sorted = [...times].sort((a, b) => a - b);
	const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
	return { p50: at(0.5), p95: at(0.95) };
}

function measure(run: (i: number) => void, iterations: number, warmup: number): { p50: number; p95: number } {
	for (let i = 0; i < warmup; i++) run(i);
	const times: number[] = [];
	for (let i = 0; i < iterations; i++) {
		const start = performance.now();
		run(i);
		times.push(performance.now() - start);
	}
	return percentiles(times);
}

function incremental(members: number) {
	const e = new FormEngine(form, answersFor(members), { today: '2026-11-30' });
	e.issues();
	return (i: number) => {
		keystroke(e, members - 1, i);
		e.enter();
		readScreen(e, members - 1);
	};
}

function full(members: number) {
	const answers = answersFor(members);
	const e = new FormEngine(form, answers, { today: '2026-11-30' });
	return (i: number) => {
		keystroke(e, members - 1, i);
		new FormEngine(form, answers, { today: '2026-11-30' }).issues();
	};
}

const sizes = [5, 100];
const ms = (x: number) => x.toFixed(3).padStart(9);
const rows = sizes.map((n) => ({ n, inc: measure(incremental(n), 2000, 300), full: measure(full(n), n > 50 ? 200 : 1000, 50) }));
console.log(
	[
		'',
		'one keystroke → recomputed state (ms)',
		'members | incremental p50 | incremental p95 |  full p50 |  full p95',
		...rows.map(
			({ n, inc, full }) => `${String(n).padStart(7)} |       ${ms(inc.p50)} |       ${ms(inc.p95)} | ${ms(full.p50)} | ${ms(full.p95)}`
		),
		''
	].join('\n')
);
writeFigures(
	'engine',
	rows.map(({ n, inc, full }) => ({
		figure: `engine: one keystroke → recomputed state, ${n} members, p50 (p95)`,
		value: `${fmt(inc.p50)} (${fmt(inc.p95)})`,
		baseline: `full re-evaluation ${fmt(full.p50)} (${fmt(full.p95)})`,
		ratio: times(inc.p50 / full.p50)
	}))
);

describe('one keystroke to recomputed state', () => {
	for (const n of sizes) {
		let i = 0;
		const inc = incremental(n);
		const base = full(n);
		bench(`incremental, ${n} members`, () => inc(i++), { time: 500 });
		bench(`full re-evaluation, ${n} members`, () => base(i++), { time: 500 });
	}
});
