/**
 * Two app instances on one PostgreSQL, as behind a reverse proxy: whatever one knows, the
 * other knows at once (sessions, failed sign-ins, enumerators and their revocation,
 * submissions, published form versions). Runs in the `postgres-instances` project, which exists when npm test has
 * started a throw-away PostgreSQL (TUN_PG_URL).
 */
import { expect, test } from '@playwright/test';
import { freshPostgresDatabase } from '../support/postgres';
import { csvRecords } from '../support/csv';
import { ADDED_QUESTION, revisedHousehold } from '../support/forms';
import { rawRequest, TEST_ADMIN_TOKEN, testServer, type RawResponse, type TestServer } from '../support/server';

const PUBLIC = 'https://survey.example.org';
let a: TestServer;
let b: TestServer;
let dropDatabase: () => Promise<void>;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	const database = await freshPostgresDatabase('tun_instances');
	dropDatabase = database.drop;
	// The same configuration on both, as two instances behind one proxy have.
	const env = { DATABASE_URL: database.url, ORIGIN: PUBLIC, ADDRESS_HEADER: 'x-forwarded-for' };
	[a, b] = await Promise.all([testServer({ env }), testServer({ env })]);
	// Started together: both run the migrations at once on the fresh database.
	await Promise.all([a.start(), b.start()]);
});
test.afterAll(async () => {
	a?.dispose();
	b?.dispose();
	await dropDatabase?.();
});

// Behind the proxy every request carries the client's address (ADDRESS_HEADER).
const json = { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' };
const asAdmin = { ...json, authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const call = (s: TestServer, method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
	rawRequest(s.port, method, path, headers, body === undefined ? undefined : JSON.stringify(body));
const parsed = (r: RawResponse) => JSON.parse(r.body) as Record<string, unknown>;

function refusal(id = crypto.randomUUID()) {
	return {
		id,
		formId: 'household_migration',
		formVersion: '2026-12-01',
		deviceId: 'two-instances',
		startedAt: '2026-11-30T08:00:00Z',
		finalizedAt: '2026-11-30T08:10:00Z',
		language: 'hy',
		answers: { site_type: 'armenia', settlement: 'other', settlement_other: 'Երկու', consent: 'no' }
	};
}

test('both instances answer from the same PostgreSQL', async () => {
	for (const s of [a, b]) expect(parsed(await call(s, 'GET', '/api/health'))).toEqual({ ok: true, storage: 'postgres' });
});

test('a session made on one instance works on the other, and signing out on either ends it on both', async () => {
	const signedIn = await call(a, 'POST', '/api/admin/session', { ...json, origin: PUBLIC }, { token: TEST_ADMIN_TOKEN, name: 'Լուսինե' });
	expect(signedIn.status).toBe(200);
	const cookie = { cookie: `tun_session=${/tun_session=([^;]+)/.exec(String(signedIn.headers['set-cookie']))![1]}` };
	expect(parsed(await call(b, 'GET', '/api/admin/session', cookie))).toEqual({ admin: true, name: 'Լուսինե' });
	expect(
		(await call(b, 'POST', '/api/admin/enumerators', { ...cookie, ...json, origin: PUBLIC }, { name: 'Made on B', sex: 'female' })).status
	).toBe(201);
	expect((await call(b, 'DELETE', '/api/admin/session', { ...cookie, origin: PUBLIC })).status).toBe(204);
	expect((await call(a, 'GET', '/api/admin/enumerators', cookie)).status).toBe(401);
});

test('a batch sent to one instance and resent to the other is a duplicate, stored once', async () => {
	const { token } = parsed(await call(a, 'POST', '/api/admin/enumerators', asAdmin, { name: 'Tablet 1', sex: 'male' })) as {
		token: string;
	};
	const item = refusal();
	const send = (s: TestServer) =>
		call(s, 'POST', '/api/submissions', { ...json, authorization: `Bearer ${token}` }, { submissions: [item] });
	expect(parsed(await send(a))).toEqual({ results: [{ id: item.id, status: 'created' }] });
	expect(parsed(await send(b))).toEqual({ results: [{ id: item.id, status: 'duplicate' }] });
	const csv = (await call(b, 'GET', '/api/admin/export/household_migration/household_migration.csv', asAdmin)).body;
	expect(csvRecords(csv).filter((r) => r.KEY === item.id)).toHaveLength(1);
});

test('an enumerator revoked on one instance is refused on the other at once', async () => {
	const made = parsed(await call(b, 'POST', '/api/admin/enumerators', asAdmin, { name: 'Tablet 2', sex: 'female' })) as {
		id: string;
		token: string;
	};
	const bearer = { ...json, authorization: `Bearer ${made.token}` };
	expect((await call(b, 'GET', '/api/me', bearer)).status).toBe(200);
	expect((await call(a, 'DELETE', `/api/admin/enumerators/${made.id}`, asAdmin)).status).toBe(204);
	expect((await call(b, 'GET', '/api/me', bearer)).status).toBe(401);
	expect((await call(b, 'POST', '/api/submissions', bearer, { submissions: [refusal()] })).status).toBe(401);
});

test('failed sign-ins count across instances: ten on one, and the other makes the address wait', async () => {
	const from = { ...json, origin: PUBLIC, 'x-forwarded-for': '192.0.2.44' };
	for (let i = 0; i < 10; i++) {
		const s = i % 2 ? b : a;
		expect((await call(s, 'POST', '/api/admin/session', from, { token: `wrong-${i}`, name: 'X' })).status).toBe(401);
	}
	for (const s of [a, b])
		expect((await call(s, 'POST', '/api/admin/session', from, { token: TEST_ADMIN_TOKEN, name: 'X' })).status).toBe(429);
});

test('a form version published on one instance is known to the other at once', async () => {
	const revised = { ...revisedHousehold('2027-03-01') };
	expect((await call(a, 'POST', '/api/admin/forms', asAdmin, revised)).status).toBe(201);
	expect((await call(b, 'POST', '/api/admin/forms', asAdmin, revised)).status).toBe(200);
	const { token } = parsed(await call(a, 'POST', '/api/admin/enumerators', asAdmin, { name: 'Tablet 3', sex: 'male' })) as {
		token: string;
	};
	const item = { ...refusal(), formVersion: '2027-03-01', answers: { ...refusal().answers, [ADDED_QUESTION]: 'B knows it' } };
	const sent = await call(b, 'POST', '/api/submissions', { ...json, authorization: `Bearer ${token}` }, { submissions: [item] });
	expect(parsed(sent)).toEqual({ results: [{ id: item.id, status: 'created' }] });
	const list = JSON.parse((await call(b, 'GET', '/api/forms', asAdmin)).body) as { version: string }[];
	expect(list.map((f) => f.version)).toEqual(['2026-12-01', '2026-12-15', '2027-03-01']);
	const csv = (await call(a, 'GET', '/api/admin/export/household_migration/household_migration.csv', asAdmin)).body;
	expect(csvRecords(csv).find((r) => r.KEY === item.id)?.[ADDED_QUESTION]).toBe('B knows it');
});
