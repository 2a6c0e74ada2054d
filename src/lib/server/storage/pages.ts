/**
 * Reading a whole form page by page (Store.submissionPage): memory holds one page, whatever
 * the number of submissions, and the event loop gets a turn between pages, so a long read
 * (an export of 100,000 households) never keeps other requests waiting.
 */
import type { Store, StoredSubmission } from './types';

/** Submissions a page: about 1 MB of households with their rosters and audit logs. */
export const PAGE_SIZE = 500;

export interface PageOptions {
	/** The id of the last submission to read (countSubmissions' `last`): what arrives during the read is left out, so several reads agree. */
	through?: string;
	/** Keeps only the submissions it is true for (the export's filters), page by page. */
	keep?: (s: StoredSubmission) => boolean;
	pageSize?: number;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A form's submissions in the order received, a page at a time (filtered pages may be short or empty, never skipped). */
export async function* submissionPages(
	store: Pick<Store, 'submissionPage'>,
	formId: string,
	{ through, keep, pageSize = PAGE_SIZE }: PageOptions = {}
): AsyncGenerator<StoredSubmission[]> {
	let after: string | undefined;
	for (;;) {
		let page = await store.submissionPage(formId, after, pageSize);
		const end = through === undefined ? -1 : page.findIndex((s) => s.id === through);
		if (end >= 0) page = page.slice(0, end + 1);
		if (page.length === 0) return;
		after = page.at(-1)!.id;
		yield keep ? page.filter(keep) : page;
		if (end >= 0 || page.length < pageSize) return;
		await turn();
	}
}
