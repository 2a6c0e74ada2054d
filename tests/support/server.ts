/**
 * The built server as tests start it: `node scripts/serve.mjs` (as production runs it, body
 * limit and security headers included) on a free port of 127.0.0.1, with its own throw-away
 * data directory (or one given), and the test admin token. Tests that must kill, restart, or
 * configure a server differently use this; so do the fault runs (tests/faults), on a private
 * copy of the build.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../scripts/free-port.mjs';

export { freePort };

/** The admin token of every test server (ADMIN_TOKEN needs 32 characters or more). */
export const TEST_ADMIN_TOKEN = 'e2e-admin-token-not-a-secret-0123456789';

const serveScript = fileURLToPath(new URL('../../scripts/serve.mjs', import.meta.url));
/** What a server printed that is kept for failure messages (the end of it). */
const KEPT_OUTPUT = 64_000;

export interface TestServer {
	origin: string;
	port: number;
	dataDir: string;
	/** How many times restart() started it again. */
	readonly restarts: number;
	/** Starts (again) and resolves once /api/health answers 200. */
	start(): Promise<void>;
	/** Stops the process at once, as a crash would; resolves once it is gone. */
	kill(): Promise<void>;
	/** kill(), then start() on the same data. */
	restart(): Promise<void>;
	/** What the process printed so far (stdout and stderr; the last 64,000 characters). */
	output(): string;
	/** Kills the process and removes the data directory it made (not one it was given). */
	dispose(): void;
}

export interface ServerOptions {
	/** Environment on top of the defaults; undefined removes a default (e.g. ORIGIN). */
	env?: Record<string, string | undefined>;
	port?: number;
	/** The build to serve (default build/). */
	build?: string;
	/** The data directory (default: a new temporary one, removed by dispose()). */
	dataDir?: string;
}

export async function testServer(options: ServerOptions = {}): Promise<TestServer> {
	const port = options.port ?? (await freePort());
	const ownDataDir = options.dataDir === undefined;
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tun-e2e-own-'));
	const origin = `http://127.0.0.1:${port}`;
	const env: Record<string, string | undefined> = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		ADMIN_TOKEN: TEST_ADMIN_TOKEN,
		ORIGIN: origin,
		DATABASE_URL: undefined, // SQLite in DATA_DIR, whatever the shell says
		NODE_OPTIONS: undefined, // nothing of the test runner's own set-up
		...options.env
	};
	for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
	const args = options.build === undefined ? [serveScript] : [serveScript, options.build];
	let child: ChildProcess | undefined;
	let exited: Promise<void> = Promise.resolve();
	let printed = '';
	let restarts = 0;

	const start = async () => {
		const proc = spawn(process.execPath, args, { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
		child = proc;
		exited = new Promise((resolve) => proc.once('exit', () => resolve()));
		const keep = (chunk: Buffer) => (printed = (printed + chunk.toString()).slice(-KEPT_OUTPUT));
		proc.stdout?.on('data', keep);
		proc.stderr?.on('data', keep);
		const deadline = Date.now() + 20_000;
		for (;;) {
			if (proc.exitCode !== null || proc.signalCode !== null)
				throw new Error(`the server exited (${proc.exitCode ?? proc.signalCode}):\n${printed}`);
			const status = await rawRequest(port, 'GET', '/api/health').then(
				(r) => r.status,
				() => 0
			);
			if (status === 200) return;
			if (Date.now() > deadline) throw new Error(`the server did not answer /api/health within 20 s:\n${printed}`);
			await new Promise((r) => setTimeout(r, 20));
		}
	};
	const kill = async () => {
		child?.kill('SIGKILL');
		await exited;
		child = undefined;
	};
	return {
		origin,
		port,
		dataDir,
		get restarts() {
			return restarts;
		},
		start,
		kill,
		async restart() {
			await kill();
			restarts++;
			await start();
		},
		output: () => printed,
		dispose() {
			child?.kill('SIGKILL');
			if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

export interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/**
 * A request whose path goes on the wire exactly as written: no client-side normalisation of
 * `..`, `./`, double slashes or percent-escapes (fetch and Playwright would normalise some).
 * Each on a connection of its own, closed after the answer: no pooled socket of a server
 * that was killed since is ever reused.
 */
export async function rawRequest(
	port: number,
	method: string,
	path: string,
	headers: Record<string, string> = {},
	body?: string
): Promise<RawResponse> {
	const http = await import('node:http');
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				method,
				path,
				agent: false,
				headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) }
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}
