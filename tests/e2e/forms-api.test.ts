/**
 * Publishing a questionnaire version through the API: POST /api/admin/forms answers 201,
 * 200, 409 or 400 (every problem listed); GET /api/forms lists versions in publication
 * order with publishedAt; GET /api/forms/<id>/<version> gives the definition as published;
 * submissions are checked against the version they name, and the export gains the new
 * version's question. Each project runs it on a server of its own (publishing changes what
 * every tablet of a server sees): SQLite in `sqlite`, a fresh PostgreSQL database in
 * `postgres-api`.
 */
import { expect, request as requests, test, type APIRequestContext } from '@playwright/test';
import { freshPostgresDatabase } from '../support/postgres';
import { csvRecords } from '../support/csv';
import { ADDED_QUESTION, revisedHousehold } from '../support/forms';
import { rawRequest, TEST_ADMIN_TOKEN, testServer, type TestServer } from '../support/server';

const FORM = 'household_migration';
const BUILT_IN = '2026-12-01';
/** The second built-in version, published at start after the first. */
const SECOND = '2026-12-15';
const REVISED = '2027-01-15';

let server: TestServer;
let api: APIRequestContext;
let dropDatabase: (() => Promise<void>) | undefined;
let enumeratorAuth: { authorization: string };
const asAdmin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	let env: Record<string, string> = {};
	if (test.info().project.metadata.storage === 'postgres') {
		const database = await freshPostgresDatabase('tun_forms');
		dropDatabase = database.drop;
		env = { DATABASE_URL: database.url };
	}
	server = await testServer({ env });
	await server.start();
	api = await requests.newContext({ baseURL: server.origin });
	const made = await api.post('/api/admin/enumerators', { headers: asAdmin, data: { name: 'Forms tablet', sex: 'male' } });
	enumeratorAuth = { authorization: `Bearer ${((await made.json()) as { token: string }).token}` };
});
test.afterAll(async () => {
	await api?.dispose();
	server?.dispose();
	await dropDatabase?.();
});

const publish = (text: string, headers: Record<string, string> = asAdmin) =>
	api.post('/api/admin/forms', { headers: { 'content-type': 'application/json', ...headers }, data: Buffer.from(text) });

async function formList() {
	const response = await api.get('/api/forms', { headers: enumeratorAuth });
	expect(response.status()).toBe(200);
	return (await response.json()) as { id: string; version: string; title: unknown; publishedAt: string }[];
}

function refusal(formVersion: string, answers: Record<string, unknown> = {}) {
	return {
		id: crypto.randomUUID(),
		formId: FORM,
		formVersion,
		deviceId: 'forms-api',
		startedAt: '2027-01-20T08:00:00Z',
		finalizedAt: '2027-01-20T08:10:00Z',
		language: 'hy',
		answers: { site_type: 'armenia', settlement: 'yerevan', consent: 'no', ...answers }
	};
}

test('the built-in questionnaire is published at start, and listed with when it was published', async () => {
	const list = await formList();
	const listed = (version: string) => ({
		id: FORM,
		version,
		title: expect.objectContaining({ en: expect.any(String) }),
		publishedAt: expect.any(String)
	});
	expect(list).toEqual([listed(BUILT_IN), listed(SECOND)]);
	expect(new Date(list[0].publishedAt).toISOString()).toBe(list[0].publishedAt);
});

test('only an admin may publish: no credential and an enumerator token are refused', async () => {
	const text = JSON.stringify(revisedHousehold('2099-01-01'));
	// Sent raw: the server answers 401 before reading the body, and says so however the client copes with that.
	for (const headers of [{}, enumeratorAuth]) {
		const response = await rawRequest(server.port, 'POST', '/api/admin/forms', { 'content-type': 'application/json', ...headers }, text);
		expect(response.status).toBe(401);
	}
	expect((await formList()).map((f) => f.version)).toEqual([BUILT_IN, SECOND]);
});

test('a new version is 201; the same content again is 200; other content under that version is 409', async () => {
	const revised = revisedHousehold(REVISED);
	const created = await publish(JSON.stringify(revised, null, '\t'));
	expect(created.status()).toBe(201);
	expect(await created.json()).toEqual({ id: FORM, version: REVISED });

	// The same content, spaced and ordered differently, is the same version.
	const again = await publish(JSON.stringify(revised));
	expect(again.status()).toBe(200);
	expect(await again.json()).toEqual({ id: FORM, version: REVISED });

	const changed = await publish(JSON.stringify({ ...revised, title: { hy: 'Այլ', ru: 'Другой', en: 'Another' } }));
	expect(changed.status()).toBe(409);
	expect(await changed.json()).toEqual({ error: expect.stringContaining(REVISED) });

	// The built-in version with other content is refused too.
	expect((await publish(JSON.stringify(revisedHousehold(BUILT_IN)))).status()).toBe(409);
});

test('a definition the compiler refuses is a 400 listing every problem, and nothing is published', async () => {
	const broken = {
		...revisedHousehold('2099-02-02'),
		items: [
			{ type: 'integer', name: 'bad name' },
			{ type: 'select_one', name: 'q2', label: { hy: 'Ա', ru: 'А', en: 'A' }, choices: 'no_such_list' }
		]
	};
	const response = await publish(JSON.stringify(broken));
	expect(response.status()).toBe(400);
	const body = (await response.json()) as { error: string; problems: { path: string; message: string }[] };
	expect(body.error).toEqual(expect.any(String));
	expect(body.problems.length).toBeGreaterThanOrEqual(2);
	for (const p of body.problems) expect(p).toEqual({ path: expect.any(String), message: expect.any(String) });
	expect(body.problems.map((p) => p.path)).toEqual(
		expect.arrayContaining([expect.stringMatching(/^items\.0/), expect.stringMatching(/^items\.1/)])
	);

	const notJson = await publish('{"id": "household_migration",');
	expect(notJson.status()).toBe(400);
	expect(await notJson.json()).toEqual({ error: expect.any(String), problems: [{ path: '', message: expect.any(String) }] });
	expect((await formList()).map((f) => f.version)).toEqual([BUILT_IN, SECOND, REVISED]);
});

test('a body that is not JSON is a 415, one over 2 MB a 413, and nothing is published', async () => {
	const asText = await rawRequest(server.port, 'POST', '/api/admin/forms', { ...asAdmin, 'content-type': 'text/plain' }, '{}');
	expect(asText.status).toBe(415);
	const huge = JSON.stringify({ ...revisedHousehold('2099-03-03'), padding: 'x'.repeat(2 * 1024 * 1024) });
	const tooLarge = await rawRequest(server.port, 'POST', '/api/admin/forms', { ...asAdmin, 'content-type': 'application/json' }, huge);
	expect(tooLarge.status).toBe(413);
	expect(JSON.parse(tooLarge.body)).toEqual({ error: 'the body is over 2 MB' });
	expect((await formList()).map((f) => f.version)).toEqual([BUILT_IN, SECOND, REVISED]);
});

test('a new form id may be published; the list is in publication order, the newest of a form last', async () => {
	const other = { ...revisedHousehold('1'), id: 'household_followup', title: { hy: 'Կրկնակի', ru: 'Повторный', en: 'Follow-up' } };
	expect((await publish(JSON.stringify(other))).status()).toBe(201);
	const list = await formList();
	expect(list.map((f) => `${f.id} ${f.version}`)).toEqual([
		`${FORM} ${BUILT_IN}`,
		`${FORM} ${SECOND}`,
		`${FORM} ${REVISED}`,
		'household_followup 1'
	]);
	expect(list[3].title).toEqual({ hy: 'Կրկնակի', ru: 'Повторный', en: 'Follow-up' });
	const times = list.map((f) => f.publishedAt);
	expect([...times].sort()).toEqual(times);
});

test('a published definition is given back exactly as it was published; an unknown one is a 404', async () => {
	const response = await api.get(`/api/forms/${FORM}/${REVISED}`, { headers: enumeratorAuth });
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toMatch(/^application\/json/);
	expect(await response.text()).toBe(JSON.stringify(revisedHousehold(REVISED), null, '\t'));
	const unknown = await api.get(`/api/forms/${FORM}/2099-09-09`, { headers: enumeratorAuth });
	expect(unknown.status()).toBe(404);
	expect(await unknown.json()).toEqual({ error: expect.any(String) });
	expect((await api.get(`/api/forms/${FORM}/${REVISED}`)).status()).toBe(401);
});

test('each submission is checked against its own version: the new question only in the new one, an unknown version invalid', async () => {
	const onNew = refusal(REVISED, { [ADDED_QUESTION]: 'second visit' });
	const onOld = refusal(BUILT_IN);
	const oldWithNewQuestion = refusal(BUILT_IN, { [ADDED_QUESTION]: 'not asked in this version' });
	const unknown = refusal('2099-09-09');
	const response = await api.post('/api/submissions', {
		headers: enumeratorAuth,
		data: { submissions: [onNew, onOld, oldWithNewQuestion, unknown] }
	});
	expect(response.status()).toBe(200);
	const { results } = (await response.json()) as { results: { id: string; status: string; errors?: unknown[] }[] };
	expect(results.map((r) => r.status)).toEqual(['created', 'created', 'invalid', 'invalid']);
	expect(results[3].errors).toEqual([{ path: 'formVersion', message: `this server does not know form "${FORM}" version "2099-09-09"` }]);

	// The export merges the versions: the new question has its column, empty for the old version's row.
	const csv = await api.get(`/api/admin/export/${FORM}/${FORM}.csv`, { headers: asAdmin });
	expect(csv.status()).toBe(200);
	const rows = csvRecords(await csv.text());
	const row = (id: string) => rows.find((r) => r.KEY === id);
	expect(row(onNew.id)?.[ADDED_QUESTION]).toBe('second visit');
	expect(row(onOld.id)).toBeDefined();
	expect(row(onOld.id)?.[ADDED_QUESTION]).toBe('');
	expect(row(oldWithNewQuestion.id)).toBeUndefined();

	const files = await api.get('/api/admin/export', { headers: asAdmin });
	expect(await files.json()).toEqual([
		{ formId: FORM, files: expect.arrayContaining([`${FORM}.csv`, `${FORM}-member.csv`]) },
		{ formId: 'household_followup', files: expect.arrayContaining(['household_followup.csv']) }
	]);
});

test('what was published outlasts a restart', async () => {
	await server.restart();
	expect((await formList()).map((f) => `${f.id} ${f.version}`)).toEqual([
		`${FORM} ${BUILT_IN}`,
		`${FORM} ${SECOND}`,
		`${FORM} ${REVISED}`,
		'household_followup 1'
	]);
	expect((await publish(JSON.stringify(revisedHousehold(REVISED)))).status()).toBe(200);
});

test('a version that gives a published question another type, or a value another code, is a 400 listing each; nothing is published', async () => {
	type Definition = { id: string; version: string; items: { items: { type: string }[] }[]; choices: Record<string, { code?: number }[]> };
	const before = (await formList()).map((f) => `${f.id} ${f.version}`);
	const retyped = revisedHousehold('2099-04-04') as unknown as Definition;
	retyped.items[0].items[2].type = 'integer'; // settlement_other, a text question since the first version
	const refused = await publish(JSON.stringify(retyped));
	expect(refused.status()).toBe(400);
	expect(await refused.json()).toEqual({
		error: expect.stringContaining(`earlier versions of "${FORM}"`),
		problems: [
			{ path: 'items.0.items.2.type', message: expect.stringContaining(`"settlement_other" has type text in version "${BUILT_IN}"`) }
		]
	});

	// Another form, coded from its first version: its second may not recode a value.
	const coded = { ...(revisedHousehold('1') as unknown as Definition), id: 'household_coded' };
	coded.choices.sex.forEach((c, i) => (c.code = i + 1));
	expect((await publish(JSON.stringify(coded))).status()).toBe(201);
	const recoded = structuredClone({ ...coded, version: '2' });
	recoded.choices.sex.forEach((c, i) => (c.code = 2 - i));
	const response = await publish(JSON.stringify(recoded));
	expect(response.status()).toBe(400);
	const body = (await response.json()) as { error: string; problems: { path: string; message: string }[] };
	expect(body.problems.length).toBeGreaterThanOrEqual(2);
	expect(body.problems).toContainEqual({
		path: 'choices.sex.0.code',
		message: expect.stringContaining('"resp_sex": the value "male" has code 1 in version "1"')
	});
	expect((await formList()).map((f) => `${f.id} ${f.version}`)).toEqual([...before, 'household_coded 1']);
});
