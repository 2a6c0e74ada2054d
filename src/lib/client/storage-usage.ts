/** The space this site uses and may use, for the settings screen only (not in the home screen's first load). */

/** Bytes used and available to this site, as the browser estimates them. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | undefined> {
	const manager = typeof navigator === 'undefined' ? undefined : navigator.storage;
	if (typeof manager?.estimate !== 'function') return undefined;
	const estimate = await manager.estimate().catch(() => undefined);
	if (estimate?.usage === undefined || estimate.quota === undefined) return undefined;
	return { usage: estimate.usage, quota: estimate.quota };
}

/** Bytes as megabytes (2^20 bytes), one decimal: the number the interface shows before "MB". */
export const megabytes = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
