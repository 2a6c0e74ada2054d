import Database from 'better-sqlite3';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { Store } from './types';

/** The admin URL of a throw-away PostgreSQL server (scripts/postgres.mjs sets it), if any. */
export const postgresUrl: string | undefined = process.env.TUN_PG_URL || undefined;

export interface TemporaryDatabase {
	kind: Store['kind'];
	/** The first store, opened on the fresh database. */
	store: Store;
	/** Opens another store on the same data: a restart, or a second server process. */
	open(): Promise<Store>;
	/** Runs SQL directly on the database, past the store. */
	exec(sql: string): Promise<void>;
	/** SQLite's data directory or PostgreSQL's database URL. */
	location: string;
	/** Closes every store opened here and removes the data. */
	dispose(): Promise<void>;
}

/** Runs SQL on its own connection to a PostgreSQL database. */
async function runSql(url: string, sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

/** A fresh, empty database of either kind; PostgreSQL needs TUN_PG_URL. */
export async function temporaryDatabase(kind: Store['kind']): Promise<TemporaryDatabase> {
	const stores: Store[] = [];
	const track = async (opening: Store | Promise<Store>) => {
		const store = await opening;
		stores.push(store);
		return store;
	};
	const closeAll = async () => {
		// A test may have closed a store already; closing again must not hide the real failure.
		await Promise.all(stores.map((s) => s.close().catch(() => {})));
	};

	if (kind === 'sqlite') {
		const dir = mkdtempSync(join(tmpdir(), 'tun-test-'));
		return {
			kind,
			store: await track(openSqliteStore(dir)),
			open: () => track(openSqliteStore(dir)),
			async exec(sql) {
				const db = new Database(join(dir, 'tun.sqlite'));
				try {
					db.exec(sql);
				} finally {
					db.close();
				}
			},
			location: dir,
			async dispose() {
				await closeAll();
				rmSync(dir, { recursive: true, force: true });
			}
		};
	}

	if (!postgresUrl) throw new Error('TUN_PG_URL is not set: run through node scripts/postgres.mjs');
	const name = `tun_test_${crypto.randomUUID().replaceAll('-', '')}`;
	const admin = (sql: string) => runSql(postgresUrl, sql);
	await admin(`CREATE DATABASE ${name}`);
	const url = new URL(postgresUrl);
	url.pathname = `/${name}`;
	const location = url.toString();
	const store = await track(openPostgresStore(location)).catch(async (error: unknown) => {
		await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		throw error;
	});
	return {
		kind,
		store,
		open: () => track(openPostgresStore(location)),
		exec: (sql) => runSql(location, sql),
		location,
		async dispose() {
			await closeAll();
			await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		}
	};
}

/** SQL that takes a database back to before the data-quality migration (both stores), for tests of earlier migrations. */
export const undoQualitySql = `DROP TABLE quality;
	DROP TABLE submission_flags;
	DROP INDEX submissions_household;
	DROP INDEX submissions_place_location;
	DROP INDEX submissions_unflagged;
	ALTER TABLE submissions DROP COLUMN flagged;
	ALTER TABLE submissions DROP COLUMN household;
	ALTER TABLE submissions DROP COLUMN lat;
	ALTER TABLE submissions DROP COLUMN lon;`;

/** SQL that takes a database back to before the conflicts' resolution migration (both stores). */
export const undoResolutionSql = `ALTER TABLE conflicts DROP COLUMN resolution;
	ALTER TABLE conflicts DROP COLUMN resolved_by;
	ALTER TABLE conflicts DROP COLUMN resolved_at;
	ALTER TABLE conflicts DROP COLUMN stored_content;
	ALTER TABLE conflicts DROP COLUMN stored_hash;`;

/** SQL that takes a database back to before the desk's columns (both stores), after undoQualitySql. */
export const undoDeskSql = `DROP INDEX submissions_desk;
	DROP INDEX submissions_progress;
	CREATE INDEX submissions_form ON submissions (form_id, seq);
	ALTER TABLE submissions DROP COLUMN started_day;
	ALTER TABLE submissions DROP COLUMN settlement;
	ALTER TABLE submissions DROP COLUMN break_off;`;
