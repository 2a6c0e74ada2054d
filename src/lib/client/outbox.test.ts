import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentForm, findForm } from '$lib/forms';
import { receiveBatch } from '$lib/server/submissions';
import { temporaryStore } from '$lib/server/testing';
import type { SubmissionStore } from '$lib/server/storage/types';
import type { Submission } from '$lib/wire';
import { TunDatabase } from './db';
import { finalizeInterview, setAnswer, startInterview } from './interviews';
import { countWaiting, sendOutbox, type PostBatch } from './outbox';

let db: TunDatabase;
let store: SubmissionStore;
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

async function finalizedInterview(name: string): Promise<string> {
	const id = await startInterview(db, currentForm, 'en');
	await setAnswer(db, id, 'resp_name', name);
	await setAnswer(db, id, 'hh_size', 3);
	await setAnswer(db, id, 'site_type', 'martuni');
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
		expect((await store.getSubmission(id))?.answers).toEqual({ resp_name: 'Ani', hh_size: 3, site_type: 'martuni' });
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
		expect(await store.listSubmissions(currentForm.id)).toHaveLength(1);
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

	it('refuses to finalize an incomplete interview and names what is missing', async () => {
		const id = await startInterview(db, currentForm, 'en');
		await setAnswer(db, id, 'resp_name', 'Ani');
		const result = await finalizeInterview(db, currentForm, id);
		expect(result.status === 'incomplete' && result.errors.map((e) => e.path)).toEqual(['hh_size', 'site_type']);
		expect((await db.interviews.get(id))?.status).toBe('draft');
	});
});
