/**
 * What the tablet tells the supervisor's desk after each sync, even with nothing to send
 * (POST /api/devices/report): how many finalized interviews wait and how many drafts are
 * open, and which app version runs. Best effort: a report that does not go through is
 * tried again with the next sync, and never makes a sync fail.
 */
import { version } from '$app/environment';
import type { DeviceReport } from '$lib/wire';
import type { TunDatabase } from './db';
import { getDeviceId, type Account } from './settings';

/** The device's state as the report says it. */
export async function deviceState(db: TunDatabase, appVersion: string = version): Promise<DeviceReport> {
	const [deviceId, waiting, drafts] = await Promise.all([
		getDeviceId(db),
		db.interviews.where('status').equals('finalized').count(),
		db.interviews.where('status').equals('draft').count()
	]);
	return { deviceId, waiting, drafts, appVersion };
}

/** Sends the report; whether the server took it. */
export async function reportDevice(
	db: TunDatabase,
	account: Pick<Account, 'server' | 'token'>,
	fetcher: typeof fetch = fetch
): Promise<boolean> {
	try {
		const response = await fetcher(`${account.server}/api/devices/report`, {
			method: 'POST',
			cache: 'no-store',
			headers: { authorization: `Bearer ${account.token}`, 'content-type': 'application/json' },
			body: JSON.stringify(await deviceState(db))
		});
		return response.status === 204;
	} catch {
		return false;
	}
}
