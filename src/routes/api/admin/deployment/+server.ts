import { json } from '@sveltejs/kit';
import { getStore } from '$lib/server/db';
import { adminOnly, readRequest } from '$lib/server/guard';
import { deploymentInputSchema, MAX_DEPLOYMENT_BODY_BYTES, type DeploymentSettings } from '$lib/wire';
import type { RequestHandler } from './$types';

/**
 * PUT /api/admin/deployment {"institution","contact"}: each {hy,ru,en} or null. 200 the
 * settings as stored (as GET /api/deployment answers them); 400 {error, problems}.
 */
export const PUT: RequestHandler = adminOnly(async ({ request }) => {
	const body = await readRequest(request, deploymentInputSchema, MAX_DEPLOYMENT_BODY_BYTES, true);
	if (body instanceof Response) return body;
	return json((await (await getStore()).setDeployment(body)) satisfies DeploymentSettings);
});
