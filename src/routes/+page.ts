import { getDb } from '$lib/client/db';

/**
 * IndexedDB starts opening as soon as the app starts navigating, while the root layout still
 * loads the interface strings, instead of when the page's first query runs. A failure to
 * open is the lists' to report (their query opens the database again and says what failed).
 */
export function load(): void {
	getDb()
		.open()
		.catch(() => undefined);
}
