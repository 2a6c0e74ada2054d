import { adminOnly } from '$lib/server/guard';
import { refuse } from '$lib/server/http';
import { getStore } from '$lib/server/db';
import { getRegistry } from '$lib/server/forms';
import { archiveNames, archiveOptions, archiveStream } from '$lib/server/export-zip';
import { storeSource } from '$lib/server/export-source';
import { filterParams, submissionFilter } from '$lib/server/export-filter';
import type { RequestHandler } from './$types';

/**
 * GET /api/admin/export/<formId>/<formId>.zip: the export archive in ODK Central's layout
 * (src/lib/server/export-zip.ts). Options as query parameters: `labels=<one of the form's languages>`,
 * `codes=cb`, `bom=1`, `identifying=0`, `split_multiple=1`, `split_geo=1`; filters `from`, `to`,
 * `enumerator`, `settlement`, `review` (export-filter.ts); `400` for a value they do not take.
 * The submissions are read from the store a page at a time for each file (export-source.ts),
 * and only when the client reads on. `x-tun-submissions` says how many the archive holds,
 * `x-tun-files` names its files in the order they come.
 */
export const GET: RequestHandler = adminOnly(async ({ params, url }) => {
	const versions = await (await getRegistry()).versionsOf(params.formId);
	if (versions.length === 0 || params.zip !== `${params.formId}.zip`)
		return refuse(404, `no export "${params.zip}" for form "${params.formId}"`);
	const options = archiveOptions(url.searchParams, versions);
	if (typeof options === 'string') return refuse(400, options);
	const keep = submissionFilter(url.searchParams, versions);
	if (typeof keep === 'string') return refuse(400, keep);
	const filtered = filterParams.some((p) => url.searchParams.has(p));
	const store = await getStore();
	const [{ source, count }, enumerators] = await Promise.all([
		storeSource(store, params.formId, filtered ? keep : undefined),
		store.listEnumerators()
	]);
	const archive = { ...options, enumerators: new Map(enumerators.map((e) => [e.id, e.name])) };
	const pieces = archiveStream(versions, source, archive);
	// Pulled piece by piece: the archive is made as fast as the client reads it.
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			const next = await pieces.next();
			if (next.done) controller.close();
			else controller.enqueue(next.value);
		},
		async cancel() {
			await pieces.return(undefined);
		}
	});
	return new Response(body, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${params.zip}"`,
			'cache-control': 'no-store',
			// For the admin page's progress: how many submissions, and the files in the order written.
			'x-tun-submissions': String(count),
			'x-tun-files': archiveNames(versions, archive).join(',')
		}
	});
});
