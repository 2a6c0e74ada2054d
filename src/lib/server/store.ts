import { env } from '$env/dynamic/private';
import { openSqliteStore } from './storage/sqlite';
import type { Store } from './storage/types';

let store: Promise<Store> | undefined;

/** Where the server keeps data: DATA_DIR (default ./data), created on first start. */
export const dataDir = (): string => env.DATA_DIR || './data';

/**
 * The server's one store, opened on first use (never at import: the build imports
 * server modules to analyse routes).
 */
export function getStore(): Promise<Store> {
	store ??= Promise.resolve(openSqliteStore(dataDir()));
	return store;
}
