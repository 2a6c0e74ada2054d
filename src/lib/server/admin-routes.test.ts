/**
 * Every handler under src/routes/api/admin answers 401 when the request has no admin rights,
 * even if it were reached without the hook: each one guards itself. The routes are found
 * from the file tree, so a route added tomorrow is covered the day it is added.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RequestEvent } from '@sveltejs/kit';

const ROOT = 'src/routes/api/admin';
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'fallback'] as const;
type Handler = (event: RequestEvent) => Response | Promise<Response>;

const onDisk = (readdirSync(ROOT, { recursive: true, encoding: 'utf8' }) as string[])
	.filter((f) => f.endsWith('+server.ts'))
	.map((f) => `/${join(ROOT, f)}`)
	.sort();
const modules = import.meta.glob<Record<string, unknown>>('/src/routes/api/admin/**/+server.ts');

/** A request without admin rights, as the hook would have left it. */
function event(file: string, method: string): RequestEvent {
	const url = new URL('http://127.0.0.1:3000/api/admin/x');
	const body = method === 'GET' || method === 'HEAD' ? undefined : JSON.stringify({ name: 'Intruder', token: 'guess' });
	return {
		locals: { admin: false, adminName: null, bySession: false },
		params: { id: crypto.randomUUID(), formId: 'household_migration', file: 'household_migration.csv' },
		request: new Request(url, {
			method: method === 'fallback' ? 'PUT' : method,
			body,
			headers: body ? { 'content-type': 'application/json' } : {}
		}),
		url,
		route: {
			id: relative('/src/routes', file)
				.replace(/\/\+server\.ts$/, '')
				.replace(/^/, '/')
		},
		cookies: { get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, serialize: () => '' },
		getClientAddress: () => '127.0.0.1',
		fetch,
		isDataRequest: false,
		isSubRequest: false,
		isRemoteRequest: false,
		platform: undefined,
		setHeaders: () => {},
		tracing: { enabled: false, root: undefined, current: undefined }
	} as unknown as RequestEvent;
}

describe('admin handlers guard themselves', () => {
	it('the glob sees exactly the route files on disk', () => {
		expect(Object.keys(modules).sort()).toEqual(onDisk);
		expect(onDisk.length).toBeGreaterThanOrEqual(5);
	});

	for (const file of onDisk.filter((f) => !f.includes('/session/'))) {
		it(`${file.replace('/src/routes', '')}: every exported method answers 401 without admin rights`, async () => {
			const module = await modules[file]();
			const handlers = METHODS.filter((m) => typeof module[m] === 'function');
			expect(handlers.length).toBeGreaterThan(0);
			for (const method of handlers) {
				const response = await (module[method] as Handler)(event(file, method));
				expect({ method, status: response.status }).toEqual({ method, status: 401 });
				expect(await response.json()).toEqual({ error: expect.stringMatching(/admin rights are needed/) });
			}
		});
	}

	it('the sign-in route says "not signed in" and grants nothing', async () => {
		const module = await modules['/src/routes/api/admin/session/+server.ts']();
		const response = await (module.GET as Handler)(event('/src/routes/api/admin/session/+server.ts', 'GET'));
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ admin: false });
	});
});
