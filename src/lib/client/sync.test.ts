import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { household20261201, findForm } from '$lib/forms';
import definition from '$lib/forms/household_migration.2026-12-01.json' with { type: 'json' };
import { receiveBatch } from '$lib/server/submissions';
import { temporaryDatabase } from '$lib/server/storage/testing';
import type { Store } from '$lib/server/storage/types';
import { ConnectionState } from './connection.svelte';
import { getDb } from './db';
import { finalizeInterview, saveDraft, startInterview } from './interviews';
import { newestForms } from './forms';
// The modules a run loads when it starts (sync.svelte.ts imports them dynamically), loaded here
// first: the runs below are awaited a bounded number of event-loop turns, not module loads.
import './outbox';
import './device-report';
import { getAccount, markRevoked, setAccount } from './settings';
import { MAX_RETRY_MS, MIN_RETRY_MS, retryDelay, SyncState } from './sync.svelte';

describe('retry backoff', () => {
	it('doubles from 5 s to 5 minutes', () => {
		const middle = () => 0.5;
		expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => retryDelay(n, middle))).toEqual([
			5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000
		]);
	});

	it('spreads retries by ±20 % so tablets that lost the network together do not return together', () => {
		expect(retryDelay(1, () => 0)).toBe(MIN_RETRY_MS * 0.8);
		expect(retryDelay(1, () => 0.999999)).toBeCloseTo(MIN_RETRY_MS * 1.2, -1);
		expect(retryDelay(30, () => 0.999999)).toBeLessThanOrEqual(MAX_RETRY_MS * 1.2);
	});
});

describe('automatic sync and what it tells about the connection', () => {
	let store: Store;
	let dispose: () => Promise<void>;
	/** Whether the server can be reached; when not, every request fails as fetch does with no route to it. */
	let up: boolean;
	/** Requests the tablet made to send or probe, e.g. "GET /api/health". */
	let requests: string[];
	/** Requests for form versions, kept apart: every run that reaches the server also asks which forms it publishes. */
	let formRequests: string[];
	/** The device reports sent to the desk (bodies), kept apart: every run that reaches the server sends one. */
	let reports: unknown[];
	/** Whose token each report carried. */
	let reporters: string[];
	/** The server knows no report route (a version before it). */
	let olderServer: boolean;
	let connection: ConnectionState;
	let sync: SyncState;

	beforeEach(async () => {
		({ store, dispose } = await temporaryDatabase('sqlite'));
		up = false;
		requests = [];
		formRequests = [];
		reports = [];
		reporters = [];
		olderServer = false;
		vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
			const url = new URL(String(input));
			if (url.pathname === '/api/devices/report') {
				if (!up) throw new TypeError('Failed to fetch');
				if (olderServer) return new Response('Not Found', { status: 404 });
				reports.push(JSON.parse(String(init?.body)));
				reporters.push(new Headers(init?.headers).get('authorization') ?? '');
				return new Response(null, { status: 204 });
			}
			// The forms and the deployment settings their texts cite come together after the outbox.
			const withForms = url.pathname.startsWith('/api/forms') || url.pathname === '/api/deployment';
			(withForms ? formRequests : requests).push(`${init?.method ?? 'GET'} ${url.pathname}`);
			if (!up) throw new TypeError('Failed to fetch');
			if (url.pathname === '/api/deployment') return Response.json({ institution: null, contact: null, updatedAt: null });
			if (url.pathname === '/api/health') return Response.json({ ok: true, storage: 'sqlite' });
			if (url.pathname === '/api/forms')
				return Response.json([
					{ id: 'household_migration', version: '2026-12-01', title: definition.title, publishedAt: '2026-11-30T08:00:00.000Z' }
				]);
			if (url.pathname === '/api/forms/household_migration/2026-12-01') return Response.json(definition);
			const res = await receiveBatch(JSON.parse(String(init?.body)), store, findForm);
			return Response.json(res.body, { status: res.status });
		});
		// Timers of the app are faked; IndexedDB (fake-indexeddb, on setImmediate) runs as usual.
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		vi.spyOn(Math, 'random').mockReturnValue(0.5); // no jitter: the backoff is exactly 5 s, 10 s, 20 s…
		const db = getDb();
		await Promise.all([db.interviews.clear(), db.settings.clear(), db.forms.clear(), db.accounts.clear()]);
		await setAccount(db, { token: 't', server: 'http://tun.test', name: 'Ani', setUpAt: '2026-11-30T08:00:00Z' });
		connection = new ConnectionState();
		sync = new SyncState(connection);
	});
	afterEach(async () => {
		vi.useRealTimers();
		vi.restoreAllMocks();
		vi.unstubAllGlobals();
		await dispose();
	});

	/** Waits for `done` on the real event loop (IndexedDB and the fake network are asynchronous), not on the app's clock. */
	async function until(done: () => boolean) {
		for (let i = 0; i < 10_000 && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
		expect(done()).toBe(true);
	}
	/** Lets a run that a timer or an event started finish. */
	const settle = () => until(() => !sync.running);
	/** Moves the app's clock on, then lets any run it started finish. */
	async function wait(ms: number) {
		await vi.advanceTimersByTimeAsync(ms);
		await settle();
	}

	async function finalized(place: string): Promise<string> {
		const db = getDb();
		const id = await startInterview(db, household20261201, 'en');
		await saveDraft(db, id, { answers: { site_type: 'armenia', settlement: 'other', settlement_other: place, consent: 'no' } });
		await finalizeInterview(db, household20261201, id);
		return id;
	}

	it('with nothing to send, asks the server whether it answers; unreachable, it asks again after 5 s, 10 s…, until it answers', async () => {
		await sync.run();
		expect(requests).toEqual(['GET /api/health']);
		expect(sync.last).toEqual({ status: 'unreachable', sent: 0 });
		expect(connection.current).toBe('unreachable');

		await wait(4_999);
		expect(requests).toHaveLength(1);
		await wait(1);
		expect(requests).toHaveLength(2);
		await wait(9_999);
		expect(requests).toHaveLength(2);
		await wait(1);
		expect(requests).toHaveLength(3);
		expect(connection.current).toBe('unreachable');

		up = true;
		await wait(20_000);
		expect(requests).toHaveLength(4);
		expect(sync.last).toEqual({ status: 'done', sent: 0, rejected: 0 });
		expect(connection.current).toBe('online');
		// Answered: no timer is left.
		await wait(MAX_RETRY_MS * 2);
		expect(requests).toHaveLength(4);
	});

	it('a finalized interview waits while the server is unreachable, and the retry sends it once it answers', async () => {
		const id = await finalized('Ani');
		await sync.run();
		expect(requests).toEqual(['POST /api/submissions']);
		expect(connection.current).toBe('unreachable');
		expect((await getDb().interviews.get(id))?.status).toBe('finalized');

		up = true;
		await wait(MIN_RETRY_MS);
		expect(requests).toEqual(['POST /api/submissions', 'POST /api/submissions']);
		expect((await getDb().interviews.get(id))?.status).toBe('sent');
		expect((await store.getSubmission(id))?.answers).toMatchObject({ settlement_other: 'Ani' });
		expect(connection.current).toBe('online');
	});

	it("a gateway's 502 counts as unreachable and is retried like a failed request", async () => {
		up = true;
		vi.stubGlobal('fetch', async (input: string | URL | Request) => {
			requests.push(`GET ${new URL(String(input)).pathname}`);
			return new Response('<h1>502 Bad Gateway</h1>', { status: 502, headers: { 'content-type': 'text/html' } });
		});
		await sync.run();
		expect(sync.last).toEqual({ status: 'unreachable', sent: 0, detail: 'HTTP 502' });
		expect(connection.current).toBe('unreachable');
		await wait(MIN_RETRY_MS);
		expect(requests).toHaveLength(2);
	});

	it('the browser\'s "online" event starts the backoff over and runs at once', async () => {
		const browser = new EventTarget();
		vi.stubGlobal('navigator', { onLine: true });
		const stopConnection = connection.start(browser);
		const stop = sync.start(browser);
		await until(() => requests.length === 1);
		await settle();
		await wait(5_000);
		await wait(10_000);
		expect(requests).toHaveLength(3); // the next retry would be in 20 s

		browser.dispatchEvent(new Event('online'));
		await settle();
		expect(requests).toHaveLength(4);
		// Still unreachable: the backoff started over at 5 s.
		expect(connection.current).toBe('unreachable');
		await wait(4_999);
		expect(requests).toHaveLength(4);
		await wait(1);
		expect(requests).toHaveLength(5);

		const id = await finalized('Gohar');
		up = true;
		browser.dispatchEvent(new Event('online'));
		await settle();
		expect((await getDb().interviews.get(id))?.status).toBe('sent');
		expect(connection.current).toBe('online');
		stop();
		stopConnection();
	});

	it('the first run waits until the first screen has painted; the enumerators are read at once', async () => {
		up = true;
		let painted: () => void = () => {};
		const firstScreen = new Promise<void>((resolve) => (painted = resolve));
		const id = await finalized('Ani');
		const stop = sync.start(new EventTarget(), firstScreen);
		await until(() => sync.account !== undefined);
		for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
		expect(requests).toEqual([]);
		expect(sync.account?.name).toBe('Ani');

		painted();
		await until(() => requests.length === 1);
		await settle();
		expect(requests).toEqual(['POST /api/submissions']);
		expect((await getDb().interviews.get(id))?.status).toBe('sent');
		stop();
	});

	it('a run asked for while one is under way follows it, so a just-finalized interview is not left waiting', async () => {
		let release: () => void = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		up = true;
		const original = globalThis.fetch;
		let probing = false;
		vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
			if (!probing) {
				probing = true;
				await held;
			}
			return original(input, init);
		});
		const first = sync.run();
		await until(() => probing);
		const id = await finalized('Ani');
		await sync.run(); // returns at once: a run is under way
		release();
		await first;
		await settle();
		expect(requests).toEqual(['GET /api/health', 'POST /api/submissions']);
		expect((await getDb().interviews.get(id))?.status).toBe('sent');
	});

	it('a run that reaches the server brings the form versions the tablet lacks, once; an unreachable one leaves none', async () => {
		await sync.run();
		expect(formRequests).toEqual([]);
		expect(await newestForms(getDb())).toEqual([]);

		up = true;
		await wait(MIN_RETRY_MS);
		expect(formRequests).toEqual(['GET /api/forms', 'GET /api/forms/household_migration/2026-12-01', 'GET /api/deployment']);
		expect(await newestForms(getDb())).toEqual([{ id: 'household_migration', version: '2026-12-01', title: definition.title }]);

		await sync.run(true);
		expect(formRequests).toEqual([
			'GET /api/forms',
			'GET /api/forms/household_migration/2026-12-01',
			'GET /api/deployment',
			'GET /api/forms',
			'GET /api/deployment'
		]);
		expect(sync.last).toEqual({ status: 'done', sent: 0, rejected: 0 });
	});

	it('every run that reaches the server reports how the tablet stands, with nothing waiting too; an unreachable one reports nothing', async () => {
		await sync.run();
		expect(reports).toEqual([]);
		up = true;
		await sync.run();
		const db = getDb();
		const deviceId = (await db.settings.get('deviceId'))?.value;
		expect(reports).toEqual([{ deviceId, waiting: 0, drafts: 0, appVersion: expect.any(String) }]);
		await startInterview(db, household20261201, 'en');
		await startInterview(db, household20261201, 'en');
		await sync.run();
		expect(reports.at(-1)).toEqual({ deviceId, waiting: 0, drafts: 2, appVersion: expect.any(String) });
		// A server without the report route (an older one) answers 404: the sync still succeeds.
		olderServer = true;
		await sync.run();
		expect(reports).toHaveLength(2);
		expect(sync.last).toEqual({ status: 'done', sent: 0, rejected: 0 });
	});

	it('on a shared tablet each enumerator reports their own interviews with their own token; a revoked one reports nothing', async () => {
		const db = getDb();
		up = true;
		const ani = sync.account?.key ?? (await getAccount(db))?.key;
		await startInterview(db, household20261201, 'en');
		await setAccount(db, { token: 'g', server: 'http://tun.test', name: 'Gor', setUpAt: '2026-11-30T09:00:00Z' });
		await startInterview(db, household20261201, 'en');
		await startInterview(db, household20261201, 'en');
		await sync.run();
		const deviceId = (await db.settings.get('deviceId'))?.value;
		expect(reporters).toEqual(['Bearer t', 'Bearer g']);
		expect(reports).toEqual([
			{ deviceId, waiting: 0, drafts: 1, appVersion: expect.any(String) },
			{ deviceId, waiting: 0, drafts: 2, appVersion: expect.any(String) }
		]);
		expect(sync.accounts.map((a) => a.name)).toEqual(['Ani', 'Gor']);
		expect(sync.account?.name).toBe('Gor');
		await sync.switchTo(ani!);
		expect(sync.account?.name).toBe('Ani');

		await markRevoked(db, 't');
		reporters = [];
		await sync.run();
		expect(reporters).toEqual(['Bearer g']);
	});
});
