/**
 * The device side of a fault run: a fresh outbox (fake-indexeddb) filled with interviews of
 * the current form, valid and varied by the run's random generator. Up to REAL_PER_RUN are
 * made with the app's own steps (start, save, finalize or break off); the rest are copies of
 * them with their own id, marker and time (fake-indexeddb is slow). Each carries a marker
 * (run and number, sometimes with quotes, a comma and a line break) in a text question, so
 * the export can be compared with what was sent.
 */
import { expect } from 'vitest';
import type { Answers } from '$lib/form';
import { household20261201 } from '$lib/forms';
import { refusal } from '$lib/forms/samples';
import type { Interview, TunDatabase } from '$lib/client/db';
import { breakOffInterview, finalizeInterview, saveDraft, startInterview, toSubmission } from '$lib/client/interviews';
import type { Submission } from '$lib/wire';
import { int, pick, type Random } from '../support/random';

/** Interviews per run made through the app's own steps; the rest are copies of them. */
const REAL_PER_RUN = 5;

interface Sample {
	/** The text question that holds the marker. */
	marker: string;
	/** Answers that finalize without an issue. */
	complete: (rng: Random, marker: string) => Answers;
	/** Answers of an interview broken off part way. */
	partial: (rng: Random, marker: string) => Answers;
}

const site = (rng: Random) => pick(rng, ['martuni', 'armenia', 'russia']);

const samples: Record<string, Sample> = {
	household_migration: {
		marker: 'settlement_other',
		// The questionnaire's own refusal at consent (complete as it is), in a settlement the marker names.
		complete: (rng, marker) => ({ ...refusal(), site_type: site(rng), settlement: 'other', settlement_other: marker }),
		partial: (rng, marker) => ({
			site_type: site(rng),
			settlement: 'other',
			settlement_other: marker,
			consent: 'yes',
			resp_sex: pick(rng, ['male', 'female']),
			resp_age: int(rng, 18, 90)
		})
	}
};
/** The current form's sample; a form this test does not know yet gets break-offs without answers (valid on any form). */
export const sample: Sample | undefined = samples[household20261201.definition.id];

/** Puts `count` interviews in the device's outbox; answers what each will send, by id. */
export async function fillOutbox(db: TunDatabase, rng: Random, seed: number, count: number): Promise<Map<string, Submission>> {
	const markerOf = (i: number) => `Անի ${seed}/${i}${rng() < 0.2 ? ', "Ani"\nx' : ''}`;
	const real = Math.min(count, REAL_PER_RUN);
	for (let i = 0; i < real; i++) {
		const id = await startInterview(db, household20261201, pick(rng, ['en', 'hy', 'ru'] as const));
		const answers = async () => (await db.interviews.get(id))?.answers;
		if (sample && rng() < 0.85) {
			await saveDraft(db, id, { answers: { ...(await answers()), ...sample.complete(rng, markerOf(i)) } });
			expect(await finalizeInterview(db, household20261201, id), `seed ${seed}`).toEqual({ status: 'finalized' });
		} else {
			if (sample) await saveDraft(db, id, { answers: { ...(await answers()), ...sample.partial(rng, markerOf(i)) } });
			await breakOffInterview(db, household20261201, id, household20261201.definition.items[0].name, markerOf(i));
		}
	}
	// The others: copies of those, each its own interview (id, marker, time), added at once.
	const originals = await db.interviews.toArray();
	const copies = Array.from({ length: count - real }, (_, k): Interview => {
		const copy = structuredClone(pick(rng, originals));
		const marker = markerOf(real + k);
		const finalizedAt = new Date(Date.parse(copy.finalizedAt ?? '') + k + 1).toISOString();
		const field = sample?.marker;
		return {
			...copy,
			id: crypto.randomUUID(),
			...(field && copy.final && field in copy.final
				? { answers: { ...copy.answers, [field]: marker }, final: { ...copy.final, [field]: marker } }
				: {}),
			...(copy.breakOff ? { breakOff: { ...copy.breakOff, reason: marker } } : {}),
			finalizedAt,
			updatedAt: finalizedAt
		};
	});
	await db.interviews.bulkAdd(copies);
	const sent = new Map<string, Submission>();
	for (const interview of await db.interviews.toArray()) sent.set(interview.id, toSubmission(interview));
	return sent;
}
