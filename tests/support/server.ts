/**
 * The built server as tests start it: `node scripts/serve.mjs` (as production runs it) on a free port of 127.0.0.1 with its own
 * throw-away data directory (or one given), and the test admin token. Tests that must kill, restart, or configure a server differently use this.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The admin token of every test server (ADMIN_TOKEN needs 32 characters or more). */
export const TEST_ADMIN_TOKEN = 'e2e-admin-token-not-a-secret-0123456789';

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

export interface TestServer {
	origin: string;
	port: number;
	dataDir: string;
	/** Starts (again) and resolves once /api/health answers 200. */
	start(): Promise<void>;
	/** Stops the process at once, as a crash would. */
	kill(): void;
	/** What the process printed so far (stdout and stderr). */
	output(): string;
	/** Kills the process and removes the data directory it made. */
	dispose(): void;
}

export interface ServerOptions {
	/** Environment on top of the defaults; undefined removes a default (e.g. ORIGIN). */
	env?: Record<string, string | undefined>;
	port?: number;
}

export async function testServer(options: ServerOptions = {}): Promise<TestServer> {
	const port = options.port ?? (await freePort());
	const dataDir = mkdtempSync(join(tmpdir(), 'tun-e2e-own-'));
	const origin = `http://127.0.0.1:${port}`;
	const env: Record<string, string | undefined> = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		ADMIN_TOKEN: TEST_ADMIN_TOKEN,
		ORIGIN: origin,
		DATABASE_URL: undefined,
		...options.env
	};
	for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
	let child: ChildProcess | undefined;
	let printed = '';

	const start = async () => {
		const proc = spawn(process.execPath, ['scripts/serve.mjs'], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
		child = proc;
		proc.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
		proc.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
		const deadline = Date.now() + 20_000;
		for (;;) {
			if (proc.exitCode !== null) throw new Error(`the server exited (${proc.exitCode}):\n${printed}`);
			const status = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status, () => 0);
			if (status === 200) return;
			if (Date.now() > deadline) throw new Error(`the server did not answer within 20 s:\n${printed}`);
			await new Promise((r) => setTimeout(r, 100));
		}
	};
	const kill = () => void child?.kill('SIGKILL');
	return {
		origin,
		port,
		dataDir,
		start,
		kill,
		output: () => printed,
		dispose() {
			kill();
			rmSync(dataDir, { recursive: true, force: true });
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
		const req = http.request({ host: '127.0.0.1', port, method, path, headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (text += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
		});
		req.on('error', reject);
		req.end(body);
	});
}
