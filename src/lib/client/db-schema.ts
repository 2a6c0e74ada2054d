/**
 * The device database's name and every schema it ever had, apart from the Dexie class
 * (db.ts) so that the interview page's first read (first-read.ts), which starts before
 * Dexie's code has loaded, knows which database and which version it reads.
 */
import type { Transaction } from 'dexie';
import type { Setting } from './db';

export const DB_NAME = 'tun';

/**
 * Every schema the device's database ever had, oldest first: the app's class declares them
 * all, and the upgrade harness (db-upgrade.test.ts) builds a database at each earlier one,
 * fills it with that era's rows and upgrades it. A version added here without fixture rows
 * for the one before it fails that harness. Never change a published entry: add one.
 */
export const SCHEMA_VERSIONS: readonly {
	version: number;
	stores: Record<string, string | null>;
	upgrade?: (tx: Transaction) => Promise<void>;
}[] = [
	{ version: 1, stores: { interviews: 'id, status, updatedAt, finalizedAt', settings: 'key' } },
	// The downloaded form versions; interviews and settings are kept as they are.
	{ version: 2, stores: { forms: '[id+version], id' } },
	// A shared tablet: several enumerators, each interview its own enumerator's (by account key).
	{ version: 3, stores: { interviews: 'id, status, updatedAt, finalizedAt, [enumerator+status]', accounts: 'key' }, upgrade: toAccounts },
	// The home screen reads its lists through indexes (home-lists.ts): each list newest first, and each enumerator's sent ones by when they were sent.
	{
		version: 4,
		stores: { interviews: 'id, status, updatedAt, finalizedAt, [enumerator+status], [enumerator+status+updatedAt], [enumerator+sentAt]' }
	}
];

/**
 * Version 3: the one account in the settings becomes the first of the accounts table and the
 * active one, and every interview is that enumerator's. Without an account (never set up),
 * interviews get '' and the first enumerator set up takes them (settings.ts, addAccount).
 */
async function toAccounts(tx: Transaction): Promise<void> {
	const settings = tx.table<Setting, string>('settings');
	const row = await settings.get('account');
	let key = '';
	if (row) {
		key = crypto.randomUUID();
		await tx.table('accounts').add({ ...(JSON.parse(row.value) as object), key });
		await settings.put({ key: 'activeAccount', value: key });
		await settings.delete('account');
	}
	await tx.table('interviews').toCollection().modify({ enumerator: key });
}
