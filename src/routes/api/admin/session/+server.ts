import { json } from '@sveltejs/kit';
import { endSession, SESSION_COOKIE, SESSION_MAX_MS, sessionCookieOptions, startSession } from '$lib/server/admin-session';
import { isAdminToken } from '$lib/server/auth';
import { readRequest, secureCookies } from '$lib/server/guard';
import { refuse } from '$lib/server/http';
import { noteFailedSignIn, signInWait } from '$lib/server/sign-in-limit';
import { getStore } from '$lib/server/db';
import { MAX_ADMIN_BODY_BYTES, signInSchema, type SessionState } from '$lib/wire';
import type { RequestHandler } from './$types';

/*
 * The one admin route open without admin rights: signing in and out. GET says whether this
 * browser is signed in; POST signs in; DELETE signs out. None of them grants anything by itself.
 */

export const GET: RequestHandler = ({ locals }) =>
	json((locals.admin ? { admin: true, name: locals.adminName ?? undefined } : { admin: false }) satisfies SessionState);

/** Signs in with the admin token and the supervisor's name: a new server-side session, its id in the cookie. */
export const POST: RequestHandler = async (event) => {
	const store = await getStore();
	const address = event.getClientAddress();
	const wait = await signInWait(store, address);
	if (wait !== undefined) {
		return refuse(429, `too many failed sign-ins from this address: try again in ${Math.ceil(wait / 60)} min`, {
			'retry-after': String(wait)
		});
	}
	const body = await readRequest(event.request, signInSchema, MAX_ADMIN_BODY_BYTES);
	if (body instanceof Response) return body;
	if (!isAdminToken(body.token.trim())) {
		await noteFailedSignIn(store, address);
		return refuse(401, 'that is not the admin token');
	}
	const id = await startSession(store, body.name);
	event.cookies.set(SESSION_COOKIE, id, { ...sessionCookieOptions(secureCookies(event)), maxAge: SESSION_MAX_MS / 1000 });
	return json({ admin: true, name: body.name } satisfies SessionState);
};

/** Signs out: the session ends on the server and the cookie goes, whoever asks. */
export const DELETE: RequestHandler = async (event) => {
	await endSession(await getStore(), event.cookies, secureCookies(event));
	return new Response(null, { status: 204 });
};
