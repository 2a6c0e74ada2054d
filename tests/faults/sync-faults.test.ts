/**
 * Fault tests of sync: the device's outbox (src/lib/client/outbox.ts, on fake-indexeddb)
 * sends to the real built server through a proxy that breaks requests and kills the server
 * (proxy.ts; the server: backend.ts; the device: device.ts; the summary: tally.ts).
 *
 * Each run: a fresh device, a fresh enumerator, 1–150 interviews in the outbox (finalized,
 * some broken off), then sendOutbox again and again (the app's retry loop, without waiting)
 * until nothing waits. Then: every interview is 'sent' on the device, stored exactly once
 * on the server with the content the device sent, and no item was ever answered 'invalid'
 * or 'conflict'. At the end, the public export lists every interview exactly once, and
 * there are no conflicts.
 *
 * FAULT_RUNS (default 200; `npm run test:faults` 1,000) sets the number of runs;
 * FAULT_SEED=<seed> replays one run (the seed is in the name of a failing test; the same
 * faults hit the same requests, only where a restart's kill lands is a matter of timing).
 * Needs an up-to-date `build/` (npx vite build); a build without the current form is refused.
 */
import 'fake-indexeddb/auto'; // before Dexie is loaded: the device's IndexedDB
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { household20261201 } from '$lib/forms';
import { TunDatabase } from '$lib/client/db';
import { countWaiting, postTo, sendOutbox, type SyncReport } from '$lib/client/outbox';
import { MAX_BATCH } from '$lib/wire';
import { csvRows } from '../support/csv';
import { int, seeded } from '../support/random';
import { startBackend, type Backend } from './backend';
import { fillOutbox, sample } from './device';
import { FaultyProxy, faults } from './proxy';
import { countingFetch, summary, tally } from './tally';

const RUNS = Number(process.env.FAULT_RUNS ?? 200);
const REPLAY = process.env.FAULT_SEED === undefined ? undefined : Number(process.env.FAULT_SEED);
/** Seeds of this invocation: a fresh random base each time (more ground covered over time), printed. */
const BASE_SEED = Number(process.env.FAULT_BASE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const SEEDS = REPLAY !== undefined ? [REPLAY] : Array.from({ length: RUNS }, (_, i) => (BASE_SEED + i) >>> 0);
/** sendOutbox calls per run before giving up: with ~40% of requests failing, never reached in practice. */
const MAX_ATTEMPTS = 100;
const MAX_INTERVIEWS = 150;
const FORM_ID = household20261201.definition.id;

let backend: Backend;
let proxy: FaultyProxy;
let proxyOrigin: string;
/** Every interview every run made: id → the answers the device sent. */
const made = new Map<string, Record<string, unknown>>();
let started = 0;

beforeAll(async () => {
	backend = await startBackend();
	proxy = new FaultyProxy(backend.server, backend.stored);
	proxyOrigin = await proxy.listen();
	started = performance.now();
	console.log(`fault runs: ${SEEDS.length}, seeds ${SEEDS[0]}…${SEEDS.at(-1)} (replay one with FAULT_SEED=<seed>)`);
}, 60_000);

afterAll(async () => {
	console.log(summary(SEEDS.length, performance.now() - started, proxy, backend?.server.restarts));
	await proxy?.close();
	await backend?.dispose();
}, 30_000);

/** Calls sendOutbox until nothing waits (or MAX_ATTEMPTS), checking each report: only network failures and HTTP errors. */
async function syncUntilEmpty(db: TunDatabase, token: string, seed: number): Promise<SyncReport[]> {
	const post = postTo({ server: proxyOrigin, token, name: null, setUpAt: new Date().toISOString() }, countingFetch);
	const reports: SyncReport[] = [];
	while ((await countWaiting(db)) > 0 && reports.length < MAX_ATTEMPTS) {
		const report = await sendOutbox(db, post);
		reports.push(report);
		tally.reports[report.status] = (tally.reports[report.status] ?? 0) + 1;
		const context = `seed ${seed}: ${JSON.stringify(report)}; requests: ${proxy.trail.join(' ')}`;
		// Never a refused item, a revoked token, a 429.
		expect(['done', 'unreachable', 'failed'], context).toContain(report.status);
		if (report.status === 'done') expect(report.rejected, context).toBe(0);
		// A gateway's or a portal's answer is "not reached"; the server's own 500 is a failure.
		if (report.status === 'unreachable' && report.detail) expect(report.detail, context).toMatch(/^(HTTP (502|503)|unreadable answer)$/);
		if (report.status === 'failed') expect(report.detail, context).toMatch(/^(HTTP 500|unreadable answer)$/);
	}
	tally.attemptsMax = Math.max(tally.attemptsMax, reports.length);
	return reports;
}

describe('sync through a faulty network and a crashing server', { timeout: 120_000 }, () => {
	it.for(SEEDS)('run with seed %i: every interview reaches the server exactly once', async (seed) => {
		const rng = seeded(seed);
		proxy.rng = seeded(seed ^ 0x5bd1e995);
		proxy.trail = [];
		proxy.partial = [];
		const created = await backend.admin('POST', '/api/admin/enumerators', { name: `fault run ${seed}`, sex: seed % 2 ? 'male' : 'female' });
		expect(created.status, created.body).toBe(201);
		const enumerator = JSON.parse(created.body) as { id: string; token: string };

		const db = new TunDatabase(`faults-${seed}-${crypto.randomUUID()}`);
		try {
			let t = performance.now();
			const count = int(rng, 1, MAX_INTERVIEWS);
			const sent = await fillOutbox(db, rng, seed, count);
			expect(sent.size).toBe(count);
			for (const [id, submission] of sent) made.set(id, submission.answers);
			tally.time.device += performance.now() - t;
			t = performance.now();

			const reports = await syncUntilEmpty(db, enumerator.token, seed);
			tally.time.sync += performance.now() - t;
			t = performance.now();
			const trail = `seed ${seed}, ${count} interviews, ${reports.length} sendOutbox calls; requests: ${proxy.trail.join(' ')}`;

			expect(proxy.partial, trail).toEqual([]);

			// Nothing left behind on the device.
			expect(await countWaiting(db), trail).toBe(0);
			const onDevice = await db.interviews.toArray();
			expect(
				onDevice.filter((i) => i.status !== 'sent' || i.rejected).map((i) => i.id),
				trail
			).toEqual([]);
			expect(
				reports.some((r) => r.status === 'done'),
				trail
			).toBe(true);
			expect(proxy.trail.length, trail).toBeGreaterThanOrEqual(Math.ceil(count / MAX_BATCH));

			// On the server: each exactly once, under this enumerator, with the content sent, and no conflicts.
			// (Read from its database file, by the unique index: the export, read once at the end, grows with every run.)
			const rows = backend.reader
				.prepare<[string], { id: string; enumerator_id: string; answers: string; meta: string | null }>(
					'SELECT id, enumerator_id, answers, meta FROM submissions WHERE id IN (SELECT value FROM json_each(?))'
				)
				.all(JSON.stringify([...sent.keys()]));
			expect(rows.length, trail).toBe(count);
			expect(new Set(rows.map((r) => r.id)), trail).toEqual(new Set(sent.keys()));
			for (const row of rows) {
				expect(row.enumerator_id, `${trail}; interview ${row.id}`).toBe(enumerator.id);
				const submission = sent.get(row.id);
				expect(JSON.parse(row.answers), `${trail}; interview ${row.id}`).toEqual(submission?.answers);
				expect(row.meta === null ? undefined : JSON.parse(row.meta), `${trail}; interview ${row.id}`).toEqual(submission?.meta);
			}
			const conflicts = backend.reader
				.prepare<[string], { n: number }>('SELECT count(*) AS n FROM conflicts WHERE enumerator_id = ?')
				.get(enumerator.id);
			expect(conflicts?.n, trail).toBe(0);
			tally.time.check += performance.now() - t;
		} finally {
			await db.delete();
		}
	});

	it('the export lists every interview of every run exactly once, as sent, and there are no conflicts', async () => {
		const exported = await backend.admin('GET', `/api/admin/export/${FORM_ID}/${FORM_ID}.csv`);
		expect(exported.status).toBe(200);
		const [header, ...rows] = csvRows(exported.body);
		// Question columns, then KEY, then the interview's own details.
		const key = header.indexOf('KEY');
		expect(key).toBeGreaterThan(0);
		const seen = new Map<string, number>();
		for (const row of rows) seen.set(row[key], (seen.get(row[key]) ?? 0) + 1);
		expect([...seen].filter(([, n]) => n !== 1)).toEqual([]); // no interview twice
		expect([...seen.keys()].filter((id) => !made.has(id))).toEqual([]); // nothing the devices did not send
		expect([...made.keys()].filter((id) => !seen.has(id))).toEqual([]); // nothing missing
		// Every top-level text and number answer as the device sent it (the markers with quotes and line breaks too).
		let compared = 0;
		for (const row of rows) {
			const sent = made.get(row[key]) ?? {};
			header.slice(0, key).forEach((column, i) => {
				const value = sent[column];
				if (typeof value !== 'string' && typeof value !== 'number') return;
				expect(row[i], `${row[key]}: ${column}`).toBe(String(value));
				compared++;
			});
		}
		if (sample) expect(compared).toBeGreaterThan(0);
		const conflicts = await backend.admin('GET', '/api/admin/conflicts');
		expect(conflicts.status).toBe(200);
		expect(JSON.parse(conflicts.body)).toEqual([]);
		expect(tally.items.conflict + tally.items.invalid).toBe(0);
		if (REPLAY === undefined && SEEDS.length >= 100) {
			// The faults this test is about did happen: every kind, and resends answered 'duplicate'.
			expect(tally.items.duplicate).toBeGreaterThan(0);
			for (const fault of faults) expect(proxy.counts[fault], fault).toBeGreaterThan(0);
			expect(proxy.restartCommitted + proxy.restartLost + proxy.restartNothingNew).toBe(backend.server.restarts);
		}
	});
});
