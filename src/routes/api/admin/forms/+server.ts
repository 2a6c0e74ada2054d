import { json } from '@sveltejs/kit';
import { readJsonBody } from '$lib/server/body';
import { getRegistry } from '$lib/server/forms';
import { adminOnly } from '$lib/server/guard';
import { refuse } from '$lib/server/http';
import { MAX_FORM_BODY_BYTES } from '$lib/wire';
import type { RequestHandler } from './$types';

/**
 * POST /api/admin/forms: publishes a questionnaire version, its definition as the body.
 * 201 {id, version} published; 200 the same id, version and content again; 409 the same id
 * and version with other content; 400 {error, problems} when the compiler refuses it.
 */
export const POST: RequestHandler = adminOnly(async ({ request }) => {
	const body = await readJsonBody(request, MAX_FORM_BODY_BYTES);
	if (!body.ok) return refuse(body.status, body.message);
	const result = await (await getRegistry()).publish(body.text);
	return json(result.body, { status: result.status });
});
