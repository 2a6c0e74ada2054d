/**
 * The Dexie upgrade harness: a tablet updated mid-fieldwork keeps every interview. For each
 * earlier schema version in db.ts (SCHEMA_VERSIONS), a database is built with exactly the
 * stores of that version, filled with that era's rows (db-eras.fixtures.ts), then opened by
 * the app's own database class; every row must be there, with the fields the upgrades add.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { SCHEMA_VERSIONS, TunDatabase } from './db';
import { ERAS, type Era } from './db-eras.fixtures';
import { homeLists } from './home-lists';
import { listInterviews } from './interviews';
import { countWaiting } from './outbox';
import { getAccount, listAccounts, setAccount } from './settings';

const latest = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;
const earlier = SCHEMA_VERSIONS.slice(0, -1).map((v) => v.version);

/** A database as the app of `version` made it: its declarations up to that version, nothing later. */
async function buildAt(version: number, era: Era): Promise<string> {
	const name = `era-${version}-${crypto.randomUUID()}`;
	const old = new Dexie(name);
	for (const schema of SCHEMA_VERSIONS.filter((s) => s.version <= version)) old.version(schema.version).stores(schema.stores);
	await old.open();
	expect(old.verno).toBe(version);
	expect(old.tables.map((t) => t.name).sort()).toEqual(Object.keys(era.tables).sort());
	for (const [table, rows] of Object.entries(era.tables)) await old.table(table).bulkAdd(rows);
	old.close();
	return name;
}

/** Every row of every table as the era stored it, read by the app as it would on the tablet. */
async function expectKept(db: TunDatabase, era: Era): Promise<void> {
	for (const [table, rows] of Object.entries(era.tables)) expect(byId(await db.table(table).toArray()), table).toEqual(byId(rows));
	expect((await getAccount(db))?.token).toBe(era.token);
	const active = String(era.tables.settings.find((s) => s.key === 'activeAccount')?.value);
	const mine = era.tables.interviews.filter((i) => i.enumerator === active);
	expect((await listInterviews(db)).map((i) => i.id).sort()).toEqual(mine.map((i) => i.id).sort());
	const home = await homeLists(db, { allSent: true, all: [], everything: false });
	expect(home.counts).toEqual({
		draft: mine.filter((i) => i.status === 'draft').length,
		finalized: mine.filter((i) => i.status === 'finalized').length,
		sent: mine.filter((i) => i.status === 'sent').length
	});
	for (const account of era.tables.accounts) {
		const waiting = era.tables.interviews.filter((i) => i.enumerator === account.key && i.status === 'finalized').length;
		expect(await countWaiting(db, String(account.key))).toBe(waiting);
	}
}

const byId = <T extends object>(rows: T[]) => {
	const id = (row: T) => String((row as { id?: unknown }).id ?? (row as { key?: unknown }).key);
	return [...rows].sort((a, b) => id(a).localeCompare(id(b)));
};

/**
 * What the current version must hold after upgrading `era`. Version 3 moved the one account
 * into the accounts table (the active one) and gave every interview that enumerator's key;
 * version 4 added indexes only, so a version-3 tablet keeps every row as it was. A new version
 * changes this expectation along with db.ts.
 */
async function expectUpgraded(db: TunDatabase, era: Era): Promise<void> {
	if (era.tables.accounts) return expectKept(db, era);
	const accountRow = era.tables.settings.find((s) => s.key === 'account');
	const account = accountRow ? (JSON.parse(String(accountRow.value)) as Record<string, unknown>) : undefined;
	const accounts = await listAccounts(db);
	expect(accounts).toEqual(account ? [{ ...account, key: expect.any(String) }] : []);
	const key = accounts[0]?.key ?? '';
	expect(byId(await db.interviews.toArray())).toEqual(byId(era.tables.interviews.map((i) => ({ ...i, enumerator: key }))));
	const settings = era.tables.settings.filter((s) => s.key !== 'account');
	expect(byId(await db.settings.toArray())).toEqual(byId(account ? [...settings, { key: 'activeAccount', value: key }] : settings));
	expect(await db.forms.toArray()).toEqual(era.tables.forms ?? []);
	// The app reads them as it would on the tablet: all of them the active enumerator's, the waiting ones waiting.
	if (account) {
		expect((await getAccount(db))?.token).toBe(era.token);
		expect((await listInterviews(db)).map((i) => i.id).sort()).toEqual(era.tables.interviews.map((i) => i.id).sort());
	}
	expect(await countWaiting(db, key)).toBe(era.tables.interviews.filter((i) => i.status === 'finalized').length);
}

describe('the Dexie upgrade harness', () => {
	it('has the rows of every earlier schema version, and the app opens at the latest', async () => {
		// A version added to db.ts without the rows of the one before it fails here.
		expect(Object.keys(ERAS).map(Number).sort()).toEqual(earlier);
		const db = new TunDatabase(`latest-${crypto.randomUUID()}`);
		await db.open();
		expect(db.verno).toBe(latest);
		db.close();
	});

	for (const version of earlier)
		it(`a tablet at version ${version} upgraded to ${latest} keeps every interview, setting, form and account`, async () => {
			const era = ERAS[version];
			expect(era, `db-eras.fixtures.ts has no rows for version ${version}`).toBeDefined();
			const name = await buildAt(version, era);
			const db = new TunDatabase(name);
			try {
				await db.open();
				expect(db.verno).toBe(latest);
				await expectUpgraded(db, era);
			} finally {
				db.close();
			}
		});

	it('a tablet never set up keeps its interviews through the upgrade, and its first enumerator takes them', async () => {
		const era: Era = { tables: { interviews: ERAS[1].tables.interviews, settings: [{ key: 'deviceId', value: 'device-0' }] } };
		const db = new TunDatabase(await buildAt(1, era));
		try {
			await expectUpgraded(db, era);
			const key = await setAccount(db, {
				token: 't',
				server: 'https://survey.example.org',
				name: 'Ani',
				setUpAt: '2026-12-01T08:00:00.000Z'
			});
			expect((await db.interviews.toArray()).map((i) => i.enumerator)).toEqual(era.tables.interviews.map(() => key));
			expect(await listInterviews(db)).toHaveLength(era.tables.interviews.length);
		} finally {
			db.close();
		}
	});
});
