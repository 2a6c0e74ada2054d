/** Device settings in IndexedDB: its id, the enumerator account it syncs as, the last sync. */
import type { Deployment } from '$lib/form';
import type { TunDatabase } from './db';

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

/** The enumerator this tablet works for, from its setup link. */
export interface Account {
	token: string;
	/** The server's origin, e.g. "https://survey.example.org". */
	server: string;
	/** The enumerator's name, as the server knows it; null until the server confirmed it. */
	name: string | null;
	/** The enumerator's id on the server (GET /api/me at setup): a backup file names it. Absent when the server never confirmed the link, or set up before it was kept. */
	enumeratorId?: string;
	setUpAt: string;
	/** The server answered 401: the token was revoked. Sending stops until the tablet is set up again. */
	revoked?: boolean;
}

async function getJson<T>(db: TunDatabase, key: string): Promise<T | undefined> {
	const row = await db.settings.get(key);
	return row ? (JSON.parse(row.value) as T) : undefined;
}

export const getAccount = (db: TunDatabase) => getJson<Account>(db, 'account');

export async function setAccount(db: TunDatabase, account: Account): Promise<void> {
	await db.settings.put({ key: 'account', value: JSON.stringify(account) });
}

export async function markRevoked(db: TunDatabase): Promise<void> {
	await db.transaction('rw', db.settings, async () => {
		const account = await getAccount(db);
		if (account) await setAccount(db, { ...account, revoked: true });
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
