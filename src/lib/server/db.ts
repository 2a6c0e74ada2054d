/** The server's one opened store, and where its files live. */
import { env } from '$env/dynamic/private';
import { openStore } from './storage';
import type { Store } from './storage/types';

let store: Promise<Store> | undefined;

/** Where the server keeps files: DATA_DIR (default ./data), created on first start. */
export const dataDir = (): string => env.DATA_DIR || './data';

/**
 * The server's one store: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR.
 * Opened at start (hooks.server.ts init) or on first use, never at import: the build
 * imports server modules to analyse routes. A failed open is retried on the next request.
 */
export function getStore(): Promise<Store> {
	store ??= openStore({ dataDir: dataDir(), databaseUrl: env.DATABASE_URL }).catch((error: unknown) => {
		store = undefined;
		throw error;
	});
	return store;
}
