/**
 * No spelling of a path and no credential but the admin's reaches an admin handler with
 * admin rights. The routes come from the file tree under src/routes/api/admin, so a route
 * added tomorrow is tried here the day it is added; each is tried with every method it
 * exports, with no credential, an enumerator token, a revoked token, a forged session
 * cookie and an old-style cookie, and through many spellings of its path sent raw.
 */
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { revisedHousehold } from '../support/forms';
import { rawRequest, TEST_ADMIN_TOKEN, testServer, type RawResponse, type TestServer } from '../support/server';

const ROOT = 'src/routes/api/admin';
const SIGN_IN = '/api/admin/session';

interface Route {
	id: string;
	methods: string[];
}

const routes: Route[] = (readdirSync(ROOT, { recursive: true, encoding: 'utf8' }) as string[])
	.filter((f) => f.endsWith('+server.ts'))
	.map((f) => ({
		id: `/${join(ROOT, f)}`.replace('/src/routes', '').replace(/\/\+server\.ts$/, ''),
		methods: [...readFileSync(join(ROOT, f), 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1])
	}));

/** Ways to write one path that a server might route to the same handler. */
export function spellings(path: string): string[] {
	const [, first, ...rest] = path.split('/'); // '', 'api', 'admin', …
	const tail = rest.join('/');
	const lastDot = path.lastIndexOf('/');
	const encodeFirstLetter = (segment: string) => `%${segment.charCodeAt(0).toString(16)}${segment.slice(1)}`;
	return [
		`/${first}/${encodeFirstLetter(tail)}`, // /api/%61dmin/…
		`/${first}/${tail.replace('admin', 'adm%69n')}`, // /api/adm%69n/…
		`/${encodeFirstLetter(first)}/${tail}`, // /%61pi/admin/…
		`${path.slice(0, lastDot + 1)}${encodeFirstLetter(path.slice(lastDot + 1))}`, // last segment's first letter encoded
		`/${first}/${tail.replace('admin', '%41DMIN')}`, // /api/%41DMIN/… (case)
		`/${first}//${tail}`,
		`/${path}`,
		`${path}/`,
		`${path}//`,
		`/${first}/./${tail}`,
		`/${first}/x/../${tail}`,
		`/${first}/%2e/${tail}`,
		`/${first}/x/%2e%2e/${tail}`,
		`/${first}%2f${tail}`,
		`/${first}/${tail.replace('admin/', 'admin%2f')}`,
		`${path};x=1`,
		`${path}%00`,
		`/${first.toUpperCase()}/${tail.toUpperCase()}`
	];
}

// One server for the whole file: the last test checks what the others did to it.
test.describe.configure({ mode: 'serial' });

let server: TestServer;
let enumeratorToken: string;
let revokedToken: string;
let victimId: string;
/** A stored submission: what the submission routes would review if a request got through. */
let submissionId: string;

const asAdmin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' };

test.beforeAll(async () => {
	server = await testServer();
	await server.start();
	const make = async (name: string) =>
		JSON.parse(
			(await rawRequest(server.port, 'POST', '/api/admin/enumerators', asAdmin, JSON.stringify({ name, sex: 'female' }))).body
		) as {
			id: string;
			token: string;
		};
	enumeratorToken = (await make('Active enumerator')).token;
	const revoked = await make('Revoked enumerator');
	revokedToken = revoked.token;
	expect((await rawRequest(server.port, 'DELETE', `/api/admin/enumerators/${revoked.id}`, asAdmin)).status).toBe(204);
	victimId = (await make('Must stay active')).id;
	submissionId = crypto.randomUUID();
	const refusal = {
		id: submissionId,
		formId: 'household_migration',
		formVersion: '2026-12-01',
		deviceId: 'admin-routes',
		startedAt: '2026-11-30T08:00:00Z',
		finalizedAt: '2026-11-30T08:15:00Z',
		language: 'hy',
		answers: { site_type: 'armenia', settlement: 'other', settlement_other: 'Test', consent: 'no' }
	};
	const sent = await rawRequest(
		server.port,
		'POST',
		'/api/submissions',
		{ authorization: `Bearer ${enumeratorToken}`, 'content-type': 'application/json' },
		JSON.stringify({ submissions: [refusal] })
	);
	expect(sent.status).toBe(200);
});
test.afterAll(() => server.dispose());

/** The path of a route with its parameters filled in: things that exist, so a granted request would act. */
const concrete = (id: string) =>
	id
		.replace('/api/admin/forms/[id]/[version]', '/api/admin/forms/household_migration/2026-12-01')
		.replace('[formId]', 'household_migration')
		.replace('[file]', 'household_migration.csv')
		.replace('[zip=zip]', 'household_migration.zip')
		.replace('[id]', id.startsWith('/api/admin/submissions/') ? submissionId : victimId);

const body = JSON.stringify({ name: 'Intruder', sex: 'male', token: 'not-the-admin-token' });
const intruded = { hy: 'Ներխուժող', ru: 'Взломщик', en: 'Intruder' };
/** What each route would act on if it were reached: a form route gets a definition it would publish, settings ones settings. */
const bodyFor = (route: string) =>
	route === '/api/admin/forms'
		? JSON.stringify(revisedHousehold('2099-12-31'))
		: route === '/api/admin/deployment'
			? JSON.stringify({ institution: intruded, contact: intruded })
			: route.startsWith('/api/admin/submissions/')
				? JSON.stringify({ reviewState: 'rejected', comment: 'Intruder' })
				: route === '/api/admin/import'
					? JSON.stringify(backupNaming(victimId))
					: body;

/** A backup file with one draft, credited to `enumeratorId`: an import that was let through would keep it. */
const backupNaming = (enumeratorId: string) => {
	const id = crypto.randomUUID();
	const draft = {
		id,
		formId: 'household_migration',
		formVersion: '2026-12-01',
		deviceId: 'intruder',
		startedAt: '2026-12-01T08:00:00.000Z',
		updatedAt: '2026-12-01T08:00:00.000Z',
		language: 'en',
		answers: {}
	};
	return {
		format: 'tun-backup',
		version: 1,
		createdAt: '2026-12-01T08:00:00.000Z',
		appVersion: 'intruder',
		deviceId: 'intruder',
		server: null,
		enumerator: { id: enumeratorId, name: 'Must stay active' },
		counts: { draft: 1, finalized: 0, sent: 0 },
		interviews: [{ id, status: 'draft', draft }]
	};
};
const credentials = (): Record<string, Record<string, string>> => ({
	none: {},
	'enumerator token': { authorization: `Bearer ${enumeratorToken}` },
	'revoked token': { authorization: `Bearer ${revokedToken}` },
	'forged session cookie': { cookie: 'tun_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
	'the admin token as a cookie': { cookie: `tun_admin=${TEST_ADMIN_TOKEN}; tun_session=${TEST_ADMIN_TOKEN}` }
});

function send(method: string, path: string, headers: Record<string, string>, payload = body): Promise<RawResponse> {
	const withBody = method !== 'GET' && method !== 'DELETE';
	return rawRequest(
		server.port,
		method,
		path,
		{ ...headers, ...(withBody ? { 'content-type': 'application/json' } : {}), origin: server.origin },
		withBody ? payload : undefined
	);
}

/** Nothing granted: no success, and the sign-in route says "not signed in" or refuses. */
function expectNothingGranted(route: string, method: string, response: RawResponse, what: string) {
	const context = `${method} ${what}: ${response.status} ${response.body.slice(0, 120)}`;
	if (route === SIGN_IN && method === 'GET' && response.status === 200)
		expect(JSON.parse(response.body), context).toEqual({ admin: false });
	else if (route === SIGN_IN && method === 'DELETE' && response.status === 204) expect(response.body, context).toBe('');
	else expect(response.status >= 200 && response.status < 300, context).toBe(false);
	expect(String(response.headers['set-cookie'] ?? ''), context).not.toMatch(/tun_session=[^;]+;.*Max-Age=[1-9]/i);
}

test('the file tree lists the admin routes, and the admin token reaches each of them', async () => {
	expect(routes.map((r) => r.id).sort()).toEqual(
		expect.arrayContaining([
			'/api/admin/conflicts',
			'/api/admin/enumerators',
			'/api/admin/enumerators/[id]',
			'/api/admin/export',
			'/api/admin/export/[formId]/[file]',
			'/api/admin/export/[formId]/[zip=zip]',
			'/api/admin/forms',
			'/api/admin/forms/[id]/[version].xlsx',
			'/api/admin/deployment',
			'/api/admin/submissions',
			'/api/admin/submissions/[id]',
			'/api/admin/import',
			SIGN_IN
		])
	);
	for (const route of routes.filter((r) => r.id !== SIGN_IN)) {
		const response = await rawRequest(server.port, 'GET', concrete(route.id), asAdmin);
		if (route.methods.includes('GET')) expect(response.status, route.id).toBe(200);
	}
});

for (const route of routes) {
	test(`${route.id}: no credential but the admin's, and no spelling of the path, grants admin rights`, async () => {
		expect(route.methods.length).toBeGreaterThan(0);
		for (const method of route.methods) {
			for (const [what, headers] of Object.entries(credentials())) {
				const response = await send(method, concrete(route.id), headers, bodyFor(route.id));
				expectNothingGranted(route.id, method, response, what);
				if (route.id !== SIGN_IN) expect(response.status, `${method} ${what}`).toBe(401);
			}
			const spelled = spellings(concrete(route.id));
			expect(spelled.length).toBeGreaterThanOrEqual(8);
			for (const path of spelled) {
				for (const [what, headers] of Object.entries(credentials()).slice(0, 2)) {
					expectNothingGranted(route.id, method, await send(method, path, headers, bodyFor(route.id)), `${what} ${path}`);
				}
			}
			// The encoded letter reaches the admin route itself, and its guard answers.
			if (route.id !== SIGN_IN) expect((await send(method, spelled[0], {}, bodyFor(route.id))).status, spelled[0]).toBe(401);
		}
	});
}

test('nothing changed: no enumerator was made, changed or revoked, no form version published, no setting set, no submission reviewed by the refused requests', async () => {
	const published = JSON.parse((await rawRequest(server.port, 'GET', '/api/forms', asAdmin)).body) as { id: string; version: string }[];
	expect(published.map((f) => `${f.id} ${f.version}`)).toEqual(['household_migration 2026-12-01', 'household_migration 2026-12-15']);
	const list = JSON.parse((await rawRequest(server.port, 'GET', '/api/admin/enumerators', asAdmin)).body) as {
		id: string;
		name: string;
		revokedAt: string | null;
	}[];
	expect(list.map((e) => e.name).sort()).toEqual(['Active enumerator', 'Must stay active', 'Revoked enumerator']);
	expect(list.find((e) => e.id === victimId)?.revokedAt).toBeNull();
	const settings = JSON.parse((await rawRequest(server.port, 'GET', '/api/deployment', asAdmin)).body) as unknown;
	expect(settings).toEqual({ institution: null, contact: null, updatedAt: null });
	const review = JSON.parse((await rawRequest(server.port, 'GET', `/api/admin/submissions/${submissionId}`, asAdmin)).body) as Record<
		string,
		unknown
	>;
	expect({ id: review.id, reviewState: review.reviewState, history: review.history }).toEqual({
		id: submissionId,
		reviewState: 'received',
		history: []
	});
});
