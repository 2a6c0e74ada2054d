import { env } from '$env/dynamic/private';
import { openSqliteStore } from './storage/sqlite';
import type { Store } from './storage/types';

let store: Store | undefined;

/**
 * The server's one store, opened on first use (never at import: the build imports
 * server modules to analyse routes). Data lives in DATA_DIR, default ./data.
 */
export function getStore(): Store {
	store ??= openSqliteStore(env.DATA_DIR || './data');
	return store;
}
