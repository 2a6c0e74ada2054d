import { json } from '@sveltejs/kit';
import { hashToken, newToken } from '$lib/server/auth';
import { refuse } from '$lib/server/http';
import { getStore } from '$lib/server/store';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => json(await (await getStore()).listEnumerators());

/** Makes an enumerator and its token, shown once in the answer and in the setup link. */
export const POST: RequestHandler = async ({ request, url }) => {
	const body = (await request.json().catch(() => null)) as { name?: unknown } | null;
	const name = typeof body?.name === 'string' ? body.name.trim() : '';
	if (!name || name.length > 100 || name.includes('\0')) return refuse(400, 'name: give the enumerator a name of 1 to 100 characters');
	const token = newToken();
	const enumerator = await (await getStore()).createEnumerator(name, hashToken(token));
	// The server as the supervisor's browser reaches it (behind a proxy too), else as configured.
	const origin = request.headers.get('origin') ?? url.origin;
	// The token travels in the fragment: browsers never send it to the server in a request line.
	const setupUrl = `${origin}/setup#token=${token}&server=${encodeURIComponent(origin)}`;
	return json({ id: enumerator.id, name: enumerator.name, token, setupUrl }, { status: 201 });
};
