import { describe, expect, it } from 'vitest';
import { checkAnswers } from './check';
import { compiled, engineOf, group, list, q, repeat, tr } from './testing';
import type { Item } from './schema';

const choices = { yn: list('yes', 'no'), sex: list('m', 'f') };
const items: Item[] = [
	q.text('resp', { required: true }),
	q.integer('hh_size', {
		required: true,
		constraint: '. >= 1 and . <= 30',
		constraint_message: { hy: 'hy', ru: 'ru', en: 'Between 1 and 30 people' }
	}),
	q.selectOne('farm', 'yn'),
	group('farming', [q.decimal('land_ha', { required: true, constraint: '. < 1000', constraint_soft: true })], {
		relevant: "${farm} = 'yes'"
	}),
	q.note('thanks'),
	repeat('member', [
		q.text('m_name', { required: true }),
		q.integer('m_age', { required: true, allow_dont_know: true, constraint: '. <= 120', constraint_message: tr('Age at most 120') }),
		q.selectOne('m_sex', 'sex'),
		repeat('trip', [q.text('t_dest', { required: true })])
	]),
	repeat('plot', [q.decimal('p_area')])
];
const form = compiled(items, choices);
const check = (answers: Record<string, unknown>, breakOff = false) => checkAnswers(form, answers, { today: '2026-11-30', breakOff });
const valid = () => ({
	resp: 'Ani',
	hh_size: 2,
	farm: 'yes',
	land_ha: 1.5,
	member: [
		{ m_name: 'Ani', m_age: 40, m_sex: 'f', trip: [{ t_dest: 'Moscow' }] },
		{ m_name: 'Aram', m_age: { special: 'dont_know' } }
	]
});

describe('checkAnswers', () => {
	it('accepts a complete, valid submission', () => {
		expect(check(valid())).toEqual([]);
	});

	it('accepts what the engine submits', () => {
		const e = engineOf(items, { choices, answers: { ...valid(), farm: 'no' } });
		expect(check(e.submission())).toEqual([]);
	});

	it('reports unknown keys, at the top and inside entries, with their full path', () => {
		const answers = { ...valid(), colour: 'red', farming: 'x' } as Record<string, unknown>;
		(answers.member as Record<string, unknown>[])[0].foo = 1;
		(answers.member as Record<string, unknown>[])[1].p_area = 3;
		(answers.member as Record<string, unknown>[])[1].resp = 'x';
		expect(check(answers).map((p) => `${p.path} ${p.code}`)).toEqual([
			'member.0.foo unknown_question',
			'member.1.p_area unknown_question',
			'member.1.resp unknown_question',
			'colour unknown_question',
			'farming unknown_question'
		]);
	});

	it('reports answers to questions that do not apply, and to notes', () => {
		expect(check({ ...valid(), farm: 'no', thanks: 'ok' }).map((p) => `${p.path} ${p.code}`)).toEqual([
			'land_ha not_relevant',
			'thanks not_answerable'
		]);
	});

	it('reports a repeat that is not an array, and an entry that is not an object', () => {
		expect(check({ ...valid(), plot: { p_area: 1 } }).map((p) => `${p.path} ${p.code}`)).toEqual(['plot not_entries']);
		expect(check({ ...valid(), plot: [{ p_area: 1 }, 'x', null, [1]] }).map((p) => `${p.path} ${p.code}`)).toEqual([
			'plot.1 not_entry',
			'plot.2 not_entry',
			'plot.3 not_entry'
		]);
	});

	it('reports required answers missing, in entries too, unless the interview broke off', () => {
		const answers = { hh_size: 1, member: [{ m_age: 30, trip: [{}] }] };
		expect(check(answers)).toEqual([
			{ path: 'resp', code: 'required', message: 'an answer is required' },
			{ path: 'member.0.m_name', code: 'required', message: 'an answer is required' },
			{ path: 'member.0.trip.0.t_dest', code: 'required', message: 'an answer is required' }
		]);
		expect(check(answers, true)).toEqual([]);
	});

	it('reports hard constraint failures with the English message, and wrong forms even at a break-off', () => {
		const answers = {
			...valid(),
			hh_size: 45,
			member: [
				{ m_name: 'Ani', m_age: 130, m_sex: 'x' },
				{ m_name: 'Aram', m_age: { special: 'refused' } }
			]
		};
		expect(check(answers, true)).toEqual([
			{ path: 'hh_size', code: 'constraint', message: 'Between 1 and 30 people' },
			{ path: 'member.0.m_age', code: 'constraint', message: 'Age at most 120' },
			{ path: 'member.0.m_sex', code: 'unknown_choice', message: 'the answer has the wrong form (unknown choice)' },
			{ path: 'member.1.m_age', code: 'special_not_allowed', message: 'the answer has the wrong form (special not allowed)' }
		]);
	});

	it('does not report soft constraints, which the interviewer may confirm', () => {
		expect(check({ ...valid(), land_ha: 5000 })).toEqual([]);
	});

	it('does not change the answers it is given', () => {
		const answers = valid();
		check(answers);
		expect(answers).toEqual(valid());
	});
});

describe('checkAnswers with count-driven repeats and calculations', () => {
	const counted = compiled([
		q.integer('n', { required: true }),
		repeat('child', [q.text('c_name', { required: true })], { count: '${n}' }),
		q.calculate('named', 'count(${child})')
	]);

	it('reports entries beyond the count as answers that do not apply', () => {
		const problems = checkAnswers(counted, { n: 1, child: [{ c_name: 'A' }, { c_name: 'B' }], named: 1 }, { today: '2026-11-30' });
		expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual(['child.1.c_name not_relevant']);
	});

	it('reports entries the count asks for and the submission lacks', () => {
		const problems = checkAnswers(counted, { n: 2, child: [{ c_name: 'A' }] }, { today: '2026-11-30' });
		expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual(['child.1.c_name required']);
	});
});
