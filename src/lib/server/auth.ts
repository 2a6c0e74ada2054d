/**
 * Who may do what. Admins hold ADMIN_TOKEN (or the one made on first start in
 * DATA_DIR/admin-token); enumerators hold tokens made by an admin. Tokens are 256-bit
 * random strings; only their SHA-256 hashes are kept, and none is ever logged.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateDir, privateFile } from './storage/files';

/** The shortest admin token the server accepts: a guessable one would open every survey's data. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

let adminHash: Buffer | undefined;

/**
 * Settles the admin token at start: ADMIN_TOKEN when set; else the one in
 * DATA_DIR/admin-token, made (mode 0600, in a 0700 DATA_DIR) and printed once on the very first start.
 * A token shorter than MIN_ADMIN_TOKEN_LENGTH throws: the server does not start with it.
 */
export function initAdminToken(dataDir: string, fromEnv: string | undefined, print: (line: string) => void = console.log): void {
	let token = fromEnv?.trim();
	if (!token) {
		const file = join(privateDir(dataDir), 'admin-token');
		token = existsSync(file) ? readFileSync(privateFile(file), 'utf8').trim() : '';
		// Missing, or left empty by a start that died while writing it: a new one.
		if (!token) {
			token = newToken();
			writeFileSync(privateFile(file), `${token}\n`);
			print(`Tun: a new admin token was written to ${file} (shown only now): ${token}`);
		}
	}
	if (token.length < MIN_ADMIN_TOKEN_LENGTH) {
		const where = fromEnv?.trim() ? 'ADMIN_TOKEN' : `The admin token in ${join(dataDir, 'admin-token')}`;
		throw new Error(
			`${where} has ${token.length} characters; Tun needs at least ${MIN_ADMIN_TOKEN_LENGTH} random ones ` +
				`(e.g. from \`openssl rand -base64 32\`), or leave ADMIN_TOKEN unset and one is made on first start. The server did not start.`
		);
	}
	adminHash = Buffer.from(hashToken(token), 'hex');
}

/**
 * Names the admin token in force without revealing it: sessions carry it, so changing
 * ADMIN_TOKEN ends every session made under the old one.
 */
export function adminTokenFingerprint(): string {
	if (!adminHash) throw new Error('the admin token is not settled yet (initAdminToken runs at start)');
	return createHash('sha256').update('tun admin session\n').update(adminHash).digest('hex');
}

export function isAdminToken(token: string | undefined | null): boolean {
	if (!token || !adminHash) return false;
	return timingSafeEqual(Buffer.from(hashToken(token), 'hex'), adminHash);
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearer(request: Request): string | undefined {
	const header = request.headers.get('authorization');
	const match = header && /^Bearer\s+(\S+)\s*$/i.exec(header);
	return match ? match[1] : undefined;
}
