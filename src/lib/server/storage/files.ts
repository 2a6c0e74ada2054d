/**
 * The server's files hold tokens and survey data: only the user the server runs as may read
 * them, whatever the process umask. New ones are made private; existing ones with looser
 * modes are tightened when the server opens them.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/** Sets `mode` unless the file has it already; a file the server may not change is reported, not fatal. */
function tighten(path: string, mode: number): void {
	const current = statSync(path).mode & 0o777;
	if (current === mode) return;
	try {
		chmodSync(path, mode);
	} catch (error) {
		console.warn(`Tun: ${path} has mode ${current.toString(8)}, and it could not be changed to ${mode.toString(8)}: ${String(error)}`);
	}
}

/** A directory only the server's user may enter (0700): made when missing, tightened when not. */
export function privateDir(path: string): string {
	mkdirSync(path, { recursive: true, mode: 0o700 });
	tighten(path, 0o700);
	return path;
}

/** A file only the server's user may read and write (0600): made empty when missing, tightened when not. */
export function privateFile(path: string): string {
	// O_CREAT's mode is cut by the umask, which can only take bits away from 0600.
	if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
	tighten(path, 0o600);
	return path;
}

/**
 * An SQLite database file made or tightened to 0600 before SQLite opens it, and its WAL and
 * shared-memory files when they are left from an earlier run. SQLite makes new -wal and -shm
 * files with the database file's own mode, so they are 0600 too.
 */
export function privateDatabase(path: string): string {
	for (const companion of [`${path}-wal`, `${path}-shm`, `${path}-journal`]) {
		if (existsSync(companion)) tighten(companion, 0o600);
	}
	return privateFile(path);
}
