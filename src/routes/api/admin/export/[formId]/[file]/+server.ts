import { exportTables, tableFile } from '$lib/server/csv';
import { storeSource, tableStream } from '$lib/server/export-source';
import { adminOnly } from '$lib/server/guard';
import { refuse } from '$lib/server/http';
import { getStore } from '$lib/server/db';
import { getRegistry } from '$lib/server/forms';
import type { RequestHandler } from './$types';

/**
 * GET /api/admin/export/<formId>/<formId>.csv: a row per submission;
 * GET /api/admin/export/<formId>/<formId>-<repeat>.csv: a row per entry of that repeat.
 * `?codes=cb` writes questions not asked as -7 / -9 (Caucasus Barometer) instead of empty.
 * The columns are those of every published version of the form, in publication order: a
 * question a later version adds gets its column, empty in rows of earlier versions.
 */
export const GET: RequestHandler = adminOnly(async ({ params, url }) => {
	const versions = await (await getRegistry()).versionsOf(params.formId);
	const table = [...exportTables(versions).keys()].find((t) => tableFile(params.formId, t) === params.file);
	if (versions.length === 0 || table === undefined) return refuse(404, `no export "${params.file}" for form "${params.formId}"`);
	const store = await getStore();
	const [{ source }, enumerators] = await Promise.all([storeSource(store, params.formId), store.listEnumerators()]);
	const pieces = tableStream(versions, table, source, {
		caucasusBarometerCodes: url.searchParams.get('codes') === 'cb',
		enumerators: new Map(enumerators.map((e) => [e.id, e.name]))
	});
	// Read from the store a page at a time, as fast as the client reads.
	const encoder = new TextEncoder();
	const csv = new ReadableStream<Uint8Array>({
		async pull(controller) {
			const next = await pieces.next();
			if (next.done) controller.close();
			else controller.enqueue(encoder.encode(next.value));
		},
		async cancel() {
			await pieces.return(undefined);
		}
	});
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${params.file}"`,
			'cache-control': 'no-store'
		}
	});
});
