import { expect, test, type APIRequestContext } from '@playwright/test';

const post = (request: APIRequestContext, data: string) =>
	request.post('/api/submissions', { headers: { 'content-type': 'application/json' }, data: Buffer.from(data) });

function submission(overrides: Record<string, unknown> = {}) {
	return {
		id: crypto.randomUUID(),
		formId: 'household_pilot',
		formVersion: '2026-12-01',
		deviceId: 'api-test',
		startedAt: '2026-11-30T08:00:00Z',
		finalizedAt: '2026-11-30T08:15:00Z',
		language: 'ru',
		answers: {
			site_type: 'martuni',
			resp_name: 'Карине',
			hh_size: 1,
			has_land: 'no',
			member: [{ m_name: 'Карине', m_sex: 'female', m_age: 51, m_away: 'no', m_away_n: 0 }],
			n_members: 1,
			n_away: 0
		},
		...overrides
	};
}

test.afterEach(async ({ request }) => {
	const health = await request.get('/api/health');
	expect(health.status()).toBe(200);
	expect(await health.json()).toEqual({ ok: true, storage: 'sqlite' });
});

test('health answers ok with the storage in use', async ({ request }) => {
	const res = await request.get('/api/health');
	expect(await res.json()).toEqual({ ok: true, storage: 'sqlite' });
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
	const csv = await (await request.get('/api/admin/export/household_pilot/household_pilot.csv')).text();
	expect(csv).not.toContain(items[0].id);
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

test('a resend is a duplicate; other content under the same id is a conflict; the first stays', async ({ request }) => {
	const first = submission();
	const send = async (s: object) => (await (await post(request, JSON.stringify({ submissions: [s] }))).json()).results[0];
	expect(await send(first)).toEqual({ id: first.id, status: 'created' });
	expect(await send(first)).toEqual({ id: first.id, status: 'duplicate' });
	expect(await send({ ...first, answers: { ...first.answers, hh_size: 5 } })).toEqual({ id: first.id, status: 'conflict' });
	const csv = await (await request.get('/api/admin/export/household_pilot/household_pilot.csv')).text();
	expect(csv.split('\r\n')).toContain(`martuni,Карине,1,no,,,1,0,,,${first.id}`);
});

test('the export of an unknown form is a 404', async ({ request }) => {
	expect((await request.get('/api/admin/export/nope/nope.csv')).status()).toBe(404);
	expect((await request.get('/api/admin/export/household_pilot/other.csv')).status()).toBe(404);
});
