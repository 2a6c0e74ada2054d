/**
 * Interviews on the device. Everything here works offline: it only reads and writes
 * IndexedDB. Each answer is written the moment it is given, not on a button press.
 */
import { finalAnswers, validateAnswers, type AnswerError } from '$lib/form/answers';
import type { FormDefinition, Language } from '$lib/form/schema';
import type { Submission } from '$lib/wire';
import type { Interview, TunDatabase } from './db';
import { getDeviceId } from './settings';

export async function startInterview(db: TunDatabase, form: FormDefinition, language: Language): Promise<string> {
	const now = new Date().toISOString();
	const interview: Interview = {
		id: crypto.randomUUID(),
		formId: form.id,
		formVersion: form.version,
		deviceId: await getDeviceId(db),
		status: 'draft',
		language,
		startedAt: now,
		updatedAt: now,
		answers: {}
	};
	await db.interviews.add(interview);
	return interview.id;
}

export function getInterview(db: TunDatabase, id: string): Promise<Interview | undefined> {
	return db.interviews.get(id);
}

/** Interviews newest first, for the home screen. */
export function listInterviews(db: TunDatabase): Promise<Interview[]> {
	return db.interviews.orderBy('updatedAt').reverse().toArray();
}

/** Stores one answer of a draft at once; a finalized interview is never changed. */
export async function setAnswer(db: TunDatabase, id: string, name: string, value: unknown): Promise<void> {
	await db.transaction('rw', db.interviews, async () => {
		const interview = await db.interviews.get(id);
		if (!interview || interview.status !== 'draft') throw new Error(`interview ${id} is not an open draft`);
		await db.interviews.update(id, {
			answers: { ...interview.answers, [name]: value },
			updatedAt: new Date().toISOString()
		});
	});
}

export type FinalizeResult = { status: 'finalized' } | { status: 'incomplete'; errors: AnswerError[] };

/** Checks the whole interview; when it holds, moves it to the outbox. */
export async function finalizeInterview(db: TunDatabase, form: FormDefinition, id: string): Promise<FinalizeResult> {
	return db.transaction('rw', db.interviews, async () => {
		const interview = await db.interviews.get(id);
		if (!interview || interview.status !== 'draft') throw new Error(`interview ${id} is not an open draft`);
		const errors = validateAnswers(form, interview.answers);
		if (errors.length) return { status: 'incomplete', errors };
		const now = new Date().toISOString();
		await db.interviews.update(id, {
			status: 'finalized',
			finalizedAt: now,
			updatedAt: now,
			answers: finalAnswers(form, interview.answers)
		});
		return { status: 'finalized' };
	});
}

/** The interview as the sync API carries it. */
export function toSubmission(interview: Interview): Submission {
	if (!interview.finalizedAt) throw new Error(`interview ${interview.id} is not finalized`);
	return {
		id: interview.id,
		formId: interview.formId,
		formVersion: interview.formVersion,
		deviceId: interview.deviceId,
		startedAt: interview.startedAt,
		finalizedAt: interview.finalizedAt,
		language: interview.language,
		answers: interview.answers
	};
}
