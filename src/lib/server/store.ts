import { env } from '$env/dynamic/private';
import { openSqliteStore } from './storage/sqlite';
import type { SubmissionStore } from './storage/types';

let store: SubmissionStore | undefined;

/**
 * The server's one store, opened on first use (never at import: the build imports
 * server modules to analyse routes). Data lives in DATA_DIR, default ./data.
 */
export function getStore(): SubmissionStore {
	store ??= openSqliteStore(env.DATA_DIR || './data');
	return store;
}
