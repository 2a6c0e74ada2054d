/**
 * The faulty network of the fault runs: an in-process HTTP proxy between the device and the
 * server that, per request and by a seeded random generator, forwards it or breaks it: cuts
 * the request (before or in the middle of the upload), loses the response after the server
 * committed, answers 500/503 (or a captive portal's page) itself, answers 500/503 after the
 * server committed, or kills the server (SIGKILL) while the request is in flight and starts
 * it again on the same data. It counts what it did, for the summary and the checks.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Random } from '../support/random';
import type { TestServer } from '../support/server';

interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const faults = [
	'forward',
	'cut_before', // the socket to the device is destroyed before anything reaches the server
	'cut_upload', // half the body reaches the server, then both connections are cut
	'lose_response', // the server answered (committed); the device's connection is cut before, or in the middle of, the answer
	'refuse', // 500 or 503 (or a captive portal's 200 page) from the proxy; the server never sees the request
	'error_after_commit', // the server answered (committed); the device gets 500 or 503 instead
	'restart' // the server is killed (SIGKILL) while the request is in flight, then started again
] as const;
export type Fault = (typeof faults)[number];

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

function pickFault(rng: Random): Fault {
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

export class FaultyProxy {
	private readonly server: http.Server;
	/** Decides the fault of each request; set per run. */
	rng: Random = () => 0;
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
		private readonly backend: TestServer,
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

	/** Listens on a free port of 127.0.0.1; resolves to the origin the device is to use. */
	async listen(): Promise<string> {
		await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	/** Stops listening and cuts the device's idle keep-alive connections. */
	async close(): Promise<void> {
		const closed = new Promise<void>((r) => this.server.close(() => r()));
		this.server.closeAllConnections();
		await closed;
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
				if (how < 0.5)
					req.socket.destroy(); // nothing of the answer arrives
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
