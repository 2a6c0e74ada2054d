import type { Handle, ServerInit } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { ADMIN_COOKIE, bearer, initAdminToken, isAdminToken } from '$lib/server/auth';
import { refuse } from '$lib/server/http';
import { dataDir, getStore } from '$lib/server/store';

export const init: ServerInit = async () => {
	initAdminToken(dataDir(), env.ADMIN_TOKEN);
	await getStore();
};

/** Every /api/admin/... route (the export included) needs the admin token, by header or cookie. */
export const handle: Handle = async ({ event, resolve }) => {
	const path = event.url.pathname;
	event.locals.admin = isAdminToken(bearer(event.request) ?? event.cookies.get(ADMIN_COOKIE));
	if (path.startsWith('/api/admin/') && path !== '/api/admin/session' && !event.locals.admin) {
		return refuse(401, 'admin rights are needed: sign in at /admin, or send Authorization: Bearer <admin token>');
	}
	return resolve(event);
};
