import { getRegistry } from '$lib/server/forms';
import { adminOrEnumerator } from '$lib/server/guard';
import { refuse } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** A published definition, exactly the JSON text that was published. */
export const GET: RequestHandler = async (event) => {
	const refused = await adminOrEnumerator(event);
	if (refused) return refused;
	const found = await (await getRegistry()).find(event.params.id, event.params.version);
	if (!found) return refuse(404, `no form "${event.params.id}" version "${event.params.version}"`);
	return new Response(found.text, { headers: { 'content-type': 'application/json' } });
};
