/**
 * Bad input, as a broken device, a curious user or an attacker would send it: every case is
 * answered with its fixed 4xx or with `invalid` for the item, nothing of it is stored, the
 * good item beside it in the same batch is stored, and the server stays up. The same cases
 * run against SQLite and PostgreSQL (projects `sqlite` and `postgres-api`).
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { asAdmin, createEnumerator, exportRows, uniqueName } from './helpers';

const storage = () => test.info().project.metadata.storage as 'sqlite' | 'postgres';

function good(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		id: crypto.randomUUID(),
		formId: 'household_migration',
		formVersion: '2026-12-01',
		deviceId: 'bad-input',
		startedAt: '2026-11-30T08:00:00Z',
		finalizedAt: '2026-11-30T08:15:00Z',
		language: 'hy',
		answers: { site_type: 'armenia', settlement: 'other', settlement_other: 'Բարի', consent: 'no' },
		...overrides
	};
}
const withAnswers = (answers: Record<string, unknown>) => {
	const item = good();
	return { ...item, answers: { ...(item.answers as object), ...answers } };
};
const consenting = (answers: Record<string, unknown>) =>
	good({ answers: { site_type: 'armenia', settlement: 'yerevan', consent: 'yes', ...answers } });
const without = (key: string) => {
	const item = good();
	delete item[key];
	return item;
};
function nested(depth: number): unknown {
	let value: unknown = 'deep';
	for (let i = 0; i < depth; i++) value = [value];
	return value;
}
const event = (i: number) => ({ t: 1_796_000_000_000 + i, type: 'answer', path: 'consent', value: 'no' });

/** Items that must each come back `invalid`, with a reason, while the good item beside them is stored. */
const invalidItems: Record<string, unknown> = {
	'a number': 42,
	'a string': 'submission',
	null: null,
	'an array': [good()],
	'an empty object': {},
	'id not a UUID': good({ id: '12345' }),
	'id a number': good({ id: 12345 }),
	'id with a NUL': good({ id: `${crypto.randomUUID()}\u0000` }),
	'id of 10,000 characters': good({ id: 'x'.repeat(10_000) }),
	...Object.fromEntries(
		['id', 'formId', 'formVersion', 'deviceId', 'startedAt', 'finalizedAt', 'language', 'answers'].map((k) => [`without ${k}`, without(k)])
	),
	...Object.fromEntries(
		['formId', 'formVersion', 'deviceId', 'startedAt', 'finalizedAt', 'language'].map((k) => [`${k} a number`, good({ [k]: 7 })])
	),
	...Object.fromEntries(['formId', 'formVersion', 'deviceId', 'startedAt', 'language'].map((k) => [`${k} null`, good({ [k]: null })])),
	'an unknown form': good({ formId: 'no_such_form' }),
	'an unknown version': good({ formVersion: '1999-01-01' }),
	'formId of 65 characters': good({ formId: 'f'.repeat(65) }),
	'deviceId of 129 characters': good({ deviceId: 'd'.repeat(129) }),
	'startedAt not a date': good({ startedAt: 'yesterday' }),
	'startedAt without a time zone': good({ startedAt: '2026-11-30T08:00:00' }),
	'finalizedAt in month 13': good({ finalizedAt: '2026-13-01T08:00:00Z' }),
	'a language not offered': good({ language: 'de' }),
	'answers an array': good({ answers: [] }),
	'answers a string': good({ answers: 'no' }),
	'answers null': good({ answers: null }),
	'answers empty (consent required)': good({ answers: {} }),
	'site_type not a choice': withAnswers({ site_type: 'mars' }),
	'site_type a number': withAnswers({ site_type: 1 }),
	'site_type an array': withAnswers({ site_type: ['armenia'] }),
	'consent "maybe"': withAnswers({ consent: 'maybe' }),
	'consent an object': withAnswers({ consent: { value: 'no' } }),
	'consent true': withAnswers({ consent: true }),
	'a special value that does not exist': withAnswers({ consent: { special: 'unknown' } }),
	'refused where refusal is not allowed': withAnswers({ site_type: { special: 'refused' } }),
	'settlement_other of 2,001 characters': withAnswers({ settlement_other: 'ա'.repeat(2001) }),
	'settlement_other a number': withAnswers({ settlement_other: 17 }),
	'settlement_other with a NUL': withAnswers({ settlement_other: 'Ani\u0000' }),
	'settlement_other with a lone surrogate': withAnswers({ settlement_other: 'Ani\ud800' }),
	'a string of 10,001 characters anywhere': withAnswers({ not_a_question: 'x'.repeat(10_001) }),
	'a key of 201 characters': withAnswers({ ['k'.repeat(201)]: 1 }),
	'a __proto__ key': JSON.parse(
		`{"id":"${crypto.randomUUID()}","formId":"household_migration","formVersion":"2026-12-01","deviceId":"d","startedAt":"2026-11-30T08:00:00Z","finalizedAt":"2026-11-30T08:15:00Z","language":"hy","answers":{"__proto__":{"admin":true},"site_type":"armenia","settlement":"other","settlement_other":"x","consent":"no"}}`
	),
	'a constructor answer': withAnswers({ constructor: 'x' }),
	'nesting 33 deep in answers': withAnswers({ settlement_other: nested(33) }),
	'nesting 2,000 deep in answers': withAnswers({ settlement_other: nested(2000) }),
	'nesting 40 deep in meta': good({ meta: { events: [{ t: 1, type: 'x', value: nested(40) }] } }),
	'resp_age a string': consenting({ resp_age: 'forty' }),
	'resp_age negative': consenting({ resp_age: -5 }),
	'resp_age 500': consenting({ resp_age: 500 }),
	'resp_age 1e300': consenting({ resp_age: 1e300 }),
	'resp_age a fraction': consenting({ resp_age: 38.5 }),
	'hh_moved_year in the future': consenting({ hh_moved_year: 2099 }),
	'hh_forced_from not an array': consenting({ hh_forced_from: 'exodus_2023' }),
	'hh_forced_from with an unknown choice': consenting({ hh_forced_from: ['moon'] }),
	'member not an array': consenting({ member: { m_name: 'Ani' } }),
	'member entries not objects': consenting({ member: ['Ani', 'Gor'] }),
	'member entry null': consenting({ member: [null] }),
	'201 members': consenting({ member: Array.from({ length: 201 }, (_, i) => ({ m_name: `M${i}` })) }),
	'an array of 20,001 elements': withAnswers({ not_a_question: Array.from({ length: 20_001 }, () => 0) }),
	'an object of 5,001 keys': withAnswers(Object.fromEntries(Array.from({ length: 5001 }, (_, i) => [`q${i}`, 1]))),
	'meta a string': good({ meta: 'x' }),
	'meta an array': good({ meta: [] }),
	'meta.referenceDate not a date': good({ meta: { referenceDate: '30/11/2026' } }),
	'meta.breakOff a string': good({ meta: { breakOff: 'tired' } }),
	'meta.breakOff reason of 2,001 characters': good({ meta: { breakOff: { at: 'consent', reason: 'x'.repeat(2001) } } }),
	'meta.confirmed not an array': good({ meta: { confirmed: 'member.1.m_age' } }),
	'meta.confirmed of numbers': good({ meta: { confirmed: [1, 2] } }),
	'meta.events not an array': good({ meta: { events: {} } }),
	'meta.events of strings': good({ meta: { events: ['start'] } }),
	'meta.events of 20,001 events': good({ meta: { events: Array.from({ length: 20_001 }, (_, i) => event(i)) } }),
	'an event of 33 keys': good({ meta: { events: [Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i]))] } }),
	'meta.shown a string': good({ meta: { shown: 'consent' } }),
	'meta.shown of numbers': good({ meta: { shown: { consent_text: 1 } } }),
	'meta.shown of 51 texts': good({ meta: { shown: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`q${i}`, 'text'])) } }),
	'meta.shown with a text of 4,001 characters': good({ meta: { shown: { consent_text: 'ա'.repeat(4001) } } }),
	'meta.deployment a string': good({ meta: { deployment: 'YSU' } }),
	'meta.deployment.institution a string': good({ meta: { deployment: { institution: 'YSU' } } }),
	'meta.deployment.contact without English': good({ meta: { deployment: { contact: { hy: 'Ա', ru: 'А' } } } }),
	'meta.deployment.institution of 4,001 characters': good({
		meta: { deployment: { institution: { hy: 'ա'.repeat(4001), ru: 'а', en: 'a' } } }
	}),
	'meta over 2 million characters': good({
		meta: { events: Array.from({ length: 300 }, (_, i) => ({ ...event(i), old: 'o'.repeat(7000) })) }
	})
};

/** Request-level refusals: [what, content type, body, status]. */
const envelopes: [string, string, string | Buffer, number][] = [
	['not JSON at all', 'application/json', 'hello', 400],
	['JSON cut short', 'application/json', '{"submissions": [', 400],
	['a trailing comma', 'application/json', '{"submissions": [1,]}', 400],
	['single quotes', 'application/json', "{'submissions': []}", 400],
	['an empty body', 'application/json', '', 400],
	['JSON null', 'application/json', 'null', 400],
	['a JSON number', 'application/json', '42', 400],
	['a JSON string', 'application/json', '"submissions"', 400],
	['a JSON array', 'application/json', '[]', 400],
	['an empty object', 'application/json', '{}', 400],
	['submissions null', 'application/json', '{"submissions": null}', 400],
	['submissions an object', 'application/json', '{"submissions": {}}', 400],
	['submissions a string', 'application/json', '{"submissions": "all"}', 400],
	['no items', 'application/json', '{"submissions": []}', 400],
	['101 items', 'application/json', JSON.stringify({ submissions: Array.from({ length: 101 }, () => good()) }), 400],
	['an envelope nested 100,000 deep', 'application/json', `{"submissions":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`, 200],
	['invalid UTF-8', 'application/json', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), 400],
	['text/plain', 'text/plain', '{"submissions": []}', 415],
	['a form post', 'application/x-www-form-urlencoded', 'submissions=1', 415],
	['multipart', 'multipart/form-data; boundary=x', '--x--', 415],
	['XML', 'application/xml', '<submissions/>', 415],
	['JSON with a suffix type', 'application/jsonx', '{}', 415],
	['over 5 MB', 'application/json', `{"submissions":["${'x'.repeat(5 * 1024 * 1024)}"]}`, 413]
];

let tokens: string[] = [];
let requests = 0;
/** A token with room under the per-token rate limit (60 a minute). */
async function token(request: APIRequestContext): Promise<string> {
	if (requests++ % 50 === 0) tokens.push((await createEnumerator(request, uniqueName('Bad input'))).token);
	return tokens.at(-1)!;
}
test.beforeEach(() => {
	tokens = [];
	requests = 0;
});

test('every bad item is invalid with a reason; the good item beside it is stored, the bad one never', async ({ request }) => {
	test.setTimeout(120_000);
	const cases = Object.entries(invalidItems);
	expect(cases.length).toBeGreaterThanOrEqual(80);
	const stored: string[] = [];
	const refusedIds: string[] = [];
	for (const [what, item] of cases) {
		const companion = good();
		const res = await request.post('/api/submissions', {
			headers: { authorization: `Bearer ${await token(request)}`, 'content-type': 'application/json' },
			data: Buffer.from(JSON.stringify({ submissions: [item, companion] }))
		});
		expect(res.status(), what).toBe(200);
		const { results } = (await res.json()) as {
			results: { id: string | null; status: string; errors?: { message: string }[]; moreErrors?: number }[];
		};
		expect(
			results.map((r) => r.status),
			what
		).toEqual(['invalid', 'created']);
		expect(results[0].errors?.length, what).toBeGreaterThan(0);
		expect(results[0].errors!.length, what).toBeLessThanOrEqual(20);
		stored.push(companion.id as string);
		const id = (item as { id?: unknown } | null)?.id;
		if (typeof id === 'string') refusedIds.push(id);
		expect((await request.get('/api/health')).status(), what).toBe(200);
	}
	const keys = new Set((await exportRows(request)).map((r) => r.KEY));
	expect(stored.filter((id) => !keys.has(id))).toEqual([]);
	expect(refusedIds.filter((id) => keys.has(id))).toEqual([]);
	expect((await (await request.get('/api/health')).json()).storage).toBe(storage());
});

test('a stored id sent again with bad content is invalid, the stored row is untouched, and the rest of the batch is stored', async ({
	request
}) => {
	const auth = { authorization: `Bearer ${await token(request)}`, 'content-type': 'application/json' };
	const first = good();
	const send = async (items: unknown[]) =>
		(await (
			await request.post('/api/submissions', { headers: auth, data: Buffer.from(JSON.stringify({ submissions: items })) })
		).json()) as { results: { status: string }[] };
	expect((await send([first])).results.map((r) => r.status)).toEqual(['created']);
	const other = good();
	const bad = { ...first, answers: { ...(first.answers as object), consent: 'maybe' } };
	expect((await send([bad, other, { ...first, language: 42 }])).results.map((r) => r.status)).toEqual(['invalid', 'created', 'invalid']);
	const rows = (await exportRows(request)).filter((r) => r.KEY === first.id || r.KEY === other.id);
	expect(rows.map((r) => [r.KEY, r.consent])).toEqual([
		[first.id, 'no'],
		[other.id, 'no']
	]);
	// Refused content is not a conflict: nothing of it is kept.
	const conflicts = (await (await request.get('/api/admin/conflicts', { headers: asAdmin })).json()) as { id: string }[];
	expect(conflicts.filter((c) => c.id === first.id)).toEqual([]);
});

test('bad requests get their fixed status and a message, and store nothing', async ({ request }) => {
	expect(envelopes.length).toBeGreaterThanOrEqual(20);
	for (const [what, type, body, status] of envelopes) {
		const res = await request.post('/api/submissions', {
			headers: { authorization: `Bearer ${await token(request)}`, 'content-type': type },
			data: typeof body === 'string' ? Buffer.from(body) : body
		});
		expect(res.status(), what).toBe(status);
		const answer = (await res.json()) as { error?: string; results?: { status: string }[] };
		if (status === 200)
			expect(
				answer.results?.map((r) => r.status),
				what
			).toEqual(['invalid']);
		else expect(answer.error, what).toMatch(/\w{3}/);
	}
	for (const [what, headers] of [
		['no token', {}],
		['a wrong token', { authorization: 'Bearer not-a-token' }],
		['a malformed header', { authorization: 'Bearer' }],
		['a Basic header', { authorization: 'Basic dXNlcjpwYXNz' }]
	] as const) {
		const res = await request.post('/api/submissions', {
			headers: { ...headers, 'content-type': 'application/json' },
			data: Buffer.from(JSON.stringify({ submissions: [good()] }))
		});
		expect(res.status(), what).toBe(401);
	}
	expect((await request.get('/api/health')).status()).toBe(200);
});

test('bad bodies for enumerators and deployment settings get their fixed status and a message, and change nothing', async ({ request }) => {
	const target = await createEnumerator(request, uniqueName('Bad input target'), 'male');
	const longName = 'ա'.repeat(101);
	// Other tests make enumerators on this server meanwhile: only what these requests could have touched is compared.
	const listed = async () =>
		((await (await request.get('/api/admin/enumerators', { headers: asAdmin })).json()) as { id: string; name: string }[]).filter(
			(e) => e.id === target.id || ['Ani', 'Nobody', longName, 'A\u0000'].includes(e.name)
		);
	const settings = async () => (await (await request.get('/api/deployment', { headers: asAdmin })).json()) as unknown;
	const [enumeratorsBefore, settingsBefore] = [await listed(), await settings()];
	const raw = (body: string | Buffer, type = 'application/json') => ({ headers: { ...asAdmin, 'content-type': type }, data: body });
	const json = (value: unknown) => raw(Buffer.from(JSON.stringify(value)));
	/** [what, method, path, request, status] */
	const cases: [string, 'post' | 'patch' | 'put', string, ReturnType<typeof raw>, number][] = [
		...(
			[
				['no sex', { name: 'Ani' }],
				['sex "other"', { name: 'Ani', sex: 'other' }],
				['sex null', { name: 'Ani', sex: null }],
				['sex a number', { name: 'Ani', sex: 1 }],
				['sex an array', { name: 'Ani', sex: ['female'] }],
				['no name', { sex: 'female' }],
				['a name of 101 characters', { name: longName, sex: 'female' }],
				['a name with a NUL', { name: 'A\u0000', sex: 'female' }],
				['an array', [{ name: 'Ani', sex: 'female' }]]
			] as const
		).map(([what, body]) => [`new enumerator: ${what}`, 'post', '/api/admin/enumerators', json(body), 400] as (typeof cases)[number]),
		['new enumerator: not JSON', 'post', '/api/admin/enumerators', raw('{"name":'), 400],
		['new enumerator: text/plain', 'post', '/api/admin/enumerators', raw('{}', 'text/plain'), 415],
		['new enumerator: over 4 KB', 'post', '/api/admin/enumerators', json({ name: 'Ani', sex: 'female', pad: 'x'.repeat(5000) }), 413],
		...(
			[
				['nothing to change', {}],
				['sex "other"', { sex: 'other' }],
				['sex null', { sex: null }],
				['an empty name', { name: '   ' }],
				['a name of 101 characters', { name: longName }],
				['null', null]
			] as const
		).map(([what, body]) => [`change: ${what}`, 'patch', `/api/admin/enumerators/${target.id}`, json(body), 400] as (typeof cases)[number]),
		['change: not JSON', 'patch', `/api/admin/enumerators/${target.id}`, raw('nope'), 400],
		['change: text/plain', 'patch', `/api/admin/enumerators/${target.id}`, raw('{}', 'text/plain'), 415],
		['change: an unknown id', 'patch', `/api/admin/enumerators/${crypto.randomUUID()}`, json({ name: 'Nobody' }), 404],
		...(
			[
				['nothing', {}],
				['no contact', { institution: null }],
				['an unknown setting', { institution: null, contact: null, logo: 'x' }],
				['a string', { institution: 'YSU', contact: null }],
				['a missing language', { institution: { hy: 'Ա', ru: 'А' }, contact: null }],
				['an empty language', { institution: { hy: 'Ա', ru: ' ', en: 'A' }, contact: null }],
				['an unknown language', { institution: { hy: 'Ա', ru: 'А', en: 'A', de: 'D' }, contact: null }],
				['a text of 1,001 characters', { institution: null, contact: { hy: 'ա'.repeat(1001), ru: 'а', en: 'a' } }],
				['a NUL', { institution: null, contact: { hy: 'ա', ru: 'а', en: 'a\u0000' } }],
				['an array', []]
			] as const
		).map(([what, body]) => [`deployment: ${what}`, 'put', '/api/admin/deployment', json(body), 400] as (typeof cases)[number]),
		['deployment: not JSON', 'put', '/api/admin/deployment', raw('{'), 400],
		['deployment: text/plain', 'put', '/api/admin/deployment', raw('{}', 'text/plain'), 415],
		['deployment: over 32 KB', 'put', '/api/admin/deployment', json({ institution: null, contact: null, pad: 'x'.repeat(33 * 1024) }), 413]
	];
	for (const [what, method, path, options, status] of cases) {
		const res = await request[method](path, options);
		expect(res.status(), what).toBe(status);
		const answer = (await res.json()) as { error?: string; problems?: { path: string; message: string }[] };
		expect(answer.error, what).toMatch(/\w{3}/);
		if (method === 'put' && status === 400) expect(answer.problems?.length, what).toBeGreaterThan(0);
	}
	expect(await listed()).toEqual(enumeratorsBefore);
	expect(await settings()).toEqual(settingsBefore);
});
