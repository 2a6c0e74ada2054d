import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initAdminToken } from '../auth';
import { privateDir, privateFile } from './files';
import { openSqliteStore } from './sqlite';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

let root: string;
let umask: number;
// umask 0: every file the process makes would be world-readable unless the code says otherwise.
beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'tun-files-'));
	umask = process.umask(0);
});
afterEach(() => {
	process.umask(umask);
	rmSync(root, { recursive: true, force: true });
});

describe('private files under umask 0', () => {
	it('makes DATA_DIR 0700 and the SQLite database, WAL and shared-memory files 0600', async () => {
		const dataDir = join(root, 'data', 'nested');
		const store = openSqliteStore(dataDir);
		try {
			await store.createEnumerator('Ani', 'female', 'a'.repeat(64)); // a write, so the WAL holds something
			expect(mode(dataDir)).toBe('700');
			expect(mode(join(dataDir, 'tun.sqlite'))).toBe('600');
			expect(mode(join(dataDir, 'tun.sqlite-wal'))).toBe('600');
			expect(mode(join(dataDir, 'tun.sqlite-shm'))).toBe('600');
		} finally {
			await store.close();
		}
	});

	it('tightens a DATA_DIR and database files left world-readable by an earlier version', async () => {
		const dataDir = join(root, 'data');
		const first = openSqliteStore(dataDir);
		await first.createEnumerator('Ani', 'female', 'b'.repeat(64));
		await first.close();
		// As an earlier, careless version left them: a readable directory and database, and
		// WAL and shared-memory files left behind by a crash.
		chmodSync(dataDir, 0o755);
		chmodSync(join(dataDir, 'tun.sqlite'), 0o644);
		for (const file of ['tun.sqlite-wal', 'tun.sqlite-shm']) writeFileSync(join(dataDir, file), '', { mode: 0o666 });
		expect(mode(join(dataDir, 'tun.sqlite-shm'))).toBe('666');

		const again = openSqliteStore(dataDir);
		try {
			expect(mode(dataDir)).toBe('700');
			expect(mode(join(dataDir, 'tun.sqlite'))).toBe('600');
			expect(mode(join(dataDir, 'tun.sqlite-wal'))).toBe('600');
			expect(mode(join(dataDir, 'tun.sqlite-shm'))).toBe('600');
			expect((await again.listEnumerators()).map((e) => e.name)).toEqual(['Ani']);
		} finally {
			await again.close();
		}
	});

	it('writes the admin token 0600 in a 0700 DATA_DIR, and tightens one found readable', () => {
		const dataDir = join(root, 'fresh');
		initAdminToken(dataDir, undefined, () => {});
		expect(mode(dataDir)).toBe('700');
		expect(mode(join(dataDir, 'admin-token'))).toBe('600');

		const old = join(root, 'old');
		mkdirSync(old, { mode: 0o777 });
		writeFileSync(join(old, 'admin-token'), 'kept-token-0123456789abcdef-0123456789\n', { mode: 0o644 });
		initAdminToken(old, undefined, () => {});
		expect(mode(old)).toBe('700');
		expect(mode(join(old, 'admin-token'))).toBe('600');
		expect(readFileSync(join(old, 'admin-token'), 'utf8')).toBe('kept-token-0123456789abcdef-0123456789\n');
	});

	it('privateDir and privateFile make what is missing and keep what is there', () => {
		const dir = privateDir(join(root, 'a', 'b'));
		expect(mode(dir)).toBe('700');
		const file = join(dir, 'f');
		writeFileSync(file, 'content', { mode: 0o640 });
		expect(privateFile(file)).toBe(file);
		expect(mode(file)).toBe('600');
		expect(readFileSync(file, 'utf8')).toBe('content');
		const made = privateFile(join(dir, 'new'));
		expect(mode(made)).toBe('600');
		expect(readFileSync(made, 'utf8')).toBe('');
	});
});
