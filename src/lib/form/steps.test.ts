import { describe, expect, it } from 'vitest';
import { currentForm } from '$lib/forms';
import { currentStep, entrySteps, shownSteps, stepOf, stepProblem, stepsAfterRemoval } from './steps';
import { compiled, engineOf, group, list, q, repeat } from './testing';

const choices = { yn: list('yes', 'no') };

/** A member with plain questions, a group, a nested count-driven trip (itself with a group), and plain questions again. */
const items = [
	repeat(
		'member',
		[
			q.calculate('m_line', 'position(..)'),
			q.text('m_name', { required: true }),
			q.integer('m_age', { required: true }),
			q.note('m_note'),
			group('m_work', [q.text('m_job', { required: true })], { relevant: '${m_age} >= 15' }),
			repeat(
				'trip',
				[
					q.text('t_dest', { required: true }),
					group('t_money', [q.selectOne('t_sent', 'yn', { required: true }), q.calculate('t_calc', '1')]),
					q.calculate('t_only_calc', '2')
				],
				{ count: 'if(${m_away} = "yes", 1, 0)' }
			),
			q.selectOne('m_away', 'yn', { required: true }),
			group('m_calcs', [q.calculate('m_c1', '1'), q.calculate('m_c2', '2')]),
			q.calculate('m_tail', '3')
		],
		{ summary: ['m_name'] }
	)
];

describe('entry steps', () => {
	const form = compiled(items, choices);

	it('splits an entry into runs of plain items, each group and each nested repeat', () => {
		expect(entrySteps(form, 'member')).toEqual([
			{ kind: 'items', names: ['m_line', 'm_name', 'm_age', 'm_note'] },
			{ kind: 'group', names: ['m_work'] },
			{ kind: 'repeat', names: ['trip'] },
			{ kind: 'items', names: ['m_away'] },
			{ kind: 'group', names: ['m_calcs'] },
			{ kind: 'items', names: ['m_tail'] }
		]);
		expect(entrySteps(form, 'trip')).toEqual([
			{ kind: 'items', names: ['t_dest'] },
			{ kind: 'group', names: ['t_money'] },
			{ kind: 'items', names: ['t_only_calc'] }
		]);
		expect(() => entrySteps(form, 'm_name')).toThrow(/not a repeat/);
	});

	it('shows only the steps with something to show now: relevance, a count of 0, calculates alone skip a step', () => {
		const e = engineOf(items, { choices, answers: { member: [{ m_name: 'Ani', m_age: 12 }] } });
		// A child: no work; no trip while not away; the calculates-only group and tail never show.
		expect(shownSteps(e, 'member', [0])).toEqual([0, 3]);
		e.set('m_age', [0], 40);
		e.set('m_away', [0], 'yes');
		expect(shownSteps(e, 'member', [0])).toEqual([0, 1, 2, 3]);
		// The trip's entry: its plain question and its group; the step of only a calculate is skipped.
		expect(shownSteps(e, 'trip', [0, 0])).toEqual([0, 1]);
	});

	it('keeps the step last seen, or the next that shows when answers hid it', () => {
		expect(currentStep([0, 3], 0)).toBe(0);
		expect(currentStep([0, 3], 3)).toBe(3);
		expect(currentStep([0, 3], 1)).toBe(3);
		expect(currentStep([0, 1], 3)).toBe(1);
		expect(currentStep([0, 1, 2, 3])).toBe(0);
		expect(currentStep([], 2)).toBe(0);
	});

	it('finds the step of an entry that holds a question, at any depth', () => {
		expect(stepOf(form, 'member', 'm_name')).toBe(0);
		expect(stepOf(form, 'member', 'm_job')).toBe(1);
		// A question of the nested trip is on the member's trip step, and on its own entry's money step.
		expect(stepOf(form, 'member', 't_sent')).toBe(2);
		expect(stepOf(form, 'trip', 't_sent')).toBe(1);
		// The nested repeat's own issue (a count over it) is on the step that shows it.
		expect(stepOf(form, 'member', 'trip')).toBe(2);
		expect(stepOf(form, 'member', 'm_away')).toBe(3);
		expect(stepOf(form, 'trip', 'm_name')).toBeUndefined();
	});

	it('finds the step of the first blocking problem the engine reports for an entry', () => {
		const e = engineOf(items, { choices, answers: { member: [{ m_name: 'Ani', m_age: 40, m_job: 'Teacher', m_away: 'yes' }] } });
		e.entryCount('trip', [0]);
		e.set('t_dest', [0, 0], 'Moscow');
		const first = e.issues(['member']).find((i) => e.blocks(i.issue))!;
		expect(first).toMatchObject({ name: 't_sent', place: [0, 0] });
		expect(stepOf(form, 'member', first.name)).toBe(2);
		expect(stepOf(form, 'trip', first.name)).toBe(1);
		// "Next part" asks the same of one step: the member's own questions pass, his trip's money does not.
		expect(stepProblem(e, 'member', [0], 0)).toBeUndefined();
		expect(stepProblem(e, 'member', [0], 2)).toEqual({ name: 't_sent', place: [0, 0] });
		expect(stepProblem(e, 'trip', [0, 0], 0)).toBeUndefined();
		expect(stepProblem(e, 'trip', [0, 0], 1)).toEqual({ name: 't_sent', place: [0, 0] });
		e.set('m_name', [0], '');
		expect(stepProblem(e, 'member', [0], 0)).toEqual({ name: 'm_name', place: [0] });
	});

	it('moves the kept steps with the entries when one is removed', () => {
		const steps = { 'member.0': 1, 'member.1': 2, 'member.1.trip.0': 1, 'member.2': 3, 'member.2.trip.0': 1, 'other.0': 1 };
		expect(stepsAfterRemoval(steps, 'member', 1)).toEqual({ 'member.0': 1, 'member.1': 3, 'member.1.trip.0': 1, 'other.0': 1 });
		const { 'member.1.trip.0': _removed, ...others } = steps;
		expect(_removed).toBe(1);
		expect(stepsAfterRemoval(steps, 'member.1.trip', 0)).toEqual(others);
	});
});

describe('the household questionnaire', () => {
	it('pages a member through its own questions and the migration entry; the migrant through its questions and the money it sends', () => {
		const form = currentForm;
		const member = entrySteps(form, 'member');
		expect(member.map((s) => s.kind)).toEqual(['items', 'repeat']);
		expect(member[1].names).toEqual(['migrant']);
		expect(entrySteps(form, 'migrant').map((s) => s.kind)).toEqual(['items', 'group']);
		expect(stepOf(form, 'member', 'rem_freq')).toBe(1);
		expect(stepOf(form, 'migrant', 'rem_freq')).toBe(1);
		expect(stepOf(form, 'migrant', 'mig_dest_country')).toBe(0);
	});
});
