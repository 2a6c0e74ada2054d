import type { Handle, RequestEvent, ServerInit } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { sessionName, SESSION_COOKIE } from '$lib/server/admin-session';
import { bearer, initAdminToken, isAdminToken } from '$lib/server/auth';
import { isAdminRoute, NEEDS_ADMIN, serverOrigin, SIGN_IN_ROUTE } from '$lib/server/guard';
import { refuse } from '$lib/server/http';
import { dataDir, getStore } from '$lib/server/db';
import { getRegistry } from '$lib/server/forms';
import { flagUnflagged } from '$lib/server/quality/run';
import { serverForms } from '$lib/server/quality/server';

export const init: ServerInit = async () => {
	initAdminToken(dataDir(), env.ADMIN_TOKEN);
	// The questionnaires built into the app are always published (again: the same content changes nothing).
	await (await getRegistry()).publishBuiltIn();
	// Submissions never flagged (stored before the data-quality flags, or their flagging failed) are flagged in the background.
	void flagUnflagged(await getStore(), await serverForms());
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Admin rights from the bearer admin token, else from a live sign-in session (the cookie). */
async function authenticate(event: RequestEvent): Promise<void> {
	const token = bearer(event.request);
	if (token !== undefined) {
		// A bearer request is authorized by its token alone; a cookie beside it counts for nothing.
		if (isAdminToken(token)) {
			event.locals.admin = true;
			event.locals.adminName = 'admin token';
		}
		return;
	}
	const sessionId = event.cookies.get(SESSION_COOKIE);
	if (!sessionId || sessionId.length > 100) return;
	const name = await sessionName(await getStore(), sessionId);
	if (name === undefined) return;
	event.locals.admin = true;
	event.locals.adminName = name;
	event.locals.bySession = true;
}

/**
 * Admin rights are decided by the route that will run (event.route.id), never by the URL's
 * spelling; each admin handler checks again (adminOnly). A state-changing request that the
 * session cookie authorizes must come from this server's own pages (Origin), whatever its
 * content type; bearer-token requests carry no ambient authority and skip that check.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const routeId = event.route.id;
	event.locals.admin = false;
	event.locals.adminName = null;
	event.locals.bySession = false;
	if (routeId !== null) await authenticate(event);
	if (isAdminRoute(routeId) && routeId !== SIGN_IN_ROUTE && !event.locals.admin) return refuse(401, NEEDS_ADMIN);
	if (event.locals.bySession && !SAFE_METHODS.has(event.request.method) && event.request.headers.get('origin') !== serverOrigin(event)) {
		return refuse(403, 'this request must come from the admin page of this server (its Origin did not match)');
	}
	return resolve(event);
};
