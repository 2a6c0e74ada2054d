/**
 * Settling a conflict through the admin API (both stores: the postgres-api project runs it
 * too): POST /api/admin/conflicts/<submission id>/resolve {"keep":"stored"|"new"} answers
 * {id, keep, by, at} with the name given at sign-in; a bad body is a 400, an unknown id or a
 * submission without an open conflict a 404; afterwards a resend of either content is a
 * duplicate, a third content a conflict, and the export holds the kept content.
 */
import { expect, request as http, test, type APIRequestContext } from '@playwright/test';
import { adminToken } from '../../playwright.config';
import { asAdmin, createEnumerator, exportRows, uniqueName } from './helpers';

function refusal(place: string) {
	return {
		id: crypto.randomUUID(),
		formId: 'household_migration',
		formVersion: '2026-12-01',
		deviceId: 'conflicts-api-test',
		startedAt: '2026-11-28T08:00:00Z',
		finalizedAt: '2026-11-28T08:15:00Z',
		language: 'hy',
		answers: { site_type: 'armenia', settlement: 'other', settlement_other: place, consent: 'no' }
	};
}

async function send(request: APIRequestContext, token: string, items: object[]): Promise<string[]> {
	const response = await request.post('/api/submissions', { headers: { authorization: `Bearer ${token}` }, data: { submissions: items } });
	expect(response.status()).toBe(200);
	return ((await response.json()) as { results: { status: string }[] }).results.map((r) => r.status);
}

interface Listed {
	id: string;
	enumeratorId: string | null;
	receivedAt: string;
	submission: { answers: Record<string, unknown> };
	stored: { answers: Record<string, unknown>; enumeratorId: string | null } | null;
	resolution: { keep: string; by: string; at: string } | null;
	lines: { label: { en: string }; stored?: { text?: string }; new?: { text?: string }; differs: boolean }[];
}

test('keeping the new version: recorded with who and when, either content then a duplicate, the export holds the new one', async ({
	request,
	baseURL
}) => {
	const [ani, aram] = [
		await createEnumerator(request, uniqueName('Conflict Ani')),
		await createEnumerator(request, uniqueName('Conflict Aram'))
	];
	const first = refusal(uniqueName('Առաջին'));
	const second = { ...first, answers: { ...first.answers, settlement_other: uniqueName('Երկրորդ') } };
	expect(await send(request, ani.token, [first])).toEqual(['created']);
	expect(await send(request, aram.token, [second])).toEqual(['conflict']);

	const desk = await http.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
	expect((await desk.post('/api/admin/session', { data: { token: adminToken, name: 'Լուսինե Հակոբյան' } })).status()).toBe(200);
	const listed = (await (await desk.get('/api/admin/conflicts')).json()) as Listed[];
	const mine = listed.filter((c) => c.id === first.id);
	expect(mine).toHaveLength(1);
	expect(mine[0]).toMatchObject({ enumeratorId: aram.id, submission: second, resolution: null, stored: { answers: first.answers } });
	expect(mine[0].lines.find((l) => l.differs)).toMatchObject({
		stored: { text: first.answers.settlement_other },
		new: { text: second.answers.settlement_other }
	});

	// Refused: bad bodies (nothing changes), an unknown id, a submission without a conflict, an enumerator's token.
	const resolve = (id: string, data: unknown, context = desk) =>
		context.post(`/api/admin/conflicts/${id}/resolve`, { data, headers: { 'content-type': 'application/json' } });
	for (const [body, message] of [
		[{}, /keep/],
		[{ keep: 'both' }, /keep: give "stored" or "new"/],
		[{ keep: 'new', also: 1 }, /keep/],
		[Buffer.from('{"keep": '), /not valid JSON/],
		['new', /give \{"keep": "stored"\} or \{"keep": "new"\}/]
	] as const) {
		const refused = await resolve(first.id, body);
		expect(refused.status(), JSON.stringify(body)).toBe(400);
		expect((await refused.json()).error).toMatch(message);
	}
	expect((await resolve(crypto.randomUUID(), { keep: 'new' })).status()).toBe(404);
	const calm = refusal(uniqueName('Հանգիստ'));
	expect(await send(request, ani.token, [calm])).toEqual(['created']);
	expect((await resolve(calm.id, { keep: 'new' })).status()).toBe(404);
	const asEnumerator = await request.post(`/api/admin/conflicts/${first.id}/resolve`, {
		headers: { authorization: `Bearer ${ani.token}` },
		data: { keep: 'new' }
	});
	expect(asEnumerator.status()).toBe(401);

	const kept = await resolve(first.id, { keep: 'new' });
	expect(kept.status()).toBe(200);
	const choice = await kept.json();
	expect(choice).toEqual({ id: first.id, keep: 'new', by: 'Լուսինե Հակոբյան', at: expect.any(String) });
	expect(Math.abs(Date.parse(choice.at) - Date.now())).toBeLessThan(60_000);
	// Settled: no longer open, listed with ?resolved=1 beside the version it replaced; settling again is a 404.
	expect(((await (await desk.get('/api/admin/conflicts')).json()) as Listed[]).filter((c) => c.id === first.id)).toEqual([]);
	const settled = ((await (await desk.get('/api/admin/conflicts?resolved=1')).json()) as Listed[]).filter((c) => c.id === first.id);
	expect(settled).toMatchObject([
		{ resolution: { keep: 'new', by: 'Լուսինե Հակոբյան', at: choice.at }, stored: { answers: first.answers, enumeratorId: ani.id } }
	]);
	expect((await resolve(first.id, { keep: 'stored' })).status()).toBe(404);
	expect((await desk.get('/api/admin/conflicts?resolved=yes')).status()).toBe(400);

	const row = async (id: string) => (await exportRows(request)).filter((r) => r.KEY === id);
	expect(await row(first.id)).toEqual([
		expect.objectContaining({ settlement_other: second.answers.settlement_other, enumerator_id: aram.id })
	]);
	// Either content again is a duplicate; a third is a conflict, open again.
	expect(await send(request, ani.token, [first, second])).toEqual(['duplicate', 'duplicate']);
	const third = { ...first, answers: { ...first.answers, settlement_other: uniqueName('Երրորդ') } };
	expect(await send(request, ani.token, [third])).toEqual(['conflict']);
	const open = ((await (await request.get('/api/admin/conflicts', { headers: asAdmin })).json()) as Listed[]).filter(
		(c) => c.id === first.id
	);
	expect(open).toMatchObject([{ submission: third, stored: { answers: second.answers }, resolution: null }]);
	expect(await row(first.id)).toEqual([expect.objectContaining({ settlement_other: second.answers.settlement_other })]);
	await desk.dispose();
});

test('keeping the stored version: the stored content stays in the export, and a resend of either is a duplicate', async ({ request }) => {
	const ani = await createEnumerator(request, uniqueName('Conflict Ani'));
	const first = refusal(uniqueName('Առաջին'));
	const second = { ...first, language: 'ru', answers: { ...first.answers, settlement_other: uniqueName('Второй') } };
	expect(await send(request, ani.token, [first, second])).toEqual(['created', 'conflict']);
	const kept = await request.post(`/api/admin/conflicts/${first.id}/resolve`, { headers: asAdmin, data: { keep: 'stored' } });
	expect(kept.status()).toBe(200);
	// With the token alone (no sign-in), "admin token" is recorded as who.
	expect(await kept.json()).toEqual({ id: first.id, keep: 'stored', by: 'admin token', at: expect.any(String) });
	expect(await send(request, ani.token, [second, first])).toEqual(['duplicate', 'duplicate']);
	const rows = (await exportRows(request)).filter((r) => r.KEY === first.id);
	expect(rows).toEqual([expect.objectContaining({ settlement_other: first.answers.settlement_other })]);
});
