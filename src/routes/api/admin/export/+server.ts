import { json } from '@sveltejs/kit';
import { exportTables, tableFile } from '$lib/server/csv';
import { getRegistry } from '$lib/server/forms';
import { adminOnly } from '$lib/server/guard';
import type { ExportFiles } from '$lib/wire';
import type { RequestHandler } from './$types';

/** GET /api/admin/export: the CSV files of every published form (all its versions merged), the main table first. */
export const GET: RequestHandler = adminOnly(async () => {
	const registry = await getRegistry();
	const ids = [...new Set((await registry.list()).map((f) => f.id))];
	const files = await Promise.all(
		ids.map(async (formId) => ({
			formId,
			files: [...exportTables(await registry.versionsOf(formId)).keys()].map((table) => tableFile(formId, table))
		}))
	);
	return json(files satisfies ExportFiles);
});
