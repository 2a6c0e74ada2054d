import { json } from '@sveltejs/kit';
import { ADMIN_COOKIE, isAdminToken } from '$lib/server/auth';
import { refuse } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Whether this browser is signed in as admin. */
export const GET: RequestHandler = ({ locals }) => json({ admin: locals.admin });

/** Signs in with the admin token: kept in an HttpOnly, SameSite=Strict cookie. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const body = (await request.json().catch(() => null)) as { token?: unknown } | null;
	const token = typeof body?.token === 'string' ? body.token.trim() : '';
	if (!isAdminToken(token)) return refuse(401, 'that is not the admin token');
	cookies.set(ADMIN_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'strict',
		secure: url.protocol === 'https:',
		maxAge: 60 * 60 * 12
	});
	return json({ admin: true });
};

export const DELETE: RequestHandler = ({ cookies }) => {
	cookies.delete(ADMIN_COOKIE, { path: '/' });
	return new Response(null, { status: 204 });
};
