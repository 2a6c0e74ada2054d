/**
 * Setting a tablet up from the link an admin made: `/setup#token=…&server=…`. The token
 * lives in the fragment, so it never travels in a request line; it is kept in IndexedDB.
 * Another enumerator's link adds them to the tablet (a shared tablet) and makes them the
 * active one; the same enumerator's link again refreshes their account (settings.ts).
 */
import { meSchema } from '$lib/wire';
import type { TunDatabase } from './db';
import { downloadDeployment, downloadForms } from './forms';
import { getAccount, listAccounts, setAccount, updateAccount } from './settings';

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
 * Asks the server whose token each account holds (GET /api/me) when the tablet does not know
 * the enumerator's id yet (set up without network, or before the id was kept), and keeps the
 * id and name: a backup file names them. Answers whether the active account now has the id;
 * a failed request changes nothing.
 */
export async function confirmAccount(db: TunDatabase, fetcher: typeof fetch = fetch): Promise<boolean> {
	for (const account of await listAccounts(db)) {
		if (account.revoked || account.enumeratorId) continue;
		let response: Response;
		try {
			response = await fetcher(`${account.server}/api/me`, { headers: { authorization: `Bearer ${account.token}` }, cache: 'no-store' });
		} catch {
			continue;
		}
		const me = meSchema.safeParse(await response.json().catch(() => null));
		if (response.ok && me.success) await updateAccount(db, account.key, { name: me.data.name, enumeratorId: me.data.id });
	}
	const active = await getAccount(db);
	return !!active?.enumeratorId && !active.revoked;
}
