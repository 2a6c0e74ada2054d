import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentForm, findForm } from '$lib/forms';
import { receiveBatch } from '$lib/server/submissions';
import { temporaryStore } from '$lib/server/testing';
import type { Store } from '$lib/server/storage/types';
import type { Submission } from '$lib/wire';
import { TunDatabase } from './db';
import { breakOffInterview, finalizeInterview, saveDraft, startInterview } from './interviews';
import { countWaiting, sendOutbox, type PostBatch } from './outbox';

let db: TunDatabase;
let store: Store;
let dispose: () => Promise<void>;

beforeEach(async () => {
	db = new TunDatabase(`test-${crypto.randomUUID()}`);
	({ store, dispose } = temporaryStore());
});
afterEach(async () => {
	db.close();
	await dispose();
});

/** The real handler and store, reached in-process instead of over HTTP. */
const server: PostBatch = async (submissions: Submission[]) => {
	const res = await receiveBatch({ submissions }, store, findForm);
	return new Response(JSON.stringify(res.body), { status: res.status });
};

const household = {
	site_type: 'martuni',
	resp_name: 'Ani',
	hh_size: 1,
	has_land: 'no',
	member: [{ m_name: 'Ani', m_sex: 'female', m_age: 40, m_away: 'no' }]
};

async function finalizedInterview(name: string): Promise<string> {
	const id = await startInterview(db, currentForm, 'en');
	await saveDraft(db, id, { answers: { ...household, resp_name: name } });
	expect(await finalizeInterview(db, currentForm, id)).toEqual({ status: 'finalized' });
	return id;
}

describe('outbox', () => {
	it('sends finalized interviews, not drafts, and marks them sent', async () => {
		const id = await finalizedInterview('Ani');
		const draft = await startInterview(db, currentForm, 'en');
		expect(await countWaiting(db)).toBe(1);
		expect(await sendOutbox(db, server)).toEqual({ status: 'done', sent: 1, rejected: 0 });
		expect((await db.interviews.get(id))?.status).toBe('sent');
		expect((await db.interviews.get(draft))?.status).toBe('draft');
		const stored = await store.getSubmission(id);
		// What applies is sent, calculations with their values.
		expect(stored?.answers).toEqual({
			...household,
			member: [{ ...household.member[0], m_away_n: 0 }],
			n_members: 1,
			n_away: 0
		});
		expect(stored?.meta?.events?.map((e) => e.type)).toEqual(['start', 'finalize']);
	});

	it('keeps everything when the network fails, and sends it next time', async () => {
		const id = await finalizedInterview('Ani');
		const offline: PostBatch = () => Promise.reject(new TypeError('Failed to fetch'));
		expect(await sendOutbox(db, offline)).toEqual({ status: 'offline', sent: 0 });
		expect(await countWaiting(db)).toBe(1);
		await sendOutbox(db, server);
		expect((await db.interviews.get(id))?.status).toBe('sent');
	});

	it('keeps an interview whose response was lost; the resend is a duplicate and ends it', async () => {
		const id = await finalizedInterview('Ani');
		const lostResponse: PostBatch = async (s) => {
			await server(s);
			throw new TypeError('connection reset');
		};
		await sendOutbox(db, lostResponse);
		expect((await db.interviews.get(id))?.status).toBe('finalized');
		expect(await sendOutbox(db, server)).toEqual({ status: 'done', sent: 1, rejected: 0 });
		expect(await store.listSubmissions(currentForm.definition.id)).toHaveLength(1);
	});

	it('keeps an interview the server refuses, with the reason, and still sends the others', async () => {
		const refused = await finalizedInterview('Ani');
		await db.interviews.update(refused, { formVersion: 'unknown' });
		const good = await finalizedInterview('Gohar');
		expect(await sendOutbox(db, server)).toEqual({ status: 'done', sent: 1, rejected: 1 });
		const kept = await db.interviews.get(refused);
		expect(kept?.status).toBe('finalized');
		expect(kept?.rejected?.errors[0].message).toMatch(/does not know form/);
		expect((await db.interviews.get(good))?.status).toBe('sent');
	});

	it('stops on a server error and keeps the batch', async () => {
		await finalizedInterview('Ani');
		const broken: PostBatch = async () => new Response('oops', { status: 503 });
		expect(await sendOutbox(db, broken)).toEqual({ status: 'failed', sent: 0, detail: 'HTTP 503' });
		expect(await countWaiting(db)).toBe(1);
	});

	it('refuses to finalize an incomplete interview and keeps it a draft', async () => {
		const id = await startInterview(db, currentForm, 'en');
		await saveDraft(db, id, { answers: { resp_name: 'Ani' } });
		// site_type, hh_size, has_land are missing.
		expect(await finalizeInterview(db, currentForm, id)).toEqual({ status: 'incomplete', count: 3 });
		expect((await db.interviews.get(id))?.status).toBe('draft');
	});

	it('sends a break-off with what was answered, where it stopped and why', async () => {
		const id = await startInterview(db, currentForm, 'en');
		await saveDraft(db, id, { answers: { site_type: 'russia', resp_name: 'Gohar' } });
		await breakOffInterview(db, currentForm, id, 'household', 'respondent had to leave');
		expect(await sendOutbox(db, server)).toEqual({ status: 'done', sent: 1, rejected: 0 });
		const stored = await store.getSubmission(id);
		expect(stored?.answers).toEqual({ site_type: 'russia', resp_name: 'Gohar', member: [], n_members: 0, n_away: 0 });
		expect(stored?.meta?.breakOff).toEqual({ at: 'household', reason: 'respondent had to leave' });
	});
});
