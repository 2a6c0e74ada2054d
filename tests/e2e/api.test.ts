import { expect, test, type APIRequestContext } from '@playwright/test';
import { csvRecords } from '../support/csv';
import { asAdmin, createEnumerator, exportRows, uniqueName } from './helpers';

let auth: { authorization: string };
test.beforeEach(async ({ request }) => {
	// Each test its own enumerator: the rate limit counts per token.
	auth = { authorization: `Bearer ${(await createEnumerator(request, uniqueName('API'))).token}` };
});

const post = (request: APIRequestContext, data: string | Buffer, headers: Record<string, string> = {}) =>
	request.post('/api/submissions', {
		headers: { 'content-type': 'application/json', ...auth, ...headers },
		data: typeof data === 'string' ? Buffer.from(data) : data
	});

function submission(overrides: Record<string, unknown> = {}) {
	return {
		id: crypto.randomUUID(),
		formId: 'household_migration',
		formVersion: '2026-12-01',
		deviceId: 'api-test',
		startedAt: '2026-11-30T08:00:00Z',
		finalizedAt: '2026-11-30T08:15:00Z',
		language: 'ru',
		// A refusal at consent: a complete interview in three answers, the place as a marker.
		answers: { site_type: 'armenia', settlement: 'other', settlement_other: 'Карине', consent: 'no' },
		...overrides
	};
}

const stored = async (request: APIRequestContext, id: string) => (await exportRows(request)).filter((r) => r.KEY === id);

/** The store this project's server runs on: the same tests run against SQLite and PostgreSQL. */
const storage = () => test.info().project.metadata.storage as 'sqlite' | 'postgres';

test.afterEach(async ({ request }) => {
	const health = await request.get('/api/health');
	expect(health.status()).toBe(200);
	expect(await health.json()).toEqual({ ok: true, storage: storage() });
});

test('malformed JSON is a 400 with a message', async ({ request }) => {
	const res = await post(request, '{"submissions": [');
	expect(res.status()).toBe(400);
	expect(await res.json()).toEqual({ error: 'the request body is not valid JSON' });
});

test('an empty batch is a 400', async ({ request }) => {
	const res = await post(request, JSON.stringify({ submissions: [] }));
	expect(res.status()).toBe(400);
	expect((await res.json()).error).toMatch(/at least one/);
});

test('a batch of 101 items is a 400 and stores none of them', async ({ request }) => {
	const items = Array.from({ length: 101 }, () => submission());
	const res = await post(request, JSON.stringify({ submissions: items }));
	expect(res.status()).toBe(400);
	expect((await res.json()).error).toMatch(/at most 100/);
	expect(await stored(request, items[0].id)).toEqual([]);
});

test('an item with a non-UUID id is invalid, and the rest of its batch is stored', async ({ request }) => {
	const good = submission();
	const res = await post(request, JSON.stringify({ submissions: [submission({ id: '12345' }), good] }));
	expect(res.status()).toBe(200);
	expect(await res.json()).toEqual({
		results: [
			{ id: '12345', status: 'invalid', errors: [{ path: 'id', message: 'id must be a UUID' }] },
			{ id: good.id, status: 'created' }
		]
	});
});

test('a resend is a duplicate; other content under the same id is a conflict, kept aside; the first stays', async ({ request }) => {
	const first = submission();
	const send = async (s: object) => (await (await post(request, JSON.stringify({ submissions: [s] }))).json()).results[0];
	expect(await send(first)).toEqual({ id: first.id, status: 'created' });
	expect(await send(first)).toEqual({ id: first.id, status: 'duplicate' });
	expect(await send({ ...first, answers: { ...first.answers, settlement_other: 'Другое' } })).toEqual({ id: first.id, status: 'conflict' });
	expect(await stored(request, first.id)).toEqual([expect.objectContaining({ settlement_other: 'Карине', consent: 'no' })]);
	const conflicts = await (await request.get('/api/admin/conflicts', { headers: asAdmin })).json();
	expect(conflicts.filter((c: { id: string }) => c.id === first.id)).toHaveLength(1);
});

test('strings are stored exactly as sent; NUL characters are refused', async ({ request }) => {
	const name = 'Անի Ани 👩‍🌾 \u200fשלום\u200f e\u0301';
	const good = submission({ answers: { ...submission().answers, settlement_other: name } });
	const nul = submission({ answers: { ...submission().answers, settlement_other: 'a\u0000b' } });
	const res = await post(request, JSON.stringify({ submissions: [good, nul] }));
	expect((await res.json()).results).toEqual([
		{ id: good.id, status: 'created' },
		{ id: nul.id, status: 'invalid', errors: [{ path: 'answers.settlement_other', message: 'NUL characters are not allowed' }] }
	]);
	expect((await stored(request, good.id))[0].settlement_other).toBe(name);
});

test('hostile items are refused one by one, never a 500: deep nesting, a lone surrogate, a stored id with bad content, 50 errors', async ({
	request
}) => {
	const stored = submission();
	expect((await (await post(request, JSON.stringify({ submissions: [stored] }))).json()).results[0].status).toBe('created');
	const deep = submission();
	const lone = submission();
	const many = submission({
		answers: { ...submission().answers, ...Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`x${i}`, i])) }
	});
	const good = submission();
	const body = JSON.stringify({ submissions: [deep, lone, { ...stored, answers: { ...stored.answers, consent: 'maybe' } }, many, good] })
		.replace('"deviceId":"api-test"', `"deviceId":"api-test","extra":${'['.repeat(100_000)}${']'.repeat(100_000)}`)
		.replace(`"id":"${lone.id}","formId"`, `"id":"${lone.id}","notes":"\\ud800 alone","formId"`);
	const res = await post(request, body);
	expect(res.status()).toBe(200);
	const results = (await res.json()).results;
	expect(results.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
		[deep.id, 'invalid'],
		[lone.id, 'invalid'],
		[stored.id, 'invalid'],
		[many.id, 'invalid'],
		[good.id, 'created']
	]);
	expect(results[0].errors).toEqual([{ path: expect.stringMatching(/^extra(\.0)+$/), message: 'nested deeper than 32 levels' }]);
	expect(results[1].errors).toEqual([{ path: 'notes', message: 'not valid Unicode text (a lone surrogate)' }]);
	expect([results[3].errors.length, results[3].moreErrors]).toEqual([20, 30]);
	expect((await exportRows(request)).filter((r) => r.KEY === stored.id)).toEqual([expect.objectContaining({ consent: 'no' })]);
});

test('a submission that breaks its form is invalid with the question named', async ({ request }) => {
	const s = submission({ answers: { ...submission().answers, consent: 'maybe' } });
	const res = await post(request, JSON.stringify({ submissions: [s, submission({ formVersion: '1999-01-01' })] }));
	const [bad, unknown] = (await res.json()).results;
	expect(bad).toMatchObject({ status: 'invalid', errors: [{ path: 'answers.consent' }] });
	expect(unknown.errors[0].message).toMatch(/does not know form "household_migration" version "1999-01-01"/);
});

test('without a valid token the API answers 401 and stores nothing', async ({ request }) => {
	const s = submission();
	for (const authorization of [undefined, 'Bearer not-a-token', `Bearer ${'x'.repeat(43)}`]) {
		const res = await request.post('/api/submissions', {
			headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
			data: Buffer.from(JSON.stringify({ submissions: [s] }))
		});
		expect(res.status()).toBe(401);
		expect((await res.json()).error).toMatch(/token/);
	}
	expect(await stored(request, s.id)).toEqual([]);
	for (const path of ['/api/admin/enumerators', '/api/admin/conflicts', '/api/admin/export/household_migration/household_migration.csv']) {
		expect((await request.get(path)).status()).toBe(401);
		expect((await request.get(path, { headers: auth })).status()).toBe(401);
	}
	expect((await request.get('/api/forms')).status()).toBe(401);
});

test('a body that is not JSON is a 415; one over 5 MB is a 413', async ({ request }) => {
	expect((await post(request, 'submissions=1', { 'content-type': 'text/plain' })).status()).toBe(415);
	const huge = JSON.stringify({ submissions: [submission({ answers: { h_notes: 'x'.repeat(5.5 * 1024 * 1024) } })] });
	const res = await post(request, huge);
	expect(res.status()).toBe(413);
});

test('more than 60 requests a minute from one token is a 429 with Retry-After', async ({ request }) => {
	const body = JSON.stringify({ submissions: [submission()] });
	const statuses: number[] = [];
	let retryAfter: string | undefined;
	for (let i = 0; i < 61; i++) {
		const res = await post(request, body);
		statuses.push(res.status());
		retryAfter ??= res.headers()['retry-after'];
	}
	expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
	expect(statuses[60]).toBe(429);
	expect(Number(retryAfter)).toBeGreaterThan(0);
});

test('enumerators: created with a sex, a one-time token and setup link, listed without tokens, changed, revoked at once', async ({
	request
}) => {
	const created = await createEnumerator(request, 'Նարինե');
	expect(created.token.length).toBeGreaterThanOrEqual(43);
	expect(created.setupUrl).toMatch(new RegExp(`/setup#token=${created.token}&server=`));
	const list = await (await request.get('/api/admin/enumerators', { headers: asAdmin })).json();
	expect(list.find((e: { id: string }) => e.id === created.id)).toEqual({
		id: created.id,
		name: 'Նարինե',
		sex: 'female',
		createdAt: expect.any(String),
		revokedAt: null
	});
	expect(JSON.stringify(list)).not.toContain(created.token);
	const me = await request.get('/api/me', { headers: { authorization: `Bearer ${created.token}` } });
	expect(await me.json()).toEqual({ id: created.id, name: 'Նարինե', sex: 'female' });
	const changed = await request.patch(`/api/admin/enumerators/${created.id}`, { headers: asAdmin, data: { sex: 'male' } });
	expect(await changed.json()).toMatchObject({ id: created.id, name: 'Նարինե', sex: 'male' });

	expect((await request.delete(`/api/admin/enumerators/${created.id}`, { headers: asAdmin })).status()).toBe(204);
	expect((await request.get('/api/me', { headers: { authorization: `Bearer ${created.token}` } })).status()).toBe(401);
	expect((await request.delete(`/api/admin/enumerators/${created.id}`, { headers: asAdmin })).status()).toBe(404);
	expect((await request.post('/api/admin/enumerators', { headers: asAdmin, data: { name: '', sex: 'female' } })).status()).toBe(400);
	expect((await request.post('/api/admin/enumerators', { headers: asAdmin, data: { name: 'Sexless' } })).status()).toBe(400);
});

test('the forms a device can fetch: the list and each definition', async ({ request }) => {
	const list = await (await request.get('/api/forms', { headers: auth })).json();
	expect(list).toContainEqual({
		id: 'household_migration',
		version: '2026-12-01',
		title: expect.objectContaining({ en: 'Households, migration and coping (Martuni)' }),
		publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
	});
	const definition = await (await request.get('/api/forms/household_migration/2026-12-01', { headers: auth })).json();
	expect(definition.items[0].name).toBe('interview');
	expect((await request.get('/api/forms/household_migration/1999', { headers: auth })).status()).toBe(404);
});

test('health answers ok with the storage in use', async ({ request }) => {
	expect(await (await request.get('/api/health')).json()).toEqual({ ok: true, storage: storage() });
});

test('the export names the enumerator; with ?codes=cb a question that did not apply is -7', async ({ request }) => {
	const s = submission();
	expect((await (await post(request, JSON.stringify({ submissions: [s] }))).json()).results[0].status).toBe('created');
	const [row] = await stored(request, s.id);
	expect(row).toMatchObject({
		resp_sex: '',
		enumerator: expect.stringMatching(/^API /),
		enumerator_sex: 'female',
		break_off: '0',
		form_version: '2026-12-01'
	});
	const cb = await request.get('/api/admin/export/household_migration/household_migration.csv?codes=cb', { headers: asAdmin });
	const coded = csvRecords(await cb.text()).find((r) => r.KEY === s.id);
	expect(coded).toMatchObject({ consent: 'no', resp_sex: '-7', settlement_other: 'Карине' });
});

test('the export of an unknown form or table is a 404', async ({ request }) => {
	expect((await request.get('/api/admin/export/nope/nope.csv', { headers: asAdmin })).status()).toBe(404);
	expect((await request.get('/api/admin/export/household_migration/other.csv', { headers: asAdmin })).status()).toBe(404);
});
