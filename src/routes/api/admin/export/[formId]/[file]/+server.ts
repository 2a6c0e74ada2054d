import { error } from '@sveltejs/kit';
import { formVersions } from '$lib/forms';
import { submissionsCsv } from '$lib/server/csv';
import { getStore } from '$lib/server/store';
import type { RequestHandler } from './$types';

/** GET /api/admin/export/<formId>/<formId>.csv: every submission of the form. */
export const GET: RequestHandler = async ({ params }) => {
	const versions = formVersions(params.formId);
	if (params.file !== `${params.formId}.csv` || versions.length === 0) {
		error(404, `no export for form "${params.formId}"`);
	}
	const rows = await getStore().listSubmissions(params.formId);
	return new Response(submissionsCsv(versions, rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${params.formId}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
