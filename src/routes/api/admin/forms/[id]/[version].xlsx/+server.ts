import { getRegistry } from '$lib/server/forms';
import { workbookOf } from '$lib/server/forms-xlsform';
import { adminOnly } from '$lib/server/guard';
import { refuse } from '$lib/server/http';
import { XLSX_TYPE } from '$lib/wire';
import type { RequestHandler } from './$types';

/**
 * GET /api/admin/forms/<id>/<version>.xlsx: a published version as an XLSForm workbook that
 * ODK tools read and that, published again unchanged, is the same content (200).
 */
export const GET: RequestHandler = adminOnly(async ({ params }) => {
	const workbook = await workbookOf(await getRegistry(), params.id, params.version);
	if (!workbook) return refuse(404, `form "${params.id}" has no published version "${params.version}"`);
	const file = `${params.id}-${params.version}.xlsx`.replace(/[^A-Za-z0-9_.-]/g, '_');
	return new Response(Buffer.from(workbook), {
		headers: {
			'content-type': XLSX_TYPE,
			'content-disposition': `attachment; filename="${file}"`,
			'cache-control': 'no-store'
		}
	});
});
