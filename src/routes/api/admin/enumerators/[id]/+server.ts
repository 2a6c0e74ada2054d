import { adminOnly } from '$lib/server/guard';
import { refuse } from '$lib/server/http';
import { getStore } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Revokes at once: the next request with that token is a 401, on every instance. */
export const DELETE: RequestHandler = adminOnly(async ({ params }) => {
	const revoked = await (await getStore()).revokeEnumerator(params.id);
	return revoked ? new Response(null, { status: 204 }) : refuse(404, 'no active enumerator with that id');
});
