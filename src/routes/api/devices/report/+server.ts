import { authenticateEnumerator } from '$lib/server/enumerator';
import { readRequest } from '$lib/server/guard';
import { getStore } from '$lib/server/db';
import { deviceReportSchema, MAX_DEVICE_REPORT_BYTES } from '$lib/wire';
import type { RequestHandler } from './$types';

/**
 * A tablet's state after each sync, even with nothing to send: `{"deviceId","waiting","drafts","appVersion"}`
 * with the enumerator's token → `204`; the desk lists the latest report per tablet and enumerator.
 */
export const POST: RequestHandler = async (event) => {
	const enumerator = await authenticateEnumerator(event);
	if (enumerator instanceof Response) return enumerator;
	const report = await readRequest(event.request, deviceReportSchema, MAX_DEVICE_REPORT_BYTES);
	if (report instanceof Response) return report;
	await (await getStore()).reportDevice(report, enumerator.id, new Date().toISOString());
	return new Response(null, { status: 204 });
};
