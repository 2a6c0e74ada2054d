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
