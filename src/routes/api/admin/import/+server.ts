import { json } from '@sveltejs/kit';
import { readJsonBody } from '$lib/server/body';
import { getStore } from '$lib/server/db';
import { getRegistry } from '$lib/server/forms';
import { adminOnly } from '$lib/server/guard';
import { refuse } from '$lib/server/http';
import { importBackup } from '$lib/server/import';
import { flagOnArrival } from '$lib/server/quality/server';
import { checkBatchOffThread, ValidationBusy } from '$lib/server/validation/pool';
import { MAX_IMPORT_BODY_BYTES } from '$lib/wire';
import type { RequestHandler } from './$types';

/**
 * POST /api/admin/import: a tablet's backup file as the JSON body (at most 100 MB, refused
 * with 413 while it is read). 200 {results, drafts}; 400 {error, problems} for a bad file
 * or an enumerator this server does not know; 415 for another media type.
 */
export const POST: RequestHandler = adminOnly(async ({ request }) => {
	const body = await readJsonBody(request, MAX_IMPORT_BODY_BYTES);
	if (!body.ok) return refuse(body.status, body.message);
	const registry = await getRegistry();
	try {
		const check = (text: string) => checkBatchOffThread(text, (refs) => registry.texts(refs));
		const result = await importBackup(body.text, await getStore(), check, await flagOnArrival());
		return json(result.body, { status: result.status });
	} catch (error) {
		if (!(error instanceof ValidationBusy)) throw error;
		return refuse(503, 'the server is busy checking other interviews: try again in a few seconds', { 'retry-after': '5' });
	}
});
