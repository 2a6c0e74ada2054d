/**
 * Signing in as a supervisor: a server-side session whose cookie never holds the admin
 * token, an Origin check on every change it authorizes, sign-out that ends it on the
 * server, a limit on failed sign-ins per address, and setup links and cookie flags that
 * follow ORIGIN, never a request's headers.
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawRequest, TEST_ADMIN_TOKEN, testServer, type RawResponse, type TestServer } from '../support/server';

const servers: TestServer[] = [];
test.afterEach(() => servers.splice(0).forEach((s) => s.dispose()));
async function server(env: Record<string, string | undefined> = {}) {
	const s = await testServer({ env });
	servers.push(s);
	await s.start();
	return s;
}

const json = { 'content-type': 'application/json' };
const cookieOf = (response: RawResponse) => [response.headers['set-cookie'] ?? []].flat().join('\n');
const sessionCookie = (response: RawResponse) => /tun_session=([^;]+)/.exec(cookieOf(response))?.[1];

function signIn(s: TestServer, body: unknown, headers: Record<string, string> = {}) {
	return rawRequest(s.port, 'POST', '/api/admin/session', { ...json, origin: s.origin, ...headers }, JSON.stringify(body));
}

test('a sign-in makes a session cookie that is not the admin token; it opens the admin API and names the supervisor', async () => {
	const s = await server();
	const response = await signIn(s, { token: TEST_ADMIN_TOKEN, name: 'Լուսինե Հակոբյան' });
	expect(response.status).toBe(200);
	expect(JSON.parse(response.body)).toEqual({ admin: true, name: 'Լուսինե Հակոբյան' });
	const cookie = cookieOf(response);
	expect(cookie).toMatch(/^tun_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
	expect(cookie).not.toContain(TEST_ADMIN_TOKEN);
	expect(cookie).not.toMatch(/Secure/);

	const session = { cookie: `tun_session=${sessionCookie(response)}` };
	expect(JSON.parse((await rawRequest(s.port, 'GET', '/api/admin/session', session)).body)).toEqual({
		admin: true,
		name: 'Լուսինե Հակոբյան'
	});
	expect((await rawRequest(s.port, 'GET', '/api/admin/enumerators', session)).status).toBe(200);
});

test('sign-in refuses a wrong token, a missing name and a body over 4 KB, and makes no session for them', async () => {
	const s = await server();
	const wrong = await signIn(s, { token: 'not-the-admin-token-at-all-0123456789', name: 'X' });
	expect([wrong.status, JSON.parse(wrong.body)]).toEqual([401, { error: 'that is not the admin token' }]);
	const nameless = await signIn(s, { token: TEST_ADMIN_TOKEN });
	expect(nameless.status).toBe(400);
	expect(JSON.parse(nameless.body).error).toMatch(/name/);
	const big = await signIn(s, { token: TEST_ADMIN_TOKEN, name: 'A', padding: 'x'.repeat(5000) });
	expect([big.status, JSON.parse(big.body)]).toEqual([413, { error: 'the body is over 4 KB' }]);
	for (const response of [wrong, nameless, big]) expect(sessionCookie(response)).toBeUndefined();
});

test("changes authorized by the session cookie need this server's Origin, whatever the content type; bearer requests do not", async () => {
	const s = await server();
	const session = { cookie: `tun_session=${sessionCookie(await signIn(s, { token: TEST_ADMIN_TOKEN, name: 'Ani' }))}` };
	const create = (headers: Record<string, string>, type = 'application/json') =>
		rawRequest(
			s.port,
			'POST',
			'/api/admin/enumerators',
			{ 'content-type': type, ...headers },
			JSON.stringify({ name: 'Arpi', sex: 'female' })
		);

	expect((await create(session)).status).toBe(403);
	expect((await create({ ...session, origin: 'https://evil.example' })).status).toBe(403);
	expect((await create({ ...session, origin: 'null' })).status).toBe(403);
	expect((await create({ ...session, origin: 'https://evil.example' }, 'text/plain')).status).toBe(403);
	expect((await create({ ...session, origin: 'https://evil.example' }, 'multipart/form-data; boundary=x')).status).toBe(403);
	expect((await rawRequest(s.port, 'DELETE', '/api/admin/session', { ...session, origin: 'https://evil.example' })).status).toBe(403);
	// Reading needs no Origin; a change from the admin page itself goes through.
	expect((await rawRequest(s.port, 'GET', '/api/admin/conflicts', session)).status).toBe(200);
	const made = await create({ ...session, origin: s.origin });
	expect(made.status).toBe(201);
	// Changing an enumerator or the deployment settings is a change like any other.
	const json = { ...session, 'content-type': 'application/json' };
	const patch = (origin: string) =>
		rawRequest(
			s.port,
			'PATCH',
			`/api/admin/enumerators/${(JSON.parse(made.body) as { id: string }).id}`,
			{ ...json, origin },
			'{"sex":"male"}'
		);
	const put = (origin: string) =>
		rawRequest(s.port, 'PUT', '/api/admin/deployment', { ...json, origin }, '{"institution":null,"contact":null}');
	expect((await patch('https://evil.example')).status).toBe(403);
	expect((await put('https://evil.example')).status).toBe(403);
	expect((await patch(s.origin)).status).toBe(200);
	expect((await put(s.origin)).status).toBe(200);
	// A bearer token is no ambient credential: no Origin needed, and the documented statuses stand.
	expect((await create({ authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).status).toBe(201);
	const enumerator = JSON.parse((await create({ authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).body) as { token: string };
	const plain = await rawRequest(
		s.port,
		'POST',
		'/api/submissions',
		{ authorization: `Bearer ${enumerator.token}`, 'content-type': 'text/plain' },
		'x'
	);
	expect(plain.status).toBe(415);
	const names = (JSON.parse((await rawRequest(s.port, 'GET', '/api/admin/enumerators', session)).body) as { name: string }[]).map(
		(e) => e.name
	);
	expect(names).toEqual(['Arpi', 'Arpi', 'Arpi']);
});

test('sign-out ends the session on the server and deletes the cookie with the attributes it was set with', async () => {
	const s = await server();
	const id = sessionCookie(await signIn(s, { token: TEST_ADMIN_TOKEN, name: 'Ani' }));
	const session = { cookie: `tun_session=${id}` };
	const out = await rawRequest(s.port, 'DELETE', '/api/admin/session', { ...session, origin: s.origin });
	expect(out.status).toBe(204);
	expect(cookieOf(out)).toMatch(/^tun_session=; Max-Age=0; Path=\/; (Expires=[^;]+; )?HttpOnly; SameSite=Strict$/);
	// The browser may keep the old cookie (a copy, a stolen one): it opens nothing now.
	expect((await rawRequest(s.port, 'GET', '/api/admin/enumerators', session)).status).toBe(401);
	expect(JSON.parse((await rawRequest(s.port, 'GET', '/api/admin/session', session)).body)).toEqual({ admin: false });
	// Signing out without a session is harmless.
	expect((await rawRequest(s.port, 'DELETE', '/api/admin/session', {})).status).toBe(204);
});

test('after 10 failed sign-ins in 15 minutes an address waits (429, Retry-After), the right token included; other addresses do not', async () => {
	const s = await server({ ADDRESS_HEADER: 'x-forwarded-for' });
	const from = (address: string) => ({ 'x-forwarded-for': address });
	for (let i = 0; i < 10; i++) expect((await signIn(s, { token: `wrong-${i}`, name: 'X' }, from('198.51.100.7'))).status).toBe(401);
	for (const token of ['wrong-again', TEST_ADMIN_TOKEN]) {
		const refused = await signIn(s, { token, name: 'X' }, from('198.51.100.7'));
		expect(refused.status).toBe(429);
		expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
		expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(900);
		expect(sessionCookie(refused)).toBeUndefined();
	}
	expect((await signIn(s, { token: TEST_ADMIN_TOKEN, name: 'X' }, from('203.0.113.5'))).status).toBe(200);
});

test('without ORIGIN the setup link uses the scheme and host the request came in on, never its Origin header', async () => {
	const s = await server({ ORIGIN: undefined });
	const created = await rawRequest(
		s.port,
		'POST',
		'/api/admin/enumerators',
		{ ...json, authorization: `Bearer ${TEST_ADMIN_TOKEN}`, origin: 'https://evil.example' },
		JSON.stringify({ name: 'Nare', sex: 'female' })
	);
	expect(created.status).toBe(201);
	const { setupUrl } = JSON.parse(created.body) as { setupUrl: string };
	expect(setupUrl).toMatch(
		new RegExp(`^http://127\\.0\\.0\\.1:${s.port}/setup#token=[A-Za-z0-9_-]{43}&server=http%3A%2F%2F127\\.0\\.0\\.1%3A${s.port}$`)
	);
});

test('with an https ORIGIN the setup link is built from it and the session cookie is Secure', async () => {
	const s = await server({ ORIGIN: 'https://survey.example.org' });
	const created = await rawRequest(
		s.port,
		'POST',
		'/api/admin/enumerators',
		{ ...json, authorization: `Bearer ${TEST_ADMIN_TOKEN}`, origin: 'https://evil.example', host: 'evil.example' },
		JSON.stringify({ name: 'Nare', sex: 'female' })
	);
	expect(JSON.parse(created.body).setupUrl).toMatch(
		/^https:\/\/survey\.example\.org\/setup#token=[^&]+&server=https%3A%2F%2Fsurvey\.example\.org$/
	);
	const signedIn = await signIn(s, { token: TEST_ADMIN_TOKEN, name: 'Ani' }, { origin: 'https://survey.example.org' });
	expect(cookieOf(signedIn)).toMatch(/; HttpOnly; Secure; SameSite=Strict$/);
	const session = { cookie: `tun_session=${sessionCookie(signedIn)}` };
	const out = await rawRequest(s.port, 'DELETE', '/api/admin/session', { ...session, origin: 'https://survey.example.org' });
	expect(cookieOf(out)).toMatch(/^tun_session=; Max-Age=0; Path=\/; (Expires=[^;]+; )?HttpOnly; Secure; SameSite=Strict$/);
});

test('the server does not start with an ADMIN_TOKEN shorter than 32 characters, and says why', () => {
	const dir = mkdtempSync(join(tmpdir(), 'tun-e2e-short-'));
	try {
		const run = spawnSync(process.execPath, ['scripts/serve.mjs'], {
			env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, ADMIN_TOKEN: 'letmein-letmein', DATABASE_URL: '' },
			encoding: 'utf8',
			timeout: 20_000
		});
		expect(run.status).not.toBe(0);
		expect(run.status).not.toBeNull();
		expect(run.stderr + run.stdout).toContain('ADMIN_TOKEN has 15 characters; Tun needs at least 32');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
