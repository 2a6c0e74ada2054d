/**
 * The interviewer's sex and the deployment settings through the API, on a server of its own
 * (the settings change what every tablet of a server shows): SQLite in `sqlite`, a fresh
 * PostgreSQL database in `postgres-api`.
 */
import { expect, request as requests, test, type APIRequestContext } from '@playwright/test';
import { freshPostgresDatabase } from '../support/postgres';
import { csvRecords, csvRows } from '../support/csv';
import { TEST_ADMIN_TOKEN, testServer, type TestServer } from '../support/server';

const FORM = 'household_migration';
const asAdmin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

let server: TestServer;
let api: APIRequestContext;
let dropDatabase: (() => Promise<void>) | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	let env: Record<string, string> = {};
	if (test.info().project.metadata.storage === 'postgres') {
		const database = await freshPostgresDatabase('tun_settings');
		dropDatabase = database.drop;
		env = { DATABASE_URL: database.url };
	}
	server = await testServer({ env });
	await server.start();
	api = await requests.newContext({ baseURL: server.origin });
});
test.afterAll(async () => {
	await api?.dispose();
	server?.dispose();
	await dropDatabase?.();
});

interface Made {
	id: string;
	name: string;
	sex: string;
	token: string;
}

async function make(data: unknown) {
	const response = await api.post('/api/admin/enumerators', { headers: asAdmin, data });
	return { status: response.status(), body: await response.json() };
}

const change = (id: string, data: unknown, headers: Record<string, string> = asAdmin) =>
	api.patch(`/api/admin/enumerators/${id}`, { headers, data });

function refusal(answers: Record<string, unknown> = {}, meta?: Record<string, unknown>) {
	return {
		id: crypto.randomUUID(),
		formId: FORM,
		formVersion: '2026-12-01',
		deviceId: 'settings-api',
		startedAt: '2026-12-20T08:00:00Z',
		finalizedAt: '2026-12-20T08:10:00Z',
		language: 'hy',
		answers: { site_type: 'armenia', settlement: 'yerevan', consent: 'no', ...answers },
		...(meta ? { meta } : {})
	};
}

async function send(token: string, ...submissions: unknown[]) {
	const response = await api.post('/api/submissions', { headers: { authorization: `Bearer ${token}` }, data: { submissions } });
	expect(response.status()).toBe(200);
	return ((await response.json()) as { results: { status: string; errors?: { path: string; message: string }[] }[] }).results;
}

async function exported() {
	const response = await api.get(`/api/admin/export/${FORM}/${FORM}.csv`, { headers: asAdmin });
	expect(response.status()).toBe(200);
	return await response.text();
}

test('an enumerator is made with a sex, which /api/me and the list tell; without one, or another, it is a 400', async () => {
	const ani = await make({ name: 'Անի', sex: 'female' });
	expect(ani.status).toBe(201);
	expect(ani.body).toMatchObject({ name: 'Անի', sex: 'female' });
	const me = await api.get('/api/me', { headers: { authorization: `Bearer ${(ani.body as Made).token}` } });
	expect(await me.json()).toEqual({ id: (ani.body as Made).id, name: 'Անի', sex: 'female' });
	const list = (await (await api.get('/api/admin/enumerators', { headers: asAdmin })).json()) as { id: string; sex: string }[];
	expect(list.find((e) => e.id === (ani.body as Made).id)?.sex).toBe('female');

	for (const data of [{ name: 'No sex' }, { name: 'Other', sex: 'other' }, { name: 'Null', sex: null }, { name: 'Upper', sex: 'Female' }]) {
		expect(await make(data)).toEqual({ status: 400, body: { error: 'sex: give "female" or "male"' } });
	}
	const names = ((await (await api.get('/api/admin/enumerators', { headers: asAdmin })).json()) as { name: string }[]).map((e) => e.name);
	expect(names).toEqual(['Անի']);
});

test('PATCH changes a name, a sex or both (revoked enumerators too); nothing to change is a 400, an unknown id a 404', async () => {
	const { body } = await make({ name: 'Gor', sex: 'male' });
	const gor = body as Made;
	const renamed = await change(gor.id, { name: '  Gor Petrosyan ' });
	expect(renamed.status()).toBe(200);
	expect(await renamed.json()).toEqual({ id: gor.id, name: 'Gor Petrosyan', sex: 'male', createdAt: expect.any(String), revokedAt: null });
	expect(await (await change(gor.id, { sex: 'female' })).json()).toMatchObject({ name: 'Gor Petrosyan', sex: 'female' });
	const me = await api.get('/api/me', { headers: { authorization: `Bearer ${gor.token}` } });
	expect(await me.json()).toEqual({ id: gor.id, name: 'Gor Petrosyan', sex: 'female' });

	for (const [data, error] of [
		[{}, 'give a "name", a "sex" or both to change'],
		[{ sex: 'x' }, 'sex: give "female" or "male"'],
		[{ name: '' }, 'name: give a name of 1 to 100 characters']
	] as const) {
		const refused = await change(gor.id, data);
		expect({ status: refused.status(), body: await refused.json() }).toEqual({ status: 400, body: { error } });
	}
	const unknown = await change(crypto.randomUUID(), { name: 'Nobody' });
	expect({ status: unknown.status(), body: await unknown.json() }).toEqual({ status: 404, body: { error: 'no enumerator with that id' } });
	expect((await change(gor.id, { name: 'Taken over' }, { authorization: `Bearer ${gor.token}` })).status()).toBe(401);
	expect((await change(gor.id, { name: 'Taken over' }, {})).status()).toBe(401);

	expect((await api.delete(`/api/admin/enumerators/${gor.id}`, { headers: asAdmin })).status()).toBe(204);
	expect(await (await change(gor.id, { sex: 'male' })).json()).toMatchObject({ sex: 'male', revokedAt: expect.any(String) });
});

test('each submission keeps the sex its enumerator had when it arrived; the export writes enumerator_sex after enumerator', async () => {
	const { body } = await make({ name: 'Narine', sex: 'female' });
	const narine = body as Made;
	const before = refusal();
	expect((await send(narine.token, before)).map((r) => r.status)).toEqual(['created']);
	await change(narine.id, { sex: 'male' });
	const after = refusal();
	expect((await send(narine.token, after, before)).map((r) => r.status)).toEqual(['created', 'duplicate']);

	const csv = await exported();
	const header = csvRows(csv)[0];
	expect(header[header.indexOf('enumerator') + 1]).toBe('enumerator_sex');
	const rows = csvRecords(csv);
	expect(rows.find((r) => r.KEY === before.id)).toMatchObject({ enumerator: 'Narine', enumerator_sex: 'female' });
	expect(rows.find((r) => r.KEY === after.id)).toMatchObject({ enumerator: 'Narine', enumerator_sex: 'male' });
});

const institution = { hy: 'Երևանի պետական համալսարան', ru: 'Ереванский государственный университет', en: 'Yerevan State University' };
const contact = { hy: 'Անի Գրիգորյան, 010 000000', ru: 'Ани Григорян, 010 000000', en: 'Ani Grigoryan, 010 000000' };

test('deployment settings: none until an admin sets them; tablets and admins read them; only an admin sets them', async () => {
	const { token } = (await make({ name: 'Reader', sex: 'female' })).body as Made;
	const tablet = { authorization: `Bearer ${token}` };
	const read = async (headers: Record<string, string>) => {
		const response = await api.get('/api/deployment', { headers });
		return { status: response.status(), body: await response.json() };
	};
	expect(await read(tablet)).toEqual({ status: 200, body: { institution: null, contact: null, updatedAt: null } });
	expect((await read({})).status).toBe(401);

	const put = (data: unknown, headers: Record<string, string> = asAdmin) => api.put('/api/admin/deployment', { headers, data });
	const saved = await put({ institution, contact });
	expect(saved.status()).toBe(200);
	const settings = await saved.json();
	expect(settings).toEqual({ institution, contact, updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
	expect(await read(tablet)).toEqual({ status: 200, body: settings });
	expect(await read(asAdmin)).toEqual({ status: 200, body: settings });

	expect((await put({ institution: null, contact: null }, tablet)).status()).toBe(401);
	expect((await put({ institution: null, contact: null }, {})).status()).toBe(401);
	const cleared = await put({ institution: null, contact });
	expect(await cleared.json()).toEqual({ institution: null, contact, updatedAt: expect.any(String) });
	const kept = await read(tablet);
	expect(kept.body.institution).toBeNull();
	await server.restart();
	expect(await read(tablet)).toEqual(kept);
});

test('a bad deployment body is a 400 listing every problem, and changes nothing', async () => {
	const before = await (await api.get('/api/deployment', { headers: asAdmin })).json();
	const refuse = async (data: unknown, paths: string[]) => {
		const response = await api.put('/api/admin/deployment', { headers: asAdmin, data });
		expect(response.status()).toBe(400);
		const body = (await response.json()) as { error: string; problems: { path: string; message: string }[] };
		expect(body.error).toBe(body.problems[0].message);
		expect(body.problems.map((p) => p.path)).toEqual(paths);
	};
	await refuse({ institution: { hy: 'Ա', ru: '', en: 'A' }, contact: { hy: 'Ա', ru: 'Б' } }, ['institution.ru', 'contact.en']);
	await refuse({ institution }, ['contact']);
	await refuse({ institution, contact, extra: 1 }, ['']);
	await refuse({ institution: { ...institution, de: 'x' }, contact }, ['institution']);
	await refuse({ institution: { ...institution, en: 'x'.repeat(1001) }, contact }, ['institution.en']);
	await refuse([], ['']);
	const notJson = await api.put('/api/admin/deployment', {
		headers: { ...asAdmin, 'content-type': 'application/json' },
		data: Buffer.from('{')
	});
	expect(await notJson.json()).toEqual({
		error: 'the request body is not valid JSON',
		problems: [{ path: '', message: 'not valid JSON' }]
	});
	const huge = await api.put('/api/admin/deployment', {
		headers: { ...asAdmin, 'content-type': 'application/json' },
		data: Buffer.from(JSON.stringify({ institution, contact, padding: 'x'.repeat(40 * 1024) }))
	});
	expect(huge.status()).toBe(413);
	expect(await (await api.get('/api/deployment', { headers: asAdmin })).json()).toEqual(before);
});

test("a submission's meta keeps the deployment snapshot and the texts shown: they are part of what was sent", async () => {
	const { token } = (await make({ name: 'Shown', sex: 'male' })).body as Made;
	const meta = {
		referenceDate: '2026-12-20',
		deployment: { institution, contact, updatedAt: '2026-12-01T10:00:00.000Z' },
		shown: { consent_text: `Ձեզ հետ խոսում է ${institution.hy}։ Հարցերի դեպքում՝ ${contact.hy}` }
	};
	const s = refusal({}, meta);
	expect((await send(token, s)).map((r) => r.status)).toEqual(['created']);
	// Stripped, a changed text would be a duplicate: it is a conflict, so the store kept what was sent.
	const otherText = { ...s, meta: { ...meta, shown: { consent_text: 'another text' } } };
	const otherSnapshot = { ...s, meta: { ...meta, deployment: { institution: null, contact } } };
	expect((await send(token, s, otherText, otherSnapshot)).map((r) => r.status)).toEqual(['duplicate', 'conflict', 'conflict']);

	const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`q${i}`, 'text']));
	const [tooMany, tooLong] = await send(token, refusal({}, { shown: many }), refusal({}, { shown: { consent_text: 'x'.repeat(4001) } }));
	expect(tooMany).toMatchObject({ status: 'invalid', errors: [{ path: 'meta.shown', message: 'meta.shown holds at most 50 texts' }] });
	expect(tooLong).toMatchObject({ status: 'invalid', errors: [{ path: 'meta.shown.consent_text', message: expect.any(String) }] });
});
