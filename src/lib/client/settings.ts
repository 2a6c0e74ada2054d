/** Device settings in IndexedDB: its id, the enumerators' accounts it syncs as (and the active one), the last sync. */
import type { Deployment } from '$lib/form';
import { Dexie } from 'dexie';
import type { StoredAccount, TunDatabase } from './db';

/** This device's id, made once on first use and kept in IndexedDB. */
export async function getDeviceId(db: TunDatabase): Promise<string> {
	return db.transaction('rw', db.settings, async () => {
		const existing = await db.settings.get('deviceId');
		if (existing) return existing.value;
		const value = crypto.randomUUID();
		await db.settings.put({ key: 'deviceId', value });
		return value;
	});
}

/**
 * An enumerator this tablet works for, from their setup link. A shared tablet holds several;
 * one is active: the home screen shows theirs, new interviews are theirs.
 */
export type Account = StoredAccount;

/** What a setup link and the server's answer give: an account before this device keys it. */
export type AccountInput = Omit<Account, 'key'>;

async function getJson<T>(db: TunDatabase, key: string): Promise<T | undefined> {
	const row = await db.settings.get(key);
	return row ? (JSON.parse(row.value) as T) : undefined;
}

/** The tablet's enumerators, in the order they were first set up. */
export async function listAccounts(db: TunDatabase): Promise<Account[]> {
	const first = (a: Account) => a.firstSetUpAt ?? a.setUpAt;
	return (await db.accounts.toArray()).sort((a, b) => (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0));
}

/** The active enumerator's account key; '' when the tablet was never set up. */
export async function getActiveKey(db: TunDatabase): Promise<string> {
	return (await getAccount(db))?.key ?? '';
}

/** The active enumerator (the first set up, should the choice be missing); undefined when never set up. */
export async function getAccount(db: TunDatabase): Promise<Account | undefined> {
	const key = (await db.settings.get('activeAccount'))?.value;
	return (key ? await db.accounts.get(key) : undefined) ?? (await listAccounts(db))[0];
}

/** Makes `key`'s enumerator the active one (the home screen's switch). */
export async function setActive(db: TunDatabase, key: string): Promise<void> {
	await db.transaction('rw', db.settings, db.accounts, async () => {
		if (!(await db.accounts.get(key))) throw new Error(`no account ${key} on this tablet`);
		await db.settings.put({ key: 'activeAccount', value: key });
	});
}

/**
 * Sets an enumerator up on this tablet and makes them the active one; answers their key.
 * The same enumerator again (the same id on the server, or the same token) refreshes their
 * account, a revoked one included; another one is added beside the others. The first
 * enumerator of a tablet takes the interviews that had none (kept from before accounts).
 */
export async function setAccount(db: TunDatabase, input: AccountInput): Promise<string> {
	return db.transaction('rw', db.settings, db.accounts, db.interviews, async () => {
		const all = await db.accounts.toArray();
		const same = all.find((a) => a.token === input.token || (input.enumeratorId !== undefined && a.enumeratorId === input.enumeratorId));
		const key = same?.key ?? crypto.randomUUID();
		// Opened again without the server's answer, the link keeps what the server confirmed before.
		const enumeratorId = input.enumeratorId ?? same?.enumeratorId;
		const firstSetUpAt = same?.firstSetUpAt ?? same?.setUpAt ?? input.setUpAt;
		const { token, server, setUpAt } = input;
		const name = input.name ?? same?.name ?? null;
		await db.accounts.put({ key, token, server, name, ...(enumeratorId ? { enumeratorId } : {}), setUpAt, firstSetUpAt });
		if (!all.length)
			await db.interviews.where('[enumerator+status]').between(['', Dexie.minKey], ['', Dexie.maxKey]).modify({ enumerator: key });
		await db.settings.put({ key: 'activeAccount', value: key });
		return key;
	});
}

/** The server refused this token (401): only its enumerator's sending stops, until they are set up again. */
export async function markRevoked(db: TunDatabase, token: string): Promise<void> {
	await db.accounts.filter((a) => a.token === token).modify({ revoked: true });
}

/**
 * Keeps what the server confirmed about an account (its name, its id). Should another account
 * turn out to be the same enumerator (a link opened without network, then again with it), the
 * two become one: the earlier account's key, the newer link's token, every interview of both.
 */
export async function updateAccount(db: TunDatabase, key: string, change: Pick<Account, 'name' | 'enumeratorId'>): Promise<void> {
	await db.transaction('rw', db.accounts, db.interviews, db.settings, async () => {
		const account = await db.accounts.get(key);
		if (!account) return;
		const twin = (await db.accounts.toArray()).find((a) => a.key !== key && change.enumeratorId && a.enumeratorId === change.enumeratorId);
		if (!twin) return void (await db.accounts.update(key, change));
		const [first, second] =
			(twin.firstSetUpAt ?? twin.setUpAt) <= (account.firstSetUpAt ?? account.setUpAt) ? [twin, account] : [account, twin];
		const newer = first.setUpAt >= second.setUpAt ? first : second;
		const { token, server, setUpAt, revoked } = newer;
		const merged: Account = { ...first, ...change, token, server, setUpAt };
		delete merged.revoked;
		await db.accounts.put(revoked ? { ...merged, revoked } : merged);
		await db.interviews
			.where('[enumerator+status]')
			.between([second.key, Dexie.minKey], [second.key, Dexie.maxKey])
			.modify({ enumerator: first.key });
		await db.accounts.delete(second.key);
		if ((await db.settings.get('activeAccount'))?.value === second.key) await db.settings.put({ key: 'activeAccount', value: first.key });
	});
}

export async function getLastSync(db: TunDatabase): Promise<string | undefined> {
	return (await db.settings.get('lastSync'))?.value;
}

export async function setLastSync(db: TunDatabase, when: string): Promise<void> {
	await db.settings.put({ key: 'lastSync', value: when });
}

/** The deployment settings (institution, contact) as last downloaded: new interviews cite them. */
export const getDeployment = (db: TunDatabase) => getJson<Deployment>(db, 'deployment');

export async function setDeployment(db: TunDatabase, deployment: Deployment): Promise<void> {
	await db.settings.put({ key: 'deployment', value: JSON.stringify(deployment) });
}
