import { json } from '@sveltejs/kit';
import { hashToken, newToken } from '$lib/server/auth';
import { adminOnly, readRequest, serverOrigin } from '$lib/server/guard';
import { getStore } from '$lib/server/db';
import { MAX_ADMIN_BODY_BYTES, newEnumeratorSchema, type CreatedEnumerator, type EnumeratorView } from '$lib/wire';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = adminOnly(async () => json((await (await getStore()).listEnumerators()) satisfies EnumeratorView[]));

/** Makes an enumerator and its token, shown once in the answer and in the setup link. */
export const POST: RequestHandler = adminOnly(async (event) => {
	const body = await readRequest(event.request, newEnumeratorSchema, MAX_ADMIN_BODY_BYTES);
	if (body instanceof Response) return body;
	const token = newToken();
	const enumerator = await (await getStore()).createEnumerator(body.name, body.sex, hashToken(token));
	// ORIGIN when set, else where this request came in; never the request's Origin header.
	const origin = serverOrigin(event);
	// The token travels in the fragment: browsers never send it to the server in a request line.
	const setupUrl = `${origin}/setup#token=${token}&server=${encodeURIComponent(origin)}`;
	return json({ id: enumerator.id, name: enumerator.name, sex: body.sex, token, setupUrl } satisfies CreatedEnumerator, { status: 201 });
});
