/**
 * Fault tests of sync: the device's outbox (src/lib/client/outbox.ts, on fake-indexeddb)
 * sends to the real built server (`node build`) through an in-process proxy that, per
 * request and by a seeded PRNG, forwards it or breaks it: cuts the request (before or in
 * the middle of the upload), loses the response after the server committed, answers
 * 500/503 itself, answers 500/503 after the server committed, or kills the server
 * (SIGKILL) while the request is in flight and starts it again on the same data.
 *
 * Each run: a fresh device, a fresh enumerator, 1–150 interviews in the outbox (finalized,
 * some broken off; up to 5 made with the app's own steps, the rest copies of them with
 * their own id and marker), then sendOutbox again and again (the app's retry loop,
 * without waiting) until nothing waits.
 * Then: every interview is 'sent' on the device, stored exactly once on the server with
 * the content the device sent, and no item was ever answered 'invalid' or 'conflict'.
 * At the end, the public export lists every interview exactly once, and there are no
 * conflicts.
 *
 * FAULT_RUNS (default 200; `npm run test:faults` 1,000) sets the number of runs;
 * FAULT_SEED=<seed> replays one run (the seed is in the name of a failing test; the same
 * faults hit the same requests, only where a restart's kill lands is a matter of timing).
 * Needs an up-to-date `build/` (npx vite build); a build without the current form is refused.
 */
import 'fake-indexeddb/auto';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '$lib/form';
import { currentForm } from '$lib/forms';
import { refusal } from '$lib/forms/samples';
import { TunDatabase } from '$lib/client/db';
import type { Interview } from '$lib/client/db';
import { breakOffInterview, finalizeInterview, saveDraft, startInterview, toSubmission } from '$lib/client/interviews';
import { countWaiting, postTo, sendOutbox, type SyncReport } from '$lib/client/outbox';
import { batchResultSchema, MAX_BATCH, type Submission } from '$lib/wire';

const RUNS = Number(process.env.FAULT_RUNS ?? 200);
const REPLAY = process.env.FAULT_SEED === undefined ? undefined : Number(process.env.FAULT_SEED);
/** Seeds of this invocation: a fresh random base each time (more ground covered over time), printed. */
const BASE_SEED = Number(process.env.FAULT_BASE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const SEEDS = REPLAY !== undefined ? [REPLAY] : Array.from({ length: RUNS }, (_, i) => (BASE_SEED + i) >>> 0);
/** sendOutbox calls per run before giving up: with ~40% of requests failing, never reached in practice. */
const MAX_ATTEMPTS = 100;
const MAX_INTERVIEWS = 150;
/** Interviews per run made through the app's own steps (start, save, finalize); the rest are copies of them (fake-indexeddb is slow). */
const REAL_PER_RUN = 5;
const ADMIN_TOKEN = 'fault-test-admin-token-not-a-secret';
const FORM_ID = currentForm.definition.id;

// ---------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: small, fast, good enough to pick faults and answers. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const int = (rng: () => number, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

// ---------------------------------------------------------------------------------------
// Plain HTTP without connection reuse (a killed server leaves no stale pooled socket behind)

interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
	return new Promise((done, fail) => {
		const req = http.request(url, { method: options.method ?? 'GET', headers: { ...options.headers, connection: 'close' }, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', fail);
		});
		req.on('error', fail);
		req.end(options.body);
	});
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const probe = http.createServer();
		probe.once('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as AddressInfo;
			probe.close(() => done(port));
		});
	});
}

// ---------------------------------------------------------------------------------------
// The real server: `node build` on a temporary data directory, killed and started again at will

class ServerProcess {
	private child: ChildProcess | undefined;
	private exited: Promise<void> = Promise.resolve();
	/** The end of its output, for the failure message. */
	log = '';
	restarts = 0;

	constructor(
		private readonly appDir: string,
		readonly port: number,
		readonly dataDir: string
	) {}

	get origin(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async start(): Promise<void> {
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PORT: String(this.port),
			HOST: '127.0.0.1',
			DATA_DIR: this.dataDir,
			ADMIN_TOKEN,
			ORIGIN: this.origin
		};
		delete env.DATABASE_URL; // SQLite in DATA_DIR, whatever the shell says
		delete env.NODE_OPTIONS; // nothing of vitest's own set-up
		// Served as production serves it (scripts/serve.mjs), from the private copy of the build.
		const child = spawn(process.execPath, [resolve('scripts/serve.mjs'), this.appDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		const keep = (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-8000));
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
		this.child = child;
		this.exited = new Promise((r) => child.once('exit', () => r()));
		let gone = false;
		void this.exited.then(() => (gone = true));
		const deadline = Date.now() + 20_000;
		for (;;) {
			if (gone) throw new Error(`the server exited while starting:\n${this.log}`);
			try {
				const health = await request(`${this.origin}/api/health`);
				if (health.status === 200) return;
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline) throw new Error(`the server did not answer /api/health within 20 s:\n${this.log}`);
			await sleep(15);
		}
	}

	async kill(): Promise<void> {
		this.child?.kill('SIGKILL');
		await this.exited;
		this.child = undefined;
	}

	async restart(): Promise<void> {
		await this.kill();
		this.restarts++;
		await this.start();
	}
}

// ---------------------------------------------------------------------------------------
// The faulty proxy

const faults = [
	'forward',
	'cut_before', // the socket to the device is destroyed before anything reaches the server
	'cut_upload', // half the body reaches the server, then both connections are cut
	'lose_response', // the server answered (committed); the device's connection is cut before, or in the middle of, the answer
	'refuse', // 500 or 503 (or a captive portal's 200 page) from the proxy; the server never sees the request
	'error_after_commit', // the server answered (committed); the device gets 500 or 503 instead
	'restart' // the server is killed (SIGKILL) while the request is in flight, then started again
] as const;
type Fault = (typeof faults)[number];

/** Cumulative weights: ~60% forwarded, ~40% broken, restarts on ~2.5% of requests. */
const weights: [Fault, number][] = [
	['forward', 0.6],
	['cut_before', 0.08],
	['cut_upload', 0.05],
	['lose_response', 0.09],
	['refuse', 0.06],
	['error_after_commit', 0.095],
	['restart', 0.025]
];

function pickFault(rng: () => number): Fault {
	let x = rng();
	for (const [fault, weight] of weights) {
		if (x < weight) return fault;
		x -= weight;
	}
	return 'forward';
}

const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'host']);

function upstreamHeaders(headers: http.IncomingHttpHeaders, port: number): http.OutgoingHttpHeaders {
	const out: http.OutgoingHttpHeaders = {};
	for (const [k, v] of Object.entries(headers)) if (!hopByHop.has(k) && v !== undefined) out[k] = v;
	out.host = `127.0.0.1:${port}`;
	out.connection = 'close';
	return out;
}

class FaultyProxy {
	readonly server: http.Server;
	/** Decides the fault of each request; set per run. */
	rng: () => number = () => 0;
	readonly counts = Object.fromEntries(faults.map((f) => [f, 0])) as Record<Fault, number>;
	/** Restarts whose batch the server had committed before it was killed, those it had not, those with nothing new to store. */
	restartCommitted = 0;
	restartLost = 0;
	restartNothingNew = 0;
	/** Batches a killed server stored in part (SQLite's transaction must make that impossible); per run. */
	partial: string[] = [];
	/** Requests of the current run; the fault of each, for the failure message. */
	trail: string[] = [];
	private ready: Promise<void> = Promise.resolve();

	constructor(
		private readonly backend: ServerProcess,
		/** How many of these ids the server has stored (read from its database file). */
		private readonly stored: (ids: string[]) => number
	) {
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((e: unknown) => {
				this.trail.push(`proxy error: ${String(e)}`);
				req.socket.destroy();
			});
		});
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const fault = pickFault(this.rng);
		this.counts[fault]++;
		this.trail.push(fault);
		if (fault === 'cut_before' && this.rng() < 0.5) {
			req.socket.destroy(); // before the body is even read
			return;
		}
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const body = Buffer.concat(chunks);
		await this.ready; // no request reaches a server that is starting
		switch (fault) {
			case 'forward': {
				const answer = await this.forward(req, body);
				res.writeHead(answer.status, pass(answer.headers)).end(answer.body);
				return;
			}
			case 'cut_before':
				req.socket.destroy();
				return;
			case 'cut_upload':
				await this.forward(req, body, Math.max(1, Math.floor(body.length * this.rng()))).catch(() => undefined);
				req.socket.destroy();
				return;
			case 'lose_response': {
				const answer = await this.forward(req, body);
				const how = this.rng();
				if (how < 0.5) req.socket.destroy(); // nothing of the answer arrives
				else {
					// The status line and headers arrive, then none or half of the body.
					res.writeHead(answer.status, { ...pass(answer.headers), 'content-length': answer.body.length });
					res.flushHeaders();
					if (how >= 0.75) res.write(answer.body.subarray(0, answer.body.length >> 1));
					setTimeout(() => req.socket.destroy(), 5);
				}
				return;
			}
			case 'refuse': {
				const how = this.rng();
				if (how < 0.8) res.writeHead(how < 0.4 ? 500 : 503, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
				// A captive portal (hotel Wi-Fi) answers 200 with its own page.
				else res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in to the Wi-Fi</body></html>');
				return;
			}
			case 'error_after_commit': {
				await this.forward(req, body);
				const status = this.rng() < 0.5 ? 500 : 503;
				// Sometimes the gateway's error page is JSON, like the API's own errors: the device must still not trust it.
				if (this.rng() < 0.5) res.writeHead(status, { 'content-type': 'application/json' }).end('{"error":"upstream timed out"}');
				else res.writeHead(status, { 'content-type': 'text/html' }).end('<h1>Gateway error</h1>');
				return;
			}
			case 'restart': {
				let release = () => {};
				this.ready = new Promise((r) => (release = r));
				try {
					const ids = (JSON.parse(body.toString()) as { submissions: { id: string }[] }).submissions.map((s) => s.id);
					const before = this.stored(ids);
					const inFlight = this.forward(req, body).catch(() => undefined);
					await sleep(this.rng() * 25); // from "not arrived yet" to "answered already"
					await this.backend.restart();
					await inFlight;
					const after = this.stored(ids);
					if (before === ids.length) this.restartNothingNew++;
					else if (after === ids.length) this.restartCommitted++;
					else if (after === before) this.restartLost++;
					else this.partial.push(`${after - before} of ${ids.length - before} new interviews stored`);
				} finally {
					release();
				}
				if (this.rng() < 0.5) req.socket.destroy();
				else res.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway');
				return;
			}
		}
	}

	/** Sends the request on to the server and reads its whole answer; `cutAt` sends only that many bytes, then aborts. */
	private forward(req: http.IncomingMessage, body: Buffer, cutAt?: number): Promise<Answer> {
		return new Promise((done, fail) => {
			const up = http.request(
				{
					host: '127.0.0.1',
					port: this.backend.port,
					method: req.method,
					path: req.url,
					headers: upstreamHeaders(req.headers, this.backend.port),
					agent: false
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
					res.on('error', fail);
				}
			);
			up.on('error', fail);
			if (cutAt === undefined) {
				up.end(body);
				return;
			}
			up.write(body.subarray(0, cutAt), () => {
				setTimeout(() => {
					up.destroy();
					fail(new Error('cut'));
				}, 2);
			});
		});
	}
}

function pass(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
	const out: http.OutgoingHttpHeaders = {};
	for (const [k, v] of Object.entries(headers)) if (!hopByHop.has(k) && k !== 'content-length' && v !== undefined) out[k] = v;
	return out;
}

// ---------------------------------------------------------------------------------------
// CSV (RFC 4180) for the export

function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			i++;
		} else field += c;
	}
	if (field || row.length) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

// ---------------------------------------------------------------------------------------
// Interviews of the current form, valid, varied by the run's PRNG. Each carries a marker
// (run and number, sometimes with quotes, a comma and a line break) in a text question.

interface Sample {
	/** The text question that holds the marker. */
	marker: string;
	/** Answers that finalize without an issue. */
	complete: (rng: () => number, marker: string) => Answers;
	/** Answers of an interview broken off part way. */
	partial: (rng: () => number, marker: string) => Answers;
}

const site = (rng: () => number) => pick(rng, ['martuni', 'armenia', 'russia']);

const samples: Record<string, Sample> = {
	household_migration: {
		marker: 'settlement_other',
		// A refusal at consent: complete as it is.
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
const sample: Sample | undefined = samples[currentForm.definition.id];

// ---------------------------------------------------------------------------------------

let root: string;
let backend: ServerProcess;
let proxy: FaultyProxy;
let proxyOrigin: string;
let reader: Database.Database;
/** Every interview every run made: id → the answers the device sent. */
const made = new Map<string, Answers>();
const itemStatuses = { created: 0, duplicate: 0, conflict: 0, invalid: 0 };
const reportStatuses: Record<string, number> = {};
let attemptsMax = 0;
let started = 0;
/** Where the time goes: making interviews on the device, syncing, checking. */
const time = { device: 0, sync: 0, check: 0 };

beforeAll(async () => {
	const build = resolve('build');
	if (!existsSync(join(build, 'index.js'))) throw new Error('build/index.js is missing: run `npx vite build` first');
	const newest = readdirSync('src', { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile())
		.reduce((t, e) => Math.max(t, statSync(join(e.parentPath, e.name)).mtimeMs), 0);
	if (newest > statSync(join(build, 'index.js')).mtimeMs) {
		console.warn('fault runs: build/ is older than src/: the server under test may not be the current code (npx vite build)');
	}
	// A private copy of the build, so a concurrent `vite build` cannot pull it away mid-run;
	// its node_modules link finds better-sqlite3, its package.json keeps it an ES module.
	root = mkdtempSync(join(tmpdir(), 'tun-faults-'));
	cpSync(build, join(root, 'app'), { recursive: true });
	writeFileSync(join(root, 'package.json'), '{"type":"module"}');
	symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
	backend = new ServerProcess(join(root, 'app'), await freePort(), join(root, 'data'));
	await backend.start();
	const known = await admin('GET', '/api/forms');
	const { id, version } = currentForm.definition;
	const forms = JSON.parse(known.body.toString()) as { id: string; version: string }[];
	if (!forms.some((f) => f.id === id && f.version === version)) {
		throw new Error(`build/ is stale: it knows ${JSON.stringify(forms)}, not the current form ${id} ${version}: run \`npx vite build\``);
	}
	reader = new Database(join(root, 'data', 'tun.sqlite'), { readonly: true, fileMustExist: true });
	const stored = reader.prepare<[string], { n: number }>('SELECT count(*) AS n FROM submissions WHERE id IN (SELECT value FROM json_each(?))');
	proxy = new FaultyProxy(backend, (ids) => stored.get(JSON.stringify(ids))?.n ?? 0);
	await new Promise<void>((r) => proxy.server.listen(0, '127.0.0.1', r));
	proxyOrigin = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
	started = performance.now();
	console.log(`fault runs: ${SEEDS.length}, seeds ${SEEDS[0]}…${SEEDS.at(-1)} (replay one with FAULT_SEED=<seed>)`);
}, 60_000);

afterAll(async () => {
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(
		`fault runs: ${SEEDS.length} in ${seconds} s; requests by fault ${JSON.stringify(proxy?.counts)}; ` +
			`server restarts ${backend?.restarts} (batch committed before the kill: ${proxy?.restartCommitted}, not: ${proxy?.restartLost}, nothing new in it: ${proxy?.restartNothingNew}); ` +
			`items ${JSON.stringify(itemStatuses)}; sendOutbox reports ${JSON.stringify(reportStatuses)}; most sendOutbox calls in a run: ${attemptsMax}; ` +
			`seconds making interviews ${(time.device / 1000).toFixed(1)}, syncing ${(time.sync / 1000).toFixed(1)}, checking ${(time.check / 1000).toFixed(1)}`
	);
	reader?.close();
	if (proxy) {
		const closed = new Promise<void>((r) => proxy.server.close(() => r()));
		proxy.server.closeAllConnections(); // the device's idle keep-alive connections
		await closed;
	}
	await backend?.kill();
	if (root) rmSync(root, { recursive: true, force: true });
}, 30_000);

async function admin(method: string, path: string, body?: unknown): Promise<Answer> {
	return request(`${backend.origin}${path}`, {
		method,
		headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

/** Node's fetch, counting the item results of every answer the device gets. */
const observedFetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
	const response = await fetch(input, init);
	if (response.ok) {
		const parsed = batchResultSchema.safeParse(await response.clone().json().catch(() => null));
		if (parsed.success) for (const r of parsed.data.results) itemStatuses[r.status]++;
	}
	return response;
}) as typeof fetch;

describe('sync through a faulty network and a crashing server', { timeout: 120_000 }, () => {
	it.for(SEEDS)('run with seed %i: every interview reaches the server exactly once', async (seed) => {
		const rng = prng(seed);
		proxy.rng = prng(seed ^ 0x5bd1e995);
		proxy.trail = [];
		proxy.partial = [];
		const created = await admin('POST', '/api/admin/enumerators', { name: `fault run ${seed}` });
		expect(created.status, created.body.toString()).toBe(201);
		const enumerator = JSON.parse(created.body.toString()) as { id: string; token: string };

		const db = new TunDatabase(`faults-${seed}-${crypto.randomUUID()}`);
		try {
			let t = performance.now();
			const count = int(rng, 1, MAX_INTERVIEWS);
			const markerOf = (i: number) => `Անի ${seed}/${i}${rng() < 0.2 ? ', "Ani"\nx' : ''}`;
			const real = Math.min(count, REAL_PER_RUN);
			for (let i = 0; i < real; i++) {
				const id = await startInterview(db, currentForm, pick(rng, ['en', 'hy', 'ru'] as const));
				if (sample && rng() < 0.85) {
					await saveDraft(db, id, { answers: { ...(await db.interviews.get(id))?.answers, ...sample.complete(rng, markerOf(i)) } });
					expect(await finalizeInterview(db, currentForm, id), `seed ${seed}`).toEqual({ status: 'finalized' });
				} else {
					if (sample) await saveDraft(db, id, { answers: { ...(await db.interviews.get(id))?.answers, ...sample.partial(rng, markerOf(i)) } });
					await breakOffInterview(db, currentForm, id, currentForm.definition.items[0].name, markerOf(i));
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
			const sentContent = new Map<string, Submission>();
			for (const interview of await db.interviews.toArray()) {
				const submission = toSubmission(interview);
				sentContent.set(interview.id, submission);
				made.set(interview.id, submission.answers);
			}
			expect(sentContent.size).toBe(count);
			time.device += performance.now() - t;
			t = performance.now();

			const account = { server: proxyOrigin, token: enumerator.token, name: null, setUpAt: new Date().toISOString() };
			const post = postTo(account, observedFetch);
			const reports: SyncReport[] = [];
			while ((await countWaiting(db)) > 0) {
				if (reports.length >= MAX_ATTEMPTS) break;
				const report = await sendOutbox(db, post);
				reports.push(report);
				reportStatuses[report.status] = (reportStatuses[report.status] ?? 0) + 1;
				const context = `seed ${seed}: ${JSON.stringify(report)}; requests: ${proxy.trail.join(' ')}`;
				// Only network failures and HTTP errors: never a refused item, a revoked token, a 429.
				expect(['done', 'unreachable', 'failed'], context).toContain(report.status);
				if (report.status === 'done') expect(report.rejected, context).toBe(0);
				// A gateway's or a portal's answer is "not reached"; the server's own 500 is a failure.
				if (report.status === 'unreachable' && report.detail) expect(report.detail, context).toMatch(/^(HTTP (502|503)|unreadable answer)$/);
				if (report.status === 'failed') expect(report.detail, context).toMatch(/^(HTTP 500|unreadable answer)$/);
			}
			attemptsMax = Math.max(attemptsMax, reports.length);
			time.sync += performance.now() - t;
			t = performance.now();
			const trail = `seed ${seed}, ${count} interviews, ${reports.length} sendOutbox calls; requests: ${proxy.trail.join(' ')}`;

			expect(proxy.partial, trail).toEqual([]);

			// Nothing left behind on the device.
			expect(await countWaiting(db), trail).toBe(0);
			const onDevice = await db.interviews.toArray();
			expect(onDevice.filter((i) => i.status !== 'sent' || i.rejected).map((i) => i.id), trail).toEqual([]);
			expect(reports.some((r) => r.status === 'done'), trail).toBe(true);
			expect(proxy.trail.length, trail).toBeGreaterThanOrEqual(Math.ceil(count / MAX_BATCH));

			// On the server: each exactly once, under this enumerator, with the content sent, and no conflicts.
			// (Read from its database file, by the unique index: the export, read once at the end, grows with every run.)
			const rows = reader
				.prepare<[string], { id: string; enumerator_id: string; answers: string; meta: string | null }>(
					'SELECT id, enumerator_id, answers, meta FROM submissions WHERE id IN (SELECT value FROM json_each(?))'
				)
				.all(JSON.stringify([...sentContent.keys()]));
			expect(rows.length, trail).toBe(count);
			expect(new Set(rows.map((r) => r.id)), trail).toEqual(new Set(sentContent.keys()));
			for (const row of rows) {
				expect(row.enumerator_id, `${trail}; interview ${row.id}`).toBe(enumerator.id);
				const sent = sentContent.get(row.id);
				expect(JSON.parse(row.answers), `${trail}; interview ${row.id}`).toEqual(sent?.answers);
				expect(row.meta === null ? undefined : JSON.parse(row.meta), `${trail}; interview ${row.id}`).toEqual(sent?.meta);
			}
			const conflicts = reader.prepare<[string], { n: number }>('SELECT count(*) AS n FROM conflicts WHERE enumerator_id = ?').get(enumerator.id);
			expect(conflicts?.n, trail).toBe(0);
			time.check += performance.now() - t;
		} finally {
			await db.delete();
		}
	});

	it('the export lists every interview of every run exactly once, as sent, and there are no conflicts', async () => {
		const exported = await admin('GET', `/api/admin/export/${FORM_ID}/${FORM_ID}.csv`);
		expect(exported.status).toBe(200);
		const [header, ...rows] = parseCsv(exported.body.toString('utf8'));
		// Question columns, then KEY, then the interview's own details.
		const key = header.indexOf('KEY');
		expect(key).toBeGreaterThan(0);
		const seen = new Map<string, number>();
		for (const row of rows) {
			expect(row.length).toBe(header.length);
			seen.set(row[key], (seen.get(row[key]) ?? 0) + 1);
		}
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
		const conflicts = await admin('GET', '/api/admin/conflicts');
		expect(conflicts.status).toBe(200);
		expect(JSON.parse(conflicts.body.toString())).toEqual([]);
		expect(itemStatuses.conflict + itemStatuses.invalid).toBe(0);
		if (REPLAY === undefined && SEEDS.length >= 100) {
			// The faults this test is about did happen: every kind, and resends answered 'duplicate'.
			expect(itemStatuses.duplicate).toBeGreaterThan(0);
			for (const fault of faults) expect(proxy.counts[fault], fault).toBeGreaterThan(0);
			expect(proxy.restartCommitted + proxy.restartLost + proxy.restartNothingNew).toBe(backend.restarts);
		}
	});
});
