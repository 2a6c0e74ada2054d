import { describe, expect, it } from 'vitest';
import { forms } from '$lib/forms';
import { choiceCode } from './codes';
import { localDay, submissionFilter } from './export-filter';
import { sampleSubmission } from './testing';
import type { StoredSubmission } from './storage/types';

const at = (startedAt: string, enumeratorId: string | null, settlement: string): StoredSubmission => ({
	...sampleSubmission({ startedAt, answers: { site_type: 'armenia', settlement, consent: 'no' } }),
	enumeratorId,
	enumeratorSex: null,
	receivedAt: '2026-12-16T09:00:00Z',
	reviewState: 'received' as const
});

const rows = [
	at('2026-12-01T10:00:00.000Z', 'e1', 'yerevan'),
	at('2026-12-02T10:00:00.000Z', 'e2', 'goris'),
	at('2026-12-03T10:00:00.000Z', 'e1', 'goris')
];

function kept(query: string): number[] {
	const keep = submissionFilter(new URLSearchParams(query), forms);
	if (typeof keep === 'string') throw new Error(keep);
	return rows.flatMap((r, i) => (keep(r) ? [i] : []));
}

describe('export filters', () => {
	it('keep the days from and to (inclusive, on the start in the server time zone), an enumerator, a settlement by code or name', () => {
		expect(kept('')).toEqual([0, 1, 2]);
		expect(kept('from=2026-12-02')).toEqual([1, 2]);
		expect(kept('to=2026-12-02')).toEqual([0, 1]);
		expect(kept('from=2026-12-02&to=2026-12-02')).toEqual([1]);
		expect(kept('enumerator=e1')).toEqual([0, 2]);
		const goris = choiceCode(forms, 'settlement', 'goris');
		expect(goris).toBeTypeOf('number');
		expect(kept(`settlement=${goris}`)).toEqual([1, 2]);
		expect(kept('settlement=yerevan&enumerator=e1')).toEqual([0]);
		expect(kept('review=received')).toEqual([0, 1, 2]);
		expect(kept('review=approved,rejected')).toEqual([]);
	});

	it("read the day in the server's time zone: 22:00 UTC is the next day in Yerevan", () => {
		const zone = process.env.TZ;
		process.env.TZ = 'Asia/Yerevan';
		try {
			expect(localDay('2026-12-01T22:00:00.000Z')).toBe('2026-12-02');
			expect(localDay('2026-12-01T19:59:00.000Z')).toBe('2026-12-01');
			expect(localDay('2026-12-02T01:30:00+04:00')).toBe('2026-12-02');
		} finally {
			if (zone === undefined) delete process.env.TZ;
			else process.env.TZ = zone;
		}
	});

	it('refuse what they do not take', () => {
		expect(submissionFilter(new URLSearchParams('from=2026-13-01'), forms)).toMatch(/from must be a date/);
		expect(submissionFilter(new URLSearchParams('to=yesterday'), forms)).toMatch(/to must be a date/);
		expect(submissionFilter(new URLSearchParams('review=received,pending'), forms)).toMatch(/not pending/);
	});
});
