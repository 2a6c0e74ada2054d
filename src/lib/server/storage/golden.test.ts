import { describe, expect, it } from 'vitest';
import type { Submission } from '$lib/wire';
import { submissionHash } from './hash';

/**
 * A fixed submission, written out in full (not built from the questionnaire, which changes):
 * keys out of order at every depth, Armenian and Russian text, numbers, nulls, a roster, an
 * audit log.
 */
const fixed: Submission = {
	language: 'hy',
	id: '0b6f3a52-5d7e-4c1a-9f0e-2a4b6c8d0e1f',
	formVersion: '2026-11',
	formId: 'household',
	finalizedAt: '2026-11-30T08:50:00.000Z',
	deviceId: 'device-1',
	startedAt: '2026-11-30T08:00:00.000Z',
	answers: {
		settlement: 'Գյումրի',
		hh_size: 3,
		member: [
			{ m_name: 'Անահիտ', m_age: 41, m_sex: 'female' },
			{ m_sex: 'male', m_name: 'Арам', m_age: 12.5 }
		],
		consent: true,
		note: null,
		'10': 'ten',
		'9': 'nine'
	},
	meta: {
		referenceDate: '2026-11-30',
		confirmed: ['member.1.m_age'],
		events: [
			{ type: 'screen', t: 1_796_000_000_000, key: 'intro', value: null },
			{ value: 41, key: 'member.0.m_age', t: 1_796_000_007_000, type: 'answer' }
		]
	}
} as Submission;

/** Computed with the code as it stood before the stores shared one hash (commit db1fee7). */
const GOLDEN = '9a5f691ba4b43a918656555eadfa095389b5e7ac794f07092f085d5df8a79190';

describe('the content hash', () => {
	it('of a fixed submission never changes: stored hashes keep their meaning', () => {
		expect(submissionHash(fixed)).toBe(GOLDEN);
	});

	it('does not depend on the order keys were written in', () => {
		const reversed = (v: unknown): unknown =>
			Array.isArray(v)
				? v.map(reversed)
				: v && typeof v === 'object'
					? Object.fromEntries(
							Object.entries(v)
								.reverse()
								.map(([k, x]) => [k, reversed(x)])
						)
					: v;
		const copy = reversed(fixed) as Submission;
		expect(JSON.stringify(copy)).not.toBe(JSON.stringify(fixed));
		expect(submissionHash(copy)).toBe(GOLDEN);
	});
});
