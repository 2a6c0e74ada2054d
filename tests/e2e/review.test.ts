/**
 * A supervisor reviews a submission through the admin API, signed in by name: the state and
 * its history with who and when, the export's ReviewState and its `review` filter follow;
 * an unknown state is a 400, an unknown id a 404, and an enumerator's token is refused.
 */
import { expect, request as http, test } from '@playwright/test';
import { adminToken } from '../../playwright.config';
import { strFromU8, unzipSync } from 'fflate';
import { csvRecords } from '../support/csv';
import { createEnumerator, uniqueName } from './helpers';

function refusal(place: string) {
	return {
		id: crypto.randomUUID(),
		formId: 'household_migration',
		formVersion: '2026-12-01',
		deviceId: 'review-test',
		startedAt: '2026-11-30T08:00:00Z',
		finalizedAt: '2026-11-30T08:15:00Z',
		language: 'hy',
		answers: { site_type: 'armenia', settlement: 'other', settlement_other: place, consent: 'no' }
	};
}

test('a supervisor marks a submission "has issues" with a comment, then approves it: history, export and filter follow', async ({
	request,
	baseURL
}) => {
	const enumerator = await createEnumerator(request, uniqueName('Reviewed'));
	const [a, b] = [refusal(uniqueName('Գյուղ')), refusal(uniqueName('Գյուղ'))];
	const sent = await request.post('/api/submissions', {
		headers: { authorization: `Bearer ${enumerator.token}` },
		data: { submissions: [a, b] }
	});
	expect(sent.status()).toBe(200);

	// Signed in as a person: the review records her name.
	const desk = await http.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
	const signedIn = await desk.post('/api/admin/session', { data: { token: adminToken, name: 'Լուսինե Հակոբյան' } });
	expect(signedIn.status()).toBe(200);
	expect((await (await desk.get(`/api/admin/submissions/${a.id}`)).json()).reviewState).toBe('received');

	const marked = await desk.patch(`/api/admin/submissions/${a.id}`, {
		data: { reviewState: 'hasIssues', comment: 'Ask again why they refused' }
	});
	expect(marked.status()).toBe(200);
	const first = await marked.json();
	expect(first).toEqual({
		id: a.id,
		reviewState: 'hasIssues',
		history: [{ state: 'hasIssues', comment: 'Ask again why they refused', by: 'Լուսինե Հակոբյան', at: expect.any(String) }]
	});
	expect(Math.abs(Date.parse(first.history[0].at) - Date.now())).toBeLessThan(60_000);

	// The archive's main table carries the state; its review filter keeps only what it names.
	const archive = async (query = '') => {
		const response = await request.get(`/api/admin/export/household_migration/household_migration.zip${query}`, {
			headers: { authorization: `Bearer ${adminToken}` }
		});
		expect(response.status()).toBe(200);
		const files = unzipSync(await response.body());
		return csvRecords(strFromU8(files['household_migration.csv']));
	};
	const rows = await archive();
	const state = (id: string) => rows.find((r) => r.KEY === id)?.ReviewState;
	expect([state(a.id), state(b.id)]).toEqual(['hasIssues', 'received']);
	// Other tests on this server review submissions of their own: only these two are looked at.
	const keys = async (query: string) => (await archive(query)).map((r) => r.KEY).filter((k) => k === a.id || k === b.id);
	expect(await keys('?review=hasIssues')).toEqual([a.id]);
	expect(await keys('?review=received,approved')).toEqual([b.id]);

	const approved = await desk.patch(`/api/admin/submissions/${a.id}`, { data: { reviewState: 'approved' } });
	expect((await approved.json()).history.map((h: { state: string; comment: string | null }) => [h.state, h.comment])).toEqual([
		['hasIssues', 'Ask again why they refused'],
		['approved', null]
	]);

	// Refused: an unknown state (nothing changes), an unknown id, an enumerator's token.
	const unknown = await desk.patch(`/api/admin/submissions/${a.id}`, { data: { reviewState: 'fine' } });
	expect(unknown.status()).toBe(400);
	expect((await unknown.json()).error).toMatch(/reviewState/);
	expect((await (await desk.get(`/api/admin/submissions/${a.id}`)).json()).reviewState).toBe('approved');
	expect((await desk.patch(`/api/admin/submissions/${crypto.randomUUID()}`, { data: { reviewState: 'approved' } })).status()).toBe(404);
	const asEnumerator = await request.patch(`/api/admin/submissions/${b.id}`, {
		headers: { authorization: `Bearer ${enumerator.token}` },
		data: { reviewState: 'approved' }
	});
	expect(asEnumerator.status()).toBe(401);
	await desk.dispose();
});
