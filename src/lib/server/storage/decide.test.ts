import { describe, expect, it } from 'vitest';
import type { Submission } from '$lib/wire';
import { sampleSubmission } from '../testing';
import { decide } from './decide';
import { submissionHash } from './hash';

const sample = sampleSubmission();
const fresh = (overrides: Partial<Submission> = {}): Submission => ({ ...sample, id: crypto.randomUUID(), ...overrides });

describe('decide (the one duplicate rule of both stores)', () => {
	it('creates new ids, and in order counts an id as stored from its first occurrence on', () => {
		const [a, b] = [fresh(), fresh()];
		const b2 = { ...b, language: 'ru' as const };
		const { outcomes, created, conflicts } = decide([a, b, a, b2, b2, b], new Map());
		expect(outcomes).toEqual(['created', 'created', 'duplicate', 'conflict', 'conflict', 'duplicate']);
		expect(created).toEqual([a, b]);
		expect(conflicts).toEqual([{ submission: b2, hash: submissionHash(b2) }]);
	});

	it('decides against stored hashes: same content a duplicate, other content a conflict', () => {
		const s = fresh();
		const other = { ...s, answers: { ...s.answers, hh_size: 99 } };
		const decision = decide([other, s], new Map([[s.id, submissionHash(s)]]));
		expect(decision).toEqual({
			outcomes: ['conflict', 'duplicate'],
			created: [],
			conflicts: [{ submission: other, hash: submissionHash(other) }]
		});
	});

	it('hashes nothing on a first send: only an id that comes again is hashed', () => {
		// BigInt cannot be hashed: it shows which items were.
		const unhashable = fresh({ answers: { hh_size: 10n } });
		expect(decide([unhashable], new Map()).outcomes).toEqual(['created']);
		expect(() => decide([unhashable, unhashable], new Map())).toThrow(/BigInt/);
	});

	it('after a supervisor settled a conflict: either settled content is a duplicate, a third content still a conflict', () => {
		const kept = fresh();
		const settledNew = { ...kept, answers: { ...kept.answers, hh_size: 7 } };
		const third = { ...kept, answers: { ...kept.answers, hh_size: 8 } };
		const other = fresh();
		const otherNew = { ...other, language: 'ru' as const };
		const stored = new Map([
			[kept.id, submissionHash(kept)],
			[other.id, submissionHash(other)]
		]);
		// Only `kept`'s id has settled contents: `other`'s conflict is not settled by them.
		const settled = new Map([[kept.id, new Set([submissionHash(kept), submissionHash(settledNew)])]]);
		const decision = decide([settledNew, kept, third, otherNew, third], stored, settled);
		expect(decision.outcomes).toEqual(['duplicate', 'duplicate', 'conflict', 'conflict', 'conflict']);
		expect(decision.conflicts).toEqual([
			{ submission: third, hash: submissionHash(third) },
			{ submission: otherNew, hash: submissionHash(otherNew) }
		]);
		// Without them, the same items are conflicts as before.
		expect(decide([settledNew], stored).outcomes).toEqual(['conflict']);
	});
});
