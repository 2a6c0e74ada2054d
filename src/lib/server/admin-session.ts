/**
 * Supervisors' sign-in sessions. Signing in with the admin token and a name makes a random
 * session id: the browser keeps it in an HttpOnly, SameSite=Strict cookie, the store keeps
 * only its hash, with the name, the admin token it was made under, and its times. A session
 * ends 12 hours after sign-in, after 2 hours unused, at sign-out, or when ADMIN_TOKEN changes.
 * Everything lives in the store, so every instance on one PostgreSQL knows every session.
 */
import type { Cookies } from '@sveltejs/kit';
import { adminTokenFingerprint, hashToken, newToken } from './auth';
import type { Store } from './storage/types';

export const SESSION_COOKIE = 'tun_session';
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;

const iso = (ms: number) => new Date(ms).toISOString();

/** The cookie's attributes, the same when it is set and when it is deleted. */
export function sessionCookieOptions(secure: boolean) {
	return { path: '/', httpOnly: true, sameSite: 'strict', secure } as const;
}

/** Makes a session for `name` and returns its id (for the cookie only: the store keeps the hash). */
export async function startSession(store: Store, name: string, now = Date.now()): Promise<string> {
	const id = newToken();
	await store.createAdminSession(
		{
			idHash: hashToken(id),
			name,
			tokenFingerprint: adminTokenFingerprint(),
			createdAt: iso(now),
			expiresAt: iso(now + SESSION_MAX_MS)
		},
		iso(now - SESSION_IDLE_MS)
	);
	return id;
}

/** The supervisor's name when `id` is a session that may be used now; using it keeps it alive. */
export async function sessionName(store: Store, id: string, now = Date.now()): Promise<string | undefined> {
	const found = await store.useAdminSession(hashToken(id), {
		now: iso(now),
		idleSince: iso(now - SESSION_IDLE_MS),
		tokenFingerprint: adminTokenFingerprint()
	});
	return found?.name;
}

/** Signs out: the session is gone from the store and the cookie from the browser. */
export async function endSession(store: Store, cookies: Cookies, secure: boolean): Promise<void> {
	const id = cookies.get(SESSION_COOKIE);
	if (id) await store.deleteAdminSession(hashToken(id));
	cookies.delete(SESSION_COOKIE, sessionCookieOptions(secure));
}
