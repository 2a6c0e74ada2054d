import { SILENT_AFTER_MS, type DeviceView } from '$lib/wire';
import type { StoredDeviceReport } from './storage/types';

/** The desk's view of a tablet's latest report: silent when nothing came for more than two days. */
export const deviceView = (report: StoredDeviceReport, now: Date): DeviceView => ({
	...report,
	silent: now.getTime() - Date.parse(report.reportedAt) > SILENT_AFTER_MS
});
