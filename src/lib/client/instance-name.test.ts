import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { household20261201 } from '$lib/forms';
import { completeHousehold } from '$lib/forms/samples';
import definition from '$lib/forms/household_migration.2026-12-01.json' with { type: 'json' };
import { TunDatabase } from './db';
import { storeForm } from './forms';
import { finalizeInterview, instanceNameOf, listInterviews, saveDraft, startInterview } from './interviews';
import { InterviewSession } from './session.svelte';

let db: TunDatabase;
beforeEach(async () => {
	db = new TunDatabase(`instance-name-${crypto.randomUUID()}`);
	// The device holds the form as a sync leaves it: interviews open on it from IndexedDB.
	await storeForm(db, definition, '2026-11-30T08:00:00.000Z');
});
afterEach(() => db.close());

async function open(id: string, language?: 'hy' | 'ru' | 'en'): Promise<InterviewSession> {
	const session = await InterviewSession.open(db, id, language);
	if (!session) throw new Error('interview not found');
	return session;
}
const stored = async (id: string) => (await db.interviews.get(id))?.instanceName;

describe('the instance name on the device', () => {
	it("is stored with the answers as they change, in the interviewer's language", async () => {
		const id = await startInterview(db, household20261201, 'hy');
		const session = await open(id, 'hy');
		await session.flushed();
		expect(await stored(id)).toBe('');
		session.answer('site_type', [], 'armenia');
		session.answer('settlement', [], 'goris');
		await session.flushed();
		expect(await stored(id)).toBe('Գորիս');
		session.answer('consent', [], 'yes');
		session.addEntry('member', []);
		session.answer('m_name', [0], 'Hasmik');
		session.answer('m_rel_head', [0], 'head');
		await session.flushed();
		expect(await stored(id)).toBe('Hasmik · Գորիս');
		session.setLanguage('ru');
		await session.flushed();
		expect(await stored(id)).toBe('Hasmik · Горис');
	});

	it('a draft stored before names were kept gets one when listed, and stores it when opened', async () => {
		const id = await startInterview(db, household20261201, 'en');
		expect(await stored(id)).toBe('');
		// As a draft stored by an older version of the app: no name kept.
		await saveDraft(db, id, { answers: completeHousehold() });
		await db.interviews.update(id, { instanceName: undefined });
		expect(await stored(id)).toBeUndefined();
		const [listed] = await listInterviews(db);
		expect(instanceNameOf(listed, household20261201)).toBe('Arsen · Yerevan');
		expect(instanceNameOf({ ...listed, instanceName: '' }, household20261201)).toBeUndefined();
		await (await open(id, 'ru')).flushed();
		expect(await stored(id)).toBe('Arsen · Ереван');
	});

	it('a finalized interview carries it; one stored without it is named from its final answers', async () => {
		const id = await startInterview(db, household20261201, 'en');
		await saveDraft(db, id, { answers: completeHousehold() });
		expect(await finalizeInterview(db, household20261201, id)).toEqual({ status: 'finalized' });
		const finalized = (await db.interviews.get(id))!;
		expect(finalized.instanceName).toBe('Arsen · Yerevan');
		// Its final answers name it, whatever its draft answers say.
		expect(instanceNameOf({ ...finalized, instanceName: undefined, answers: {} }, household20261201)).toBe('Arsen · Yerevan');
		expect(instanceNameOf({ ...finalized, instanceName: undefined }, undefined)).toBeUndefined();
	});
});
