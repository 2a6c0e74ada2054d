import { json } from '@sveltejs/kit';
import { adminOnly } from '$lib/server/guard';
import { getStore } from '$lib/server/db';
import { deviceView } from '$lib/server/devices';
import type { DeviceView } from '$lib/wire';
import type { RequestHandler } from './$types';

/** Every tablet's latest report (per enumerator), the latest first, each flagged when silent for more than two days. */
export const GET: RequestHandler = adminOnly(async () => {
	const now = new Date();
	return json((await (await getStore()).listDevices()).map((d) => deviceView(d, now)) satisfies DeviceView[]);
});
