/**
 * The one duplicate rule, used by both stores: pure, no database. Hashing is lazy in both:
 * a submission's hash is computed the first time its id comes again (a first send needs
 * none, and hashing costs more than the insert itself); stored rows keep null until then.
 */
import type { Submission } from '$lib/wire';
import { submissionHash } from './hash';
import { submissionFromRow, type SubmissionRow } from './rows';
import type { SaveOutcome } from './types';

export interface Decision {
	/** One per item, in batch order. */
	outcomes: SaveOutcome[];
	/** The items to insert: each new id at its first occurrence, in batch order. */
	created: Submission[];
	/** Contents to keep aside: each (id, hash) once, in batch order. */
	conflicts: { submission: Submission; hash: string }[];
}

/**
 * Decides each item in order against the hashes of stored ids (`stored`: id → content hash,
 * for every id of the batch that is stored). An id first seen in this batch counts as stored
 * from its first occurrence on. Only items whose id is known get hashed.
 *
 * `settled` (id → hashes): contents a supervisor settled a conflict over (both versions of a
 * resolved conflict, whichever was kept): a resend of any of them is a duplicate too. So an
 * id accepts the set {stored hash} ∪ settled hashes; any other content is a conflict.
 */
export function decide(
	items: readonly Submission[],
	stored: ReadonlyMap<string, string>,
	settled: ReadonlyMap<string, ReadonlySet<string>> = new Map()
): Decision {
	const hashes = new Map(stored);
	/** New ids of this batch: their first occurrence, hashed only if the id comes again. */
	const firsts = new Map<string, Submission>();
	const hashOf = (id: string): string => {
		let hash = hashes.get(id);
		if (hash === undefined) {
			hash = submissionHash(firsts.get(id));
			hashes.set(id, hash);
		}
		return hash;
	};
	const decision: Decision = { outcomes: [], created: [], conflicts: [] };
	const kept = new Set<string>();
	for (const item of items) {
		if (!hashes.has(item.id) && !firsts.has(item.id)) {
			firsts.set(item.id, item);
			decision.created.push(item);
			decision.outcomes.push('created');
			continue;
		}
		const hash = submissionHash(item);
		if (hash === hashOf(item.id) || settled.get(item.id)?.has(hash)) {
			decision.outcomes.push('duplicate');
			continue;
		}
		decision.outcomes.push('conflict');
		const key = `${item.id}\n${hash}`;
		if (!kept.has(key)) {
			kept.add(key);
			decision.conflicts.push({ submission: item, hash });
		}
	}
	return decision;
}

/** The content hash of a stored row: of the submission as its device sent it. */
export function storedHash(row: SubmissionRow): string {
	const { enumeratorId: _e, enumeratorSex: _x, receivedAt: _r, reviewState: _s, ...sent } = submissionFromRow(row);
	return submissionHash(sent);
}
