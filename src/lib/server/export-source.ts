/**
 * Where an export reads its submissions: the store, page by page in the order received,
 * the filters applied as pages arrive (storage/pages.ts), read anew for each file that has
 * a row per submission or entry, and every read ending at the submission that was newest
 * when the export began, so the files of one archive agree.
 */
import type { CompiledForm } from '$lib/form';
import { csvHeader, csvRecords, exportColumns, tableRows, type ExportOptions } from './csv';
import { submissionPages } from './storage/pages';
import type { Store, StoredSubmission } from './storage/types';

/** Pages of submissions, each read afresh when called; an array is one page (tests, small exports). */
export type SubmissionSource =
	readonly StoredSubmission[] | (() => AsyncIterable<readonly StoredSubmission[]> | Iterable<readonly StoredSubmission[]>);

export const pagesOf = (source: SubmissionSource) => (typeof source === 'function' ? source() : [source]);

/** A turn of the event loop for whatever else is waiting (other requests). */
export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface StoreSource {
	source: SubmissionSource;
	/** How many submissions the export holds, the filters applied. */
	count: number;
}

/**
 * A form's submissions in the store as an export reads them. The count is the store's own
 * when nothing is filtered; with filters it takes one read of the pages (they are tested
 * in JavaScript: the day in the server's time zone, a settlement's code across versions).
 */
export async function storeSource(
	store: Pick<Store, 'submissionPage' | 'countSubmissions'>,
	formId: string,
	keep?: (s: StoredSubmission) => boolean,
	pageSize?: number
): Promise<StoreSource> {
	const { count, last } = await store.countSubmissions(formId);
	const source = () => (last === undefined ? [] : submissionPages(store, formId, { through: last, keep, pageSize }));
	if (!keep) return { source, count };
	let kept = 0;
	for await (const page of source()) kept += page.length;
	return { source, count: kept };
}

/** One table as CSV text in pieces, a page of submissions at a time (the single-table URLs). */
export async function* tableStream(
	versions: readonly CompiledForm[],
	table: string,
	source: SubmissionSource,
	options: ExportOptions = {}
): AsyncGenerator<string> {
	const columns = exportColumns(versions, table, options);
	yield csvHeader(columns);
	for await (const page of pagesOf(source)) {
		const text = csvRecords(tableRows(versions, table, page), columns);
		if (text) yield text;
		await turn();
	}
}
