/**
 * Setting a tablet up from the link an admin made: `/setup#token=…&server=…`. The token
 * lives in the fragment, so it never travels in a request line; it is kept in IndexedDB.
 */
import { meSchema } from '$lib/wire';
import type { TunDatabase } from './db';
import { downloadDeployment, downloadForms } from './forms';
import { getAccount, setAccount } from './settings';

export type SetupResult =
	| { status: 'ok'; name: string }
	/** Stored, but the server could not be reached to confirm it: the next sync will. */
	| { status: 'unconfirmed' }
	| { status: 'invalid_link' }
	| { status: 'rejected' };

export function parseSetupFragment(hash: string): { token: string; server: string } | undefined {
	const params = new URLSearchParams(hash.replace(/^#/, ''));
	const token = params.get('token')?.trim();
	const server = params.get('server')?.trim();
	if (!token || !server) return undefined;
	try {
		return { token, server: new URL(server).origin };
	} catch {
		return undefined;
	}
}

export async function setUpDevice(db: TunDatabase, hash: string, fetcher: typeof fetch = fetch): Promise<SetupResult> {
	const link = parseSetupFragment(hash);
	if (!link) return { status: 'invalid_link' };
	let response: Response;
	try {
		response = await fetcher(`${link.server}/api/me`, { headers: { authorization: `Bearer ${link.token}` } });
	} catch {
		await setAccount(db, { ...link, name: null, setUpAt: new Date().toISOString() });
		return { status: 'unconfirmed' };
	}
	if (response.status === 401) return { status: 'rejected' };
	const me = meSchema.safeParse(await response.json().catch(() => null));
	const name = me.success ? me.data.name : null;
	await setAccount(db, { ...link, name, ...(me.success ? { enumeratorId: me.data.id } : {}), setUpAt: new Date().toISOString() });
	if (!name) return { status: 'unconfirmed' };
	// The questionnaires come now, so interviews can start at once; if they cannot, the next sync brings them.
	const forms = await downloadForms(db, link, fetcher);
	if (forms.status !== 'done') console.error('setup: the forms were not downloaded', forms);
	const settings = await downloadDeployment(db, link, fetcher);
	if (settings.status !== 'done') console.error('setup: the deployment settings were not downloaded', settings);
	return { status: 'ok', name };
}

/**
 * Asks the server whose token this tablet holds (GET /api/me) when it does not know the
 * enumerator's id yet (set up without network, or before the id was kept), and keeps the id
 * and name: a backup file names them. Answers whether the account now has the id; a failed
 * request changes nothing.
 */
export async function confirmAccount(db: TunDatabase, fetcher: typeof fetch = fetch): Promise<boolean> {
	const account = await getAccount(db);
	if (!account || account.revoked) return false;
	if (account.enumeratorId) return true;
	let response: Response;
	try {
		response = await fetcher(`${account.server}/api/me`, { headers: { authorization: `Bearer ${account.token}` }, cache: 'no-store' });
	} catch {
		return false;
	}
	const me = meSchema.safeParse(await response.json().catch(() => null));
	if (!response.ok || !me.success) return false;
	await db.transaction('rw', db.settings, async () => {
		const now = await getAccount(db);
		if (now && now.token === account.token) await setAccount(db, { ...now, name: me.data.name, enumeratorId: me.data.id });
	});
	return true;
}
