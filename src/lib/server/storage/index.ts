import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { Store } from './types';

export type {
	AdminSessionRow,
	Conflict,
	Enumerator,
	ImportedDraft,
	PublishedForm,
	PublishedFormInfo,
	PublishOutcome,
	SaveOutcome,
	SessionCheck,
	Store,
	StoredSubmission
} from './types';

export interface StoreOptions {
	/** Where SQLite keeps its file (tun.sqlite); unused with PostgreSQL. */
	dataDir: string;
	/** postgres://… : when set (and not blank), the store is PostgreSQL instead of SQLite. */
	databaseUrl?: string;
}

/** Opens the store the configuration asks for and applies its migrations. */
export async function openStore(options: StoreOptions): Promise<Store> {
	const url = options.databaseUrl?.trim();
	return url ? openPostgresStore(url) : openSqliteStore(options.dataDir);
}
