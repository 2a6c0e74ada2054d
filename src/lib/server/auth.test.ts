import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminTokenFingerprint, bearer, hashToken, initAdminToken, isAdminToken, newToken } from './auth';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
	const d = mkdtempSync(join(tmpdir(), 'tun-auth-'));
	dirs.push(d);
	return d;
};

describe('auth', () => {
	it('makes 256-bit random tokens and stores only hashes', () => {
		const a = newToken();
		expect(Buffer.from(a, 'base64url')).toHaveLength(32);
		expect(a).not.toBe(newToken());
		expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
	});

	it('without ADMIN_TOKEN, makes one on first start in DATA_DIR/admin-token (0600), printed once', () => {
		const dir = tempDir();
		const printed: string[] = [];
		initAdminToken(dir, undefined, (l) => printed.push(l));
		const token = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
		expect(statSync(join(dir, 'admin-token')).mode & 0o777).toBe(0o600);
		expect(printed).toHaveLength(1);
		expect(printed[0]).toContain(token);
		expect(isAdminToken(token)).toBe(true);
		initAdminToken(dir, undefined, (l) => printed.push(l));
		expect(printed).toHaveLength(1);
		expect(isAdminToken(token)).toBe(true);
		expect(isAdminToken('guess')).toBe(false);
	});

	it('ADMIN_TOKEN from the environment wins, and no file is written', () => {
		const dir = tempDir();
		initAdminToken(dir, 'from-env-token-0123456789abcdefghij', () => {});
		expect(isAdminToken('from-env-token-0123456789abcdefghij')).toBe(true);
		expect(() => statSync(join(dir, 'admin-token'))).toThrow();
	});

	it('refuses an admin token shorter than 32 characters, saying why, and keeps none', () => {
		const dir = tempDir();
		expect(() => initAdminToken(dir, 'short-but-not-empty', () => {})).toThrow(/ADMIN_TOKEN has 19 characters; Tun needs at least 32/);
		initAdminToken(dir, 'x'.repeat(32), () => {});
		expect(isAdminToken('x'.repeat(32))).toBe(true);
	});

	it('names the admin token in force by a fingerprint that changes with it and does not reveal it', () => {
		const dir = tempDir();
		initAdminToken(dir, 'a'.repeat(40), () => {});
		const first = adminTokenFingerprint();
		initAdminToken(dir, 'b'.repeat(40), () => {});
		expect(adminTokenFingerprint()).not.toBe(first);
		expect(first).not.toBe(hashToken('a'.repeat(40)));
		expect(first).toMatch(/^[0-9a-f]{64}$/);
	});

	it('reads a bearer token from the Authorization header', () => {
		expect(bearer(new Request('http://x', { headers: { authorization: 'Bearer abc' } }))).toBe('abc');
		expect(bearer(new Request('http://x', { headers: { authorization: 'Basic abc' } }))).toBeUndefined();
		expect(bearer(new Request('http://x'))).toBeUndefined();
	});
});
