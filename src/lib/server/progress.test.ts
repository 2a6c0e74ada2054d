/**
 * The progress answer (GET /api/admin/progress) from the store's counts: its parameters and
 * their 400 messages, the span of days shown, one series per enumerator or settlement with a
 * count for every day, the totals, and the targets on each series.
 */
import { describe, expect, it } from 'vitest';
import { forms } from '$lib/forms';
import { targetsInputSchema } from '$lib/wire-progress';
import { daysBetween, parseProgressQuery, progressAnswer, progressSpan } from './progress';
import type { ProgressCount } from './storage/progress';
import type { Enumerator } from './storage/types';

const q = (text: string) => parseProgressQuery(new URLSearchParams(text), 'household_migration');

describe('the progress query', () => {
	it('takes by, from and to, by enumerator unless asked', () => {
		expect(q('')).toEqual({ formId: 'household_migration', by: 'enumerator' });
		expect(q('by=settlement&from=2026-12-01&to=2026-12-31')).toEqual({
			formId: 'household_migration',
			by: 'settlement',
			from: '2026-12-01',
			to: '2026-12-31'
		});
	});

	it('refuses what it cannot read, saying what is wrong', () => {
		expect(q('by=day')).toBe('by must be enumerator or settlement');
		expect(q('from=2026-02-30')).toBe('from must be a date as YYYY-MM-DD');
		expect(q('to=yesterday')).toBe('to must be a date as YYYY-MM-DD');
		expect(q('from=2026-12-02&to=2026-12-01')).toBe('from must not be after to');
		expect(q('from=2026-01-01&to=2027-01-02')).toBe('from and to span at most 366 days');
	});

	it('spans the days asked, else the last 31 days with interviews, from the first when nearer', () => {
		const stored = { first: '2026-10-01', last: '2026-12-10' };
		expect(progressSpan({ formId: 'f', by: 'enumerator' }, stored)).toEqual({ from: '2026-11-10', to: '2026-12-10' });
		expect(progressSpan({ formId: 'f', by: 'enumerator' }, { first: '2026-12-05', last: '2026-12-10' })).toEqual({
			from: '2026-12-05',
			to: '2026-12-10'
		});
		expect(progressSpan({ formId: 'f', by: 'enumerator', from: '2026-12-30' }, stored)).toEqual({ from: '2026-12-30', to: '2027-01-29' });
		expect(progressSpan({ formId: 'f', by: 'enumerator' }, { first: null, last: null })).toBeNull();
		expect(daysBetween('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
	});
});

describe('the progress answer', () => {
	const enumerators: Enumerator[] = [
		{ id: 'e-ani', name: 'Ani', sex: 'female', createdAt: '', revokedAt: null },
		{ id: 'e-idle', name: 'Idle', sex: 'male', createdAt: '', revokedAt: null },
		{ id: 'e-gone', name: 'Gone', sex: 'male', createdAt: '', revokedAt: '2026-11-01T00:00:00Z' }
	];
	const count = (day: string, key: string | null, outcome: ProgressCount['outcome'], n: number, label: string | null = null) => ({
		day,
		key,
		label,
		outcome,
		count: n
	});
	const days = ['2026-12-01', '2026-12-02', '2026-12-03'];

	it('by enumerator: every active enumerator, a count for every day, the daily target on each', () => {
		const answer = progressAnswer({
			query: { formId: 'household_migration', by: 'enumerator' },
			days,
			counts: [count('2026-12-01', 'e-ani', 'completed', 3, 'Ani'), count('2026-12-03', 'e-ani', 'refused', 1, 'Ani')],
			everCounts: [],
			enumerators,
			targets: { daily: 4, settlements: {} },
			versions: forms
		});
		expect(answer.series.map((s) => [s.label, s.target, s.totals])).toEqual([
			['Ani', 4, { completed: 3, refused: 1, brokenOff: 0 }],
			['Idle', 4, { completed: 0, refused: 0, brokenOff: 0 }]
		]);
		expect(answer.series[0].counts.map((c) => [c.day, c.completed, c.refused])).toEqual([
			['2026-12-01', 3, 0],
			['2026-12-02', 0, 0],
			['2026-12-03', 0, 1]
		]);
		expect(answer.totals).toEqual({ completed: 3, refused: 1, brokenOff: 0 });
	});

	it('by settlement: the choice labels, each settlement target, the completed interviews of every day, the place choices', () => {
		const answer = progressAnswer({
			query: { formId: 'household_migration', by: 'settlement', from: '2026-12-02', to: '2026-12-03' },
			days: days.slice(1),
			counts: [count('2026-12-02', 'chartar', 'completed', 2), count('2026-12-02', 'chartar', 'brokenOff', 1)],
			everCounts: [count('2026-11-20', 'chartar', 'completed', 5), count('2026-12-02', 'chartar', 'completed', 2)],
			enumerators: [],
			targets: { daily: 4, settlements: { chartar: 40, sos: 10 } },
			versions: forms
		});
		expect(answer.series.map((s) => [s.key, s.choiceLabel?.en, s.target, s.completedEver, s.totals.brokenOff])).toEqual([
			['chartar', 'Chartar', 40, 7, 1],
			['sos', 'Sos', 10, 0, 0]
		]);
		expect(answer.settlements.map((s) => s.value)).toContain('martuni_town');
	});

	it('takes targets only as whole numbers in range, naming the field', () => {
		const said = (body: unknown) => {
			const parsed = targetsInputSchema.safeParse(body);
			return parsed.success ? 'ok' : `${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`;
		};
		expect(said({ form: 'f', daily: 4, settlements: { chartar: 40 } })).toBe('ok');
		expect(said({ form: 'f', daily: null, settlements: {} })).toBe('ok');
		expect(said({ form: 'f', daily: 0, settlements: {} })).toBe('daily: must be a whole number from 1 to 1000, or null');
		expect(said({ form: 'f', daily: 2.5, settlements: {} })).toBe('daily: must be a whole number from 1 to 1000, or null');
		expect(said({ form: 'f', daily: 3, settlements: { chartar: -1 } })).toBe(
			'settlements.chartar: must be a whole number from 1 to 1000000'
		);
	});
});
