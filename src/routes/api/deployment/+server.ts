import { json } from '@sveltejs/kit';
import { getStore } from '$lib/server/db';
import { adminOrEnumerator } from '$lib/server/guard';
import type { DeploymentSettings } from '$lib/wire';
import type { RequestHandler } from './$types';

/** The deployment settings labels may cite (institution, contact): tablets keep them for their interviews. */
export const GET: RequestHandler = async (event) => {
	const refused = await adminOrEnumerator(event);
	if (refused) return refused;
	return json((await (await getStore()).getDeployment()) satisfies DeploymentSettings);
};
