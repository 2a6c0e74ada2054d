/**
 * Interviews on the device. Everything here works offline: it only reads and writes
 * IndexedDB, in transactions, and never changes an interview that left the draft state.
 */
import { FormEngine, missingSettings, shownLanguage, shownTexts, type Answers, type CompiledForm, type DeploymentKey } from '$lib/form';
import type { Submission } from '$lib/wire';
import type { Interview, InterviewEvent, Position, TunDatabase } from './db';
import { appendEvents } from './audit';
import { getActiveKey, getDeployment, getDeviceId } from './settings';

/** The longest break-off reason the server takes, for the break-off field. */
export { MAX_BREAK_OFF_REASON } from '$lib/wire-limits';

/** Today on the device, "YYYY-MM-DD", in its own time zone. */
export function localDate(now = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const event = (type: InterviewEvent['type'], details: Record<string, unknown> = {}): InterviewEvent => ({
	t: new Date().toISOString(),
	type,
	...details
});

/** The form's texts cite deployment settings the supervisor has not set (or the device has not downloaded yet). */
export class MissingSettingsError extends Error {
	constructor(readonly missing: DeploymentKey[]) {
		super(`the deployment settings ${missing.join(', ')} are not set`);
		this.name = 'MissingSettingsError';
	}
}

/**
 * Starts a draft on `form`. The deployment settings its texts cite (the institution in the
 * consent) are kept with the interview as they are now; with one missing, no interview
 * starts (MissingSettingsError): a consent naming nobody is no consent.
 */
export async function startInterview(db: TunDatabase, form: CompiledForm, interfaceLanguage: string): Promise<string> {
	const language = shownLanguage(form.definition, interfaceLanguage);
	const deployment = await getDeployment(db);
	const missing = missingSettings(form, deployment);
	if (missing.length) throw new MissingSettingsError(missing);
	const now = new Date();
	const referenceDate = localDate(now);
	const answers: Answers = {};
	const engine = new FormEngine(form, answers, { today: referenceDate, language });
	engine.applyDefaults();
	const interview: Interview = {
		id: crypto.randomUUID(),
		// The active enumerator's for good: switching enumerators later never hands it to another.
		enumerator: await getActiveKey(db),
		formId: form.definition.id,
		formVersion: form.definition.version,
		deviceId: await getDeviceId(db),
		status: 'draft',
		language,
		startedAt: now.toISOString(),
		updatedAt: now.toISOString(),
		referenceDate,
		answers,
		instanceName: engine.instanceName() ?? '',
		events: [event('start', { language })],
		confirmed: [],
		...(deployment ? { deployment } : {}),
		position: { screen: 0, open: {}, reached: 0 }
	};
	await db.interviews.add(interview);
	return interview.id;
}

export function getInterview(db: TunDatabase, id: string): Promise<Interview | undefined> {
	return db.interviews.get(id);
}

/** The active enumerator's interviews newest first, for the home screen (it reads the choice too: a switch lists again). */
export function listInterviews(db: TunDatabase): Promise<Interview[]> {
	return db.transaction('r', db.settings, db.accounts, db.interviews, async () => {
		const key = await getActiveKey(db);
		return db.interviews
			.orderBy('updatedAt')
			.reverse()
			.filter((i) => i.enumerator === key)
			.toArray();
	});
}

export interface DraftChange {
	answers?: Answers;
	confirmed?: string[];
	unlinked?: string[];
	position?: Position;
	/** Appended to the audit log. */
	events?: InterviewEvent[];
	/** The instance name over the changed answers ('' when empty). */
	instanceName?: string;
}

async function openDraft(db: TunDatabase, id: string): Promise<Interview> {
	const interview = await db.interviews.get(id);
	if (!interview || interview.status !== 'draft') throw new Error(`interview ${id} is not an open draft`);
	return interview;
}

/** The interview's audit log with `events` added, under the device's cap (audit.ts), and its size. */
function logged(interview: Interview, events: InterviewEvent[]): Pick<Interview, 'events' | 'eventsChars'> {
	const { events: log, chars } = appendEvents(interview.events ?? [], events, interview.eventsChars);
	return { events: log, eventsChars: chars };
}

/** Stores a change of a draft at once: answers, confirmations, position, audit events. */
export async function saveDraft(db: TunDatabase, id: string, change: DraftChange): Promise<void> {
	await db.transaction('rw', db.interviews, async () => {
		const interview = await openDraft(db, id);
		const { events, ...rest } = change;
		await db.interviews.update(id, {
			...rest,
			...(events?.length ? logged(interview, events) : {}),
			updatedAt: new Date().toISOString()
		});
	});
}

/**
 * The finalizing time, strictly after every earlier one on this device: the outbox sends
 * in this order, so two interviews closed within one millisecond still keep theirs.
 */
async function nextFinalizedAt(db: TunDatabase): Promise<string> {
	const last = (await db.interviews.orderBy('finalizedAt').last())?.finalizedAt;
	const now = Date.now();
	return new Date(last && Date.parse(last) >= now ? Date.parse(last) + 1 : now).toISOString();
}

/** Moves a draft to the outbox with what applies; inside the caller's transaction. */
async function close(db: TunDatabase, interview: Interview, engine: FormEngine, last: InterviewEvent, extra: Partial<Interview> = {}) {
	const now = await nextFinalizedAt(db);
	await db.interviews.update(interview.id, {
		...extra,
		status: 'finalized',
		finalizedAt: now,
		updatedAt: now,
		final: engine.submission(),
		shown: shownTexts(engine.form, interview.deployment, interview.language),
		// Kept from the last change of the answers; made here when none was kept (or it was empty).
		instanceName: interview.instanceName || engine.instanceName(interview.language) || '',
		...logged(interview, [last])
	});
}

export type FinalizeResult = { status: 'finalized' } | { status: 'incomplete'; count: number };

/** Checks the whole interview; when nothing blocks, moves it to the outbox with what applies. */
export async function finalizeInterview(db: TunDatabase, form: CompiledForm, id: string): Promise<FinalizeResult> {
	return db.transaction('rw', db.interviews, async () => {
		const interview = await openDraft(db, id);
		const engine = new FormEngine(form, structuredClone(interview.answers), {
			today: interview.referenceDate,
			confirmed: interview.confirmed,
			unlinked: interview.unlinked
		});
		// Every screen was entered on the way to the review: a draw or an entry a later answer brought in is made now, as entering would.
		engine.enter();
		const blocking = engine.issues().filter((i) => engine.blocks(i.issue));
		if (blocking.length) return { status: 'incomplete', count: blocking.length };
		await close(db, interview, engine, event('finalize'));
		return { status: 'finalized' };
	});
}

/** The respondent stopped: finalize with what was given so far, where and why it ended. */
export async function breakOffInterview(db: TunDatabase, form: CompiledForm, id: string, at: string, reason: string): Promise<void> {
	await db.transaction('rw', db.interviews, async () => {
		const interview = await openDraft(db, id);
		const engine = new FormEngine(form, structuredClone(interview.answers), { today: interview.referenceDate });
		// Entries the counts call for are sent with their keys; screens never reached draw nothing.
		engine.createEntries();
		await close(db, interview, engine, event('break_off', { at, reason }), { breakOff: { at, reason } });
	});
}

/** Deletes a draft the interviewer abandons; finalized interviews are never deleted on the device. */
export async function deleteDraft(db: TunDatabase, id: string): Promise<void> {
	await db.transaction('rw', db.interviews, async () => {
		await openDraft(db, id);
		await db.interviews.delete(id);
	});
}

/**
 * The interview's title: its stored instance name, or for an interview stored before
 * names were kept, the definition's instance_name over its answers (choice labels in the
 * language it was started in). Undefined when the form declares none or it is still empty.
 */
export function instanceNameOf(interview: Interview, form: CompiledForm | undefined): string | undefined {
	if (interview.instanceName !== undefined) return interview.instanceName || undefined;
	if (!form) return undefined;
	// A plain copy (JSON: a listed interview may be a Svelte state proxy, which structuredClone refuses), so the engine reads no proxy.
	const answers = JSON.parse(JSON.stringify(interview.final ?? interview.answers)) as Answers;
	return new FormEngine(form, answers, { today: interview.referenceDate, language: interview.language }).instanceName();
}

/** An interview in the outbox that cannot be sent as it is stored. */
export class UnsendableError extends Error {
	constructor(
		readonly id: string,
		reason: string
	) {
		super(`interview ${id} cannot be sent: ${reason}`);
		this.name = 'UnsendableError';
	}
}

/**
 * The interview as the sync API carries it. Throws UnsendableError when it was not
 * finalized or has no final answers (finalizing always sets them: sending the draft's
 * instead would send answers that do not apply); the outbox marks it and sends the others.
 */
export function toSubmission(interview: Interview): Submission {
	if (!interview.finalizedAt) throw new UnsendableError(interview.id, 'it is not finalized');
	if (!interview.final) throw new UnsendableError(interview.id, 'it has no final answers');
	return {
		id: interview.id,
		formId: interview.formId,
		formVersion: interview.formVersion,
		deviceId: interview.deviceId,
		startedAt: interview.startedAt,
		finalizedAt: interview.finalizedAt,
		language: interview.language,
		answers: interview.final,
		meta: {
			referenceDate: interview.referenceDate,
			...(interview.breakOff ? { breakOff: interview.breakOff } : {}),
			confirmed: interview.confirmed ?? [],
			events: interview.events ?? [],
			...(interview.deployment ? { deployment: interview.deployment } : {}),
			...(interview.shown && Object.keys(interview.shown).length ? { shown: interview.shown } : {})
		}
	};
}
