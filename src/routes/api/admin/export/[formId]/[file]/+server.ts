import { error } from '@sveltejs/kit';
import { formVersions } from '$lib/forms';
import { exportTables, tableCsv, tableFile } from '$lib/server/csv';
import { getStore } from '$lib/server/store';
import type { RequestHandler } from './$types';

/**
 * GET /api/admin/export/<formId>/<formId>.csv: a row per submission;
 * GET /api/admin/export/<formId>/<formId>-<repeat>.csv: a row per entry of that repeat.
 */
export const GET: RequestHandler = async ({ params }) => {
	const versions = formVersions(params.formId);
	const table = [...exportTables(versions).keys()].find((t) => tableFile(params.formId, t) === params.file);
	if (versions.length === 0 || table === undefined) error(404, `no export "${params.file}" for form "${params.formId}"`);
	const rows = await (await getStore()).listSubmissions(params.formId);
	return new Response(tableCsv(versions, table, rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${params.file}"`,
			'cache-control': 'no-store'
		}
	});
};
