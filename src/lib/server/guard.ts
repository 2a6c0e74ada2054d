/**
 * Who may run a route, decided by the route that runs (event.route.id), never by the URL as
 * spelled: SvelteKit routes on the decoded path, so `/api/%61dmin/…` runs the admin route.
 * The hook refuses early; every admin handler is also wrapped in `adminOnly`, so a handler
 * that somehow ran without the hook still answers 401.
 */
import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import type { TLSSocket } from 'node:tls';
import { env } from '$env/dynamic/private';
import type * as z from 'zod/mini';
import { readJsonBody } from './body';
import { authenticateEnumerator } from './enumerator';
import { refuse } from './http';
import type { Enumerator } from './storage/types';

const ADMIN_ROUTES = /^\/api\/admin(\/|$)/;
/** Reachable without rights: it is where one signs in and out (it grants nothing by itself). */
export const SIGN_IN_ROUTE = '/api/admin/session';

export const isAdminRoute = (routeId: string | null): boolean => routeId !== null && ADMIN_ROUTES.test(routeId);

export const NEEDS_ADMIN = 'admin rights are needed: sign in at /admin, or send Authorization: Bearer <admin token>';

/** Wraps an admin handler: without admin rights (the hook's decision, in locals) it answers 401. */
export function adminOnly<E extends RequestEvent>(handler: (event: E) => Response | Promise<Response>) {
	return ((event: E) => (event.locals.admin ? handler(event) : refuse(401, NEEDS_ADMIN))) as RequestHandler &
		((event: E) => Promise<Response> | Response);
}

/** For routes open to admins and enumerators alike: undefined when allowed, else the 401 to answer. */
export async function adminOrEnumerator(event: RequestEvent): Promise<Response | undefined> {
	if (event.locals.admin) return undefined;
	const enumerator: Enumerator | Response = await authenticateEnumerator(event);
	return enumerator instanceof Response ? enumerator : undefined;
}

/**
 * This server's public origin: ORIGIN when set; else the scheme and host the request came
 * in on (adapter-node alone would say https for a plain-http server). Behind a proxy that
 * sets PROTOCOL_HEADER, adapter-node's own reading of it is used.
 */
export function serverOrigin(event: RequestEvent): string {
	if (env.ORIGIN) return new URL(env.ORIGIN).origin;
	if (env.PROTOCOL_HEADER) return event.url.origin;
	const socket = event.platform?.req?.socket as TLSSocket | undefined;
	return `${socket?.encrypted ? 'https' : 'http'}://${event.url.host}`;
}

/** Cookies get `Secure` whenever the public origin is https. */
export const secureCookies = (event: RequestEvent): boolean => serverOrigin(event).startsWith('https:');

/**
 * Reads a small JSON body and checks it with the wire schema; a Response is the refusal to
 * answer. With `listProblems`, a 400 also lists every problem (`{"error","problems":[{path,message}]}`).
 */
export async function readRequest<T>(
	request: Request,
	schema: z.ZodMiniType<T>,
	limit: number,
	listProblems = false
): Promise<T | Response> {
	const body = await readJsonBody(request, limit);
	if (!body.ok) return refuse(body.status, body.message);
	const invalid = (error: string, problems: { path: string; message: string }[]) =>
		listProblems ? json({ error, problems }, { status: 400 }) : refuse(400, error);
	let value: unknown;
	try {
		value = JSON.parse(body.text);
	} catch {
		return invalid('the request body is not valid JSON', [{ path: '', message: 'not valid JSON' }]);
	}
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	const said = (issue: (typeof parsed.error.issues)[number]) =>
		issue.path.length && !issue.message.includes(':') ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
	return invalid(
		said(parsed.error.issues[0]),
		parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: said(i) }))
	);
}
