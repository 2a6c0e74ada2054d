import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { household20261201, findForm } from '$lib/forms';
import { receiveBatch } from '$lib/server/submissions';
import { temporaryDatabase } from '$lib/server/storage/testing';
import type { Store } from '$lib/server/storage/types';
import type { Submission } from '$lib/wire';
import { TunDatabase, type InterviewEvent } from './db';
import { breakOffInterview, finalizeInterview, saveDraft, startInterview } from './interviews';
import { batches, countWaiting, MAX_BATCH_BYTES, probeHealth, sendOutbox, syncOutbox, type PostBatch } from './outbox';
import { getAccount, getLastSync, setAccount } from './settings';

let db: TunDatabase;
let store: Store;
let dispose: () => Promise<void>;

beforeEach(async () => {
	db = new TunDatabase(`test-${crypto.randomUUID()}`);
	({ store, dispose } = await temporaryDatabase('sqlite'));
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

/** A refusal at consent: the shortest complete interview, with the respondent's place as a marker. */
const household = { site_type: 'armenia', settlement: 'other', settlement_other: 'Ani', consent: 'no' };

async function finalizedInterview(name: string): Promise<string> {
	const id = await startInterview(db, household20261201, 'en');
	await saveDraft(db, id, { answers: { ...household, settlement_other: name } });
	expect(await finalizeInterview(db, household20261201, id)).toEqual({ status: 'finalized' });
	return id;
}

describe('outbox', () => {
	it('sends finalized interviews, not drafts, and marks them sent', async () => {
		const id = await finalizedInterview('Ani');
		const draft = await startInterview(db, household20261201, 'en');
		expect(await countWaiting(db)).toBe(1);
		expect(await sendOutbox(db, server)).toEqual({ status: 'done', sent: 1, rejected: 0 });
		expect((await db.interviews.get(id))?.status).toBe('sent');
		expect((await db.interviews.get(draft))?.status).toBe('draft');
		const stored = await store.getSubmission(id);
		// What applies is sent, calculations with their values.
		expect(stored?.answers).toEqual(household);
		expect(stored?.meta?.events?.map((e) => e.type)).toEqual(['start', 'finalize']);
	});

	it('keeps everything when the network fails, and sends it next time', async () => {
		const id = await finalizedInterview('Ani');
		const offline: PostBatch = () => Promise.reject(new TypeError('Failed to fetch'));
		expect(await sendOutbox(db, offline)).toEqual({ status: 'unreachable', sent: 0 });
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
		expect(await store.listSubmissions(household20261201.definition.id)).toHaveLength(1);
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

	it('never sends the draft answers of an interview without final answers: it is marked, and the rest of the batch goes', async () => {
		const broken = await finalizedInterview('Ani');
		// A stored draft answer that does not apply (no consent): it must never reach the server.
		await db.interviews.update(broken, { final: undefined, answers: { ...household, resp_age: 40 } });
		const good = await finalizedInterview('Gohar');
		const posted: string[] = [];
		const watching: PostBatch = (s) => (posted.push(...s.map((x) => x.id)), server(s));
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(await sendOutbox(db, watching)).toEqual({ status: 'done', sent: 1, rejected: 1 });
		expect(String(logged.mock.calls[0][0])).toContain(`interview ${broken} cannot be sent: it has no final answers`);
		logged.mockRestore();
		expect(posted).toEqual([good]);
		const kept = await db.interviews.get(broken);
		expect(kept).toMatchObject({ status: 'finalized', rejected: { status: 'unsendable', errors: [] } });
		expect(await store.getSubmission(broken)).toBeUndefined();
		expect((await db.interviews.get(good))?.status).toBe('sent');
		// Not tried again on every run; the sync button tries again, and it stays marked.
		expect(await sendOutbox(db, watching)).toMatchObject({ status: 'done', sent: 0 });
		vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(await sendOutbox(db, watching, { retryRejected: true })).toEqual({ status: 'done', sent: 0, rejected: 1 });
		vi.restoreAllMocks();
		expect(posted).toEqual([good]);
		expect((await db.interviews.get(broken))?.status).toBe('finalized');
	});

	it('stops on a server error and keeps the batch', async () => {
		await finalizedInterview('Ani');
		const broken: PostBatch = async () => new Response('{"error":"oops"}', { status: 500 });
		expect(await sendOutbox(db, broken)).toEqual({ status: 'failed', sent: 0, detail: 'HTTP 500' });
		expect(await countWaiting(db)).toBe(1);
	});

	it('refuses to finalize an incomplete interview and keeps it a draft', async () => {
		const id = await startInterview(db, household20261201, 'en');
		await saveDraft(db, id, { answers: { site_type: 'armenia' } });
		// settlement and consent are missing.
		expect(await finalizeInterview(db, household20261201, id)).toEqual({ status: 'incomplete', count: 2 });
		expect((await db.interviews.get(id))?.status).toBe('draft');
	});

	it('sends a break-off with what was answered, where it stopped and why', async () => {
		const id = await startInterview(db, household20261201, 'en');
		const partial = { site_type: 'russia', settlement: 'moscow', consent: 'yes', resp_sex: 'female' };
		await saveDraft(db, id, { answers: partial });
		await breakOffInterview(db, household20261201, id, 'respondent', 'respondent had to leave');
		expect(await sendOutbox(db, server)).toEqual({ status: 'done', sent: 1, rejected: 0 });
		const stored = await store.getSubmission(id);
		expect(stored?.answers).toMatchObject({ ...partial, member: [] });
		expect(stored?.meta?.breakOff).toEqual({ at: 'respondent', reason: 'respondent had to leave' });
	});

	it('a 401 stops sending, marks the account revoked and keeps everything; the same enumerator set up again resumes', async () => {
		await finalizedInterview('Ani');
		const key = await setAccount(db, {
			token: 't1',
			server: 'http://tun.test',
			name: 'Ani',
			enumeratorId: 'e1',
			setUpAt: '2026-11-30T08:00:00Z'
		});
		const revoked: PostBatch = async () => new Response('{"error":"revoked"}', { status: 401 });
		const ani = [{ key, name: 'Ani' }];
		expect(await syncOutbox(db, {}, () => revoked)).toEqual({ status: 'unauthorized', sent: 0, revoked: ani });
		expect((await getAccount(db))?.revoked).toBe(true);
		expect(await syncOutbox(db, {}, () => server)).toEqual({ status: 'unauthorized', sent: 0, revoked: ani });
		expect(await countWaiting(db)).toBe(1);
		// Refused sends are no sync: the tablet shows no "last synced" time yet.
		expect(await getLastSync(db)).toBeUndefined();
		expect(
			await setAccount(db, { token: 't2', server: 'http://tun.test', name: 'Ani', enumeratorId: 'e1', setUpAt: '2026-11-30T09:00:00Z' })
		).toBe(key);
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-11-30T09:05:00.000Z'));
		try {
			expect(await syncOutbox(db, {}, () => server)).toEqual({ status: 'done', sent: 1, rejected: 0 });
		} finally {
			vi.useRealTimers();
		}
		expect(await getLastSync(db)).toBe('2026-11-30T09:05:00.000Z');
	});

	it('without a setup link nothing is sent and nothing is lost', async () => {
		await finalizedInterview('Ani');
		expect(await syncOutbox(db, {}, () => server)).toEqual({ status: 'not_set_up' });
		expect(await countWaiting(db)).toBe(1);
	});

	it('refused items are not resent on every run, only when the interviewer asks; progress is reported per batch', async () => {
		const refused = await finalizedInterview('Ani');
		await db.interviews.update(refused, { formVersion: 'unknown' });
		await sendOutbox(db, server);
		let calls = 0;
		const counting: PostBatch = (s) => (calls++, server(s));
		expect(await sendOutbox(db, counting)).toEqual({ status: 'done', sent: 0, rejected: 0 });
		expect(calls).toBe(0);
		const progress: [number, number][] = [];
		expect(await sendOutbox(db, counting, { retryRejected: true, onProgress: (d, t) => progress.push([d, t]) })).toEqual({
			status: 'done',
			sent: 0,
			rejected: 1
		});
		expect(progress).toEqual([
			[0, 1],
			[1, 1]
		]);
	});

	it('sends 150 interviews in two batches of at most 100, oldest first', async () => {
		const sizes: number[] = [];
		const ids: string[] = [];
		for (let i = 0; i < 150; i++) ids.push(await finalizedInterview(`N${i}`));
		const batches: PostBatch = (s) => (sizes.push(s.length), server(s));
		expect(await sendOutbox(db, batches)).toEqual({ status: 'done', sent: 150, rejected: 0 });
		expect(sizes).toEqual([100, 50]);
		const stored = await store.listSubmissions(household20261201.definition.id);
		expect(stored.map((s) => s.id)).toEqual(ids);
	});

	it("keeps every request under the server's 5 MB: interviews with long audit logs go in smaller batches, in order", async () => {
		const ids: string[] = [];
		for (let i = 0; i < 12; i++) ids.push(await finalizedInterview(`Long${i}`));
		// About 1 MB of paradata each (what hours of corrections leave), within the device's own cap.
		const events: InterviewEvent[] = Array.from({ length: 2000 }, (_, k) => ({
			t: new Date(1_796_000_000_000 + k).toISOString(),
			type: 'change',
			path: 'consent',
			old: 'x'.repeat(250),
			value: 'y'.repeat(250)
		}));
		await db.interviews.toCollection().modify((interview) => void (interview.events = events));
		const bodies: number[] = [];
		const counted: PostBatch = (s) => (bodies.push(new TextEncoder().encode(JSON.stringify({ submissions: s })).length), server(s));
		expect(await sendOutbox(db, counted)).toEqual({ status: 'done', sent: 12, rejected: 0 });
		expect(bodies.length).toBeGreaterThan(2);
		for (const size of bodies) expect(size).toBeLessThanOrEqual(MAX_BATCH_BYTES + 100);
		expect((await store.listSubmissions(household20261201.definition.id)).map((s) => s.id)).toEqual(ids);
	});

	it('splits by count and by size, never leaving a submission out or reordering', () => {
		const item = (n: number, size: number) => ({ id: String(n), pad: 'x'.repeat(size) }) as unknown as Submission;
		const list = [item(1, 10), item(2, 60), item(3, 30), item(4, 90), item(5, 5)];
		const split = [...batches(list, 150)].map((b) => b.map((s) => s.id));
		expect(split).toEqual([['1', '2'], ['3'], ['4', '5']]);
		expect(
			[
				...batches(
					Array.from({ length: 250 }, (_, i) => item(i, 1)),
					1e9
				)
			].map((b) => b.length)
		).toEqual([100, 100, 50]);
	});
});

describe('whether the server is reached', () => {
	const answer = (status: number, body: string, type = 'application/json') =>
		new Response(body, { status, headers: { 'content-type': type } });

	it('a failed request, a gateway, a busy server or a captive portal is "unreachable"; the server\'s own error is "failed"', async () => {
		await finalizedInterview('Ani');
		for (const status of [502, 503, 504, 511]) {
			const gateway: PostBatch = async () => answer(status, '<h1>Bad gateway</h1>', 'text/html');
			expect(await sendOutbox(db, gateway)).toEqual({ status: 'unreachable', sent: 0, detail: `HTTP ${status}` });
		}
		const portal: PostBatch = async () => answer(200, '<html>Sign in to the Wi-Fi</html>', 'text/html');
		expect(await sendOutbox(db, portal)).toEqual({ status: 'unreachable', sent: 0, detail: 'unreadable answer' });
		const serverError: PostBatch = async () => answer(500, '{"error":"storage"}');
		expect(await sendOutbox(db, serverError)).toEqual({ status: 'failed', sent: 0, detail: 'HTTP 500' });
		expect(await countWaiting(db)).toBe(1);
	});

	it("probes /api/health only when nothing is waiting: its answer is the run's report", async () => {
		let probes = 0;
		const probe = async () => (probes++, { status: 'unreachable' as const, sent: 0 });
		expect(await sendOutbox(db, server, { probe })).toEqual({ status: 'unreachable', sent: 0 });
		expect(probes).toBe(1);
		await finalizedInterview('Ani');
		expect(await sendOutbox(db, server, { probe })).toEqual({ status: 'done', sent: 1, rejected: 0 });
		expect(probes).toBe(1);
	});

	it('the probe counts only the server\'s own {"ok":true}', async () => {
		const asked: string[] = [];
		const probeWith = (respond: () => Promise<Response>) =>
			probeHealth('http://tun.test', async (url) => (asked.push(String(url)), respond()));
		expect(await probeWith(async () => answer(200, '{"ok":true,"storage":"sqlite"}'))()).toEqual({ status: 'done', sent: 0, rejected: 0 });
		expect(asked).toEqual(['http://tun.test/api/health']);
		expect(await probeWith(() => Promise.reject(new TypeError('Failed to fetch')))()).toEqual({ status: 'unreachable', sent: 0 });
		expect(await probeWith(async () => answer(504, 'Gateway Timeout', 'text/plain'))()).toEqual({
			status: 'unreachable',
			sent: 0,
			detail: 'HTTP 504'
		});
		expect(await probeWith(async () => answer(200, '<html>Hotel Wi-Fi</html>', 'text/html'))()).toEqual({
			status: 'unreachable',
			sent: 0,
			detail: 'unreadable answer'
		});
		expect(await probeWith(async () => answer(500, '{"error":"storage"}'))()).toEqual({ status: 'failed', sent: 0, detail: 'HTTP 500' });
	});

	it('a probe that gets no answer gives up after its time limit', async () => {
		const silent: typeof fetch = (_url, init) =>
			new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
		expect(await probeHealth('http://tun.test', silent, 20)()).toEqual({ status: 'unreachable', sent: 0 });
	});

	it('a set-up tablet probes its own server; one not set up asks nobody', async () => {
		const asked: string[] = [];
		const fetcher = vi.fn(
			async (url: string | URL | Request) => (asked.push(String(url)), answer(200, '{"ok":true,"storage":"postgres"}'))
		);
		vi.stubGlobal('fetch', fetcher);
		try {
			expect(await syncOutbox(db)).toEqual({ status: 'not_set_up' });
			expect(asked).toEqual([]);
			await setAccount(db, { token: 't1', server: 'https://survey.example.org', name: 'Ani', setUpAt: '2026-11-30T08:00:00Z' });
			expect(await syncOutbox(db)).toEqual({ status: 'done', sent: 0, rejected: 0 });
			expect(asked).toEqual(['https://survey.example.org/api/health']);
		} finally {
			vi.unstubAllGlobals();
		}
	});
});
