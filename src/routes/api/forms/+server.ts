import { json } from '@sveltejs/kit';
import { getRegistry } from '$lib/server/forms';
import { adminOrEnumerator } from '$lib/server/guard';
import type { FormList } from '$lib/wire';
import type { RequestHandler } from './$types';

/** The published form versions, oldest first, so a device can fetch the ones it lacks: the newest of a form is its last. */
export const GET: RequestHandler = async (event) => {
	const refused = await adminOrEnumerator(event);
	if (refused) return refused;
	return json((await (await getRegistry()).list()) satisfies FormList);
};
