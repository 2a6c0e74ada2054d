/**
 * The server under test in the fault runs: the built app, served by the one test starter
 * (tests/support/server.ts) from a private copy of build/ (a concurrent `vite build` cannot
 * pull it away mid-run), on a temporary data directory whose SQLite file the checks read.
 * Refuses a build that does not know the current form.
 */
import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { household20261201 } from '$lib/forms';
import { rawRequest, TEST_ADMIN_TOKEN, testServer, type RawResponse, type TestServer } from '../support/server';

export interface Backend {
	server: TestServer;
	/** The server's database, read-only: the checks read what it stored. */
	reader: Database.Database;
	/** How many of these ids the server has stored. */
	stored(ids: string[]): number;
	/** A request to the server itself (not through the proxy) as the admin. */
	admin(method: string, path: string, body?: unknown): Promise<RawResponse>;
	/** Stops the server and removes the copy of the build and the data. */
	dispose(): Promise<void>;
}

export async function startBackend(): Promise<Backend> {
	const build = resolve('build');
	if (!existsSync(join(build, 'index.js'))) throw new Error('build/index.js is missing: run `npx vite build` first');
	const newest = readdirSync('src', { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile())
		.reduce((t, e) => Math.max(t, statSync(join(e.parentPath, e.name)).mtimeMs), 0);
	if (newest > statSync(join(build, 'index.js')).mtimeMs) {
		console.warn('fault runs: build/ is older than src/: the server under test may not be the current code (npx vite build)');
	}
	// The private copy: its node_modules link finds better-sqlite3, its package.json keeps it an ES module.
	const root = mkdtempSync(join(tmpdir(), 'tun-faults-'));
	cpSync(build, join(root, 'app'), { recursive: true });
	writeFileSync(join(root, 'package.json'), '{"type":"module"}');
	symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
	const server = await testServer({ build: join(root, 'app'), dataDir: join(root, 'data') });
	let reader: Database.Database | undefined;
	const dispose = async () => {
		reader?.close();
		await server.kill();
		rmSync(root, { recursive: true, force: true });
	};
	try {
		await server.start();
		const admin = (method: string, path: string, body?: unknown) =>
			rawRequest(
				server.port,
				method,
				path,
				{ authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
				body === undefined ? undefined : JSON.stringify(body)
			);
		const known = await admin('GET', '/api/forms');
		const { id, version } = household20261201.definition;
		const forms = JSON.parse(known.body) as { id: string; version: string }[];
		if (!forms.some((f) => f.id === id && f.version === version)) {
			throw new Error(`build/ is stale: it knows ${JSON.stringify(forms)}, not the current form ${id} ${version}: run \`npx vite build\``);
		}
		const db = new Database(join(root, 'data', 'tun.sqlite'), { readonly: true, fileMustExist: true });
		reader = db;
		const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM submissions WHERE id IN (SELECT value FROM json_each(?))');
		return { server, reader: db, stored: (ids) => count.get(JSON.stringify(ids))?.n ?? 0, admin, dispose };
	} catch (e) {
		await dispose();
		throw e;
	}
}
