import { json } from '@sveltejs/kit';
import { adminOnly, readRequest } from '$lib/server/guard';
import { refuse } from '$lib/server/http';
import { getStore } from '$lib/server/db';
import { enumeratorChangeSchema, MAX_ADMIN_BODY_BYTES, type EnumeratorView } from '$lib/wire';
import type { RequestHandler } from './$types';

/** Changes an enumerator's name or sex: submissions already received keep the sex they arrived with. */
export const PATCH: RequestHandler = adminOnly(async ({ params, request }) => {
	const change = await readRequest(request, enumeratorChangeSchema, MAX_ADMIN_BODY_BYTES);
	if (change instanceof Response) return change;
	const enumerator = await (await getStore()).updateEnumerator(params.id, change);
	return enumerator ? json(enumerator satisfies EnumeratorView) : refuse(404, 'no enumerator with that id');
});

/** Revokes at once: the next request with that token is a 401, on every instance. */
export const DELETE: RequestHandler = adminOnly(async ({ params }) => {
	const revoked = await (await getStore()).revokeEnumerator(params.id);
	return revoked ? new Response(null, { status: 204 }) : refuse(404, 'no active enumerator with that id');
});
