/**
 * What the tablet tells the supervisor's desk after each sync, even with nothing to send
 * (POST /api/devices/report): how many finalized interviews wait and how many drafts are
 * open, and which app version runs; on a shared tablet, one report per enumerator, each
 * counting that enumerator's interviews. Best effort: a report that does not go through is
 * tried again with the next sync, and never makes a sync fail.
 */
import { version } from '$app/environment';
import type { DeviceReport } from '$lib/wire';
import type { Interview, TunDatabase } from './db';
import { getDeviceId, type Account } from './settings';

/** The device's state as the report says it: of one enumerator's interviews (by account key), or of all. */
export async function deviceState(db: TunDatabase, appVersion: string = version, enumerator?: string): Promise<DeviceReport> {
	const count = (status: Interview['status']) =>
		enumerator === undefined
			? db.interviews.where('status').equals(status).count()
			: db.interviews.where('[enumerator+status]').equals([enumerator, status]).count();
	const [deviceId, waiting, drafts] = await Promise.all([getDeviceId(db), count('finalized'), count('draft')]);
	return { deviceId, waiting, drafts, appVersion };
}

/** Sends the report; whether the server took it. */
export async function reportDevice(
	db: TunDatabase,
	account: Pick<Account, 'server' | 'token'> & Partial<Pick<Account, 'key'>>,
	fetcher: typeof fetch = fetch
): Promise<boolean> {
	try {
		const response = await fetcher(`${account.server}/api/devices/report`, {
			method: 'POST',
			cache: 'no-store',
			headers: { authorization: `Bearer ${account.token}`, 'content-type': 'application/json' },
			body: JSON.stringify(await deviceState(db, version, account.key))
		});
		return response.status === 204;
	} catch {
		return false;
	}
}
