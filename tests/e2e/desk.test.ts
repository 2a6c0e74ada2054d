/**
 * The supervisor's desk, Submissions: after two enumerators synced sixty refusals, the
 * supervisor signs in, pages through the table, filters to one enumerator, opens an interview
 * (its answers as the questionnaire reads, its paradata), marks it "has issues" with a comment,
 * and finds the state in the table and through GET /api/admin/submissions?review=hasIssues.
 */
import { expect, test } from '@playwright/test';
import { adminToken } from '../../playwright.config';
import { asAdmin, createEnumerator, uniqueName, useEnglish } from './helpers';

/** A refusal at consent on day `day` of November, minute `n`: the place a listed settlement or one typed in. */
function refusal(day: number, n: number, place: { settlement: string } | { other: string }) {
	const startedAt = `2026-11-${day}T09:${String(n % 60).padStart(2, '0')}:00Z`;
	const answers =
		'other' in place
			? { site_type: 'armenia', settlement: 'other', settlement_other: place.other, consent: 'no' }
			: { site_type: 'martuni', settlement: place.settlement, consent: 'no' };
	return {
		id: crypto.randomUUID(),
		formId: 'household_migration',
		formVersion: '2026-12-01',
		deviceId: 'desk-test',
		startedAt,
		finalizedAt: `2026-11-${day}T09:${String(n % 60).padStart(2, '0')}:00Z`.replace('T09:', 'T10:'),
		language: 'hy',
		answers,
		meta: {
			events: [
				{ type: 'start', t: startedAt },
				{ type: 'answer', t: startedAt, screen: 'interview', path: 'settlement', value: answers.settlement },
				{ type: 'answer', t: startedAt, screen: 'consent_block', path: 'consent', value: 'no' }
			]
		}
	};
}

interface Page {
	items: { id: string; enumerator: string; reviewState: string; settlement: string | null; durationSeconds: number }[];
	total: number;
	next: string | null;
}

test('the desk pages, filters, opens a submission and marks it "has issues" with a comment', async ({ browser, request }, testInfo) => {
	const [a, b] = [await createEnumerator(request, uniqueName('Desk Anahit')), await createEnumerator(request, uniqueName('Desk Babken'))];
	const mine = Array.from({ length: 40 }, (_, n) =>
		refusal(20 + (n % 5), n, n % 2 ? { settlement: 'chartar' } : { other: `Village ${n}` })
	);
	const theirs = Array.from({ length: 20 }, (_, n) => refusal(26, n, { settlement: 'sos' }));
	for (const [enumerator, items] of [
		[a, mine],
		[b, theirs]
	] as const) {
		const sent = await request.post('/api/submissions', {
			headers: { authorization: `Bearer ${enumerator.token}` },
			data: { submissions: items }
		});
		expect(sent.status()).toBe(200);
		expect(((await sent.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(items.map(() => 'created'));
	}

	// The API: newest first, counted, paged by the cursor; its parameters checked.
	const get = async (query: string) => (await request.get(`/api/admin/submissions?${query}`, { headers: asAdmin })).json() as Promise<Page>;
	// Other tests may send at the same time: what is checked unfiltered holds whatever they add.
	const all = await get('');
	expect(all.items).toHaveLength(50);
	expect(all.total).toBeGreaterThanOrEqual(60);
	expect(all.next).not.toBeNull();
	const onlyTheirs = await get(`enumerator=${b.id}`);
	expect(onlyTheirs.total).toBe(20);
	expect(onlyTheirs.items[0]).toMatchObject({
		id: theirs.at(-1)!.id,
		enumerator: b.name,
		settlement: 'sos',
		settlementLabel: { en: 'Sos' },
		durationSeconds: 3600,
		breakOff: false,
		reviewState: 'received'
	});
	const onlyMine = await get(`enumerator=${a.id}&limit=15`);
	expect(onlyMine.total).toBe(40);
	const walked = [...onlyMine.items];
	for (let next = onlyMine.next; next;) {
		const page = await get(`enumerator=${a.id}&limit=15&cursor=${next}`);
		walked.push(...page.items);
		next = page.next;
	}
	expect(walked.map((i) => i.id)).toEqual(mine.map((s) => s.id).reverse());
	expect((await get(`enumerator=${a.id}&settlement=chartar`)).total).toBe(20);
	expect((await get(`enumerator=${a.id}&settlement=2`)).total).toBe(20); // chartar's code
	expect((await get(`enumerator=${a.id}&from=2026-11-21&to=2026-11-22`)).total).toBe(16);
	for (const [query, error] of [
		['limit=0', 'limit must be a whole number from 1 to 500'],
		['limit=501', 'limit must be a whole number from 1 to 500'],
		['cursor=nonsense', 'cursor: not a cursor this server gave (use "next" of the page before)'],
		['from=2026-11-31x', 'from must be a date as YYYY-MM-DD'],
		[
			'flag=speeder,fast',
			'flag: unknown flag "fast"; give one or more (comma-separated) of speeder, straightLining, dontKnow, duplicate, location, answerChanges'
		]
	]) {
		const refused = await request.get(`/api/admin/submissions?${query}`, { headers: asAdmin });
		expect(refused.status(), query).toBe(400);
		expect(await refused.json()).toEqual({ error });
	}

	// The desk, signed in with a name, at 1280×800.
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const desk = await context.newPage();
	await desk.goto('/admin');
	await useEnglish(desk);
	await desk.getByLabel('Your name (recorded with your review actions)').fill('Desk supervisor');
	await desk.getByLabel('Admin token').fill(adminToken);
	await desk.getByRole('button', { name: 'Sign in' }).click();
	const section = desk.getByRole('region', { name: 'Submissions' });
	const status = section.getByRole('status').first();
	await expect(status).toContainText(/Matching submissions: \d+ · Rows 1 to 50 of \d+/);
	const rows = section.getByRole('table').first().getByRole('row');
	await expect(rows).toHaveCount(51);

	// Next and Previous.
	await section.getByRole('button', { name: 'Next' }).click();
	await expect(status).toContainText(/Rows 51 to \d+ of \d+/);
	await expect(section.getByRole('button', { name: 'Previous' })).toBeEnabled();
	await section.getByRole('button', { name: 'Previous' }).click();
	await expect(status).toContainText(/Rows 1 to 50 of \d+/);
	await expect(section.getByRole('button', { name: 'Previous' })).toBeDisabled();

	// One enumerator: her 40, newest first, no further page.
	await section.getByLabel('Enumerator').selectOption({ label: a.name });
	await section.getByRole('button', { name: 'Show' }).click();
	await expect(status).toContainText('Matching submissions: 40');
	await expect(status).toContainText('Rows 1 to 40 of 40');
	await expect(rows).toHaveCount(41);
	await expect(section.getByRole('button', { name: 'Next' })).toBeDisabled();
	const newest = mine.at(-1)!; // n = 39: chartar
	const first = rows.nth(1);
	// A refusal's audit log holds no time on screens: a speeder, whatever threshold another test sets.
	await expect(first.getByRole('cell')).toHaveText([
		/\d{2}:\d{2}/,
		a.name,
		'Chartar',
		'60 min',
		'Received',
		/^Speeder: 0 min on screens, under \d+$/
	]);
	await expect(rows.nth(2).getByRole('cell').nth(2)).toHaveText('Another place (specify)');

	await section.getByRole('heading', { name: 'Submissions' }).scrollIntoViewIfNeeded();
	await desk.screenshot({ path: testInfo.outputPath('desk-table-1280x800.png') });
	await testInfo.attach('the table at 1280×800', { path: testInfo.outputPath('desk-table-1280x800.png'), contentType: 'image/png' });

	// Open it: the answers as the questionnaire reads, the paradata timeline.
	await first.getByRole('button').click();
	const opened = section.getByRole('region');
	await expect(opened.getByRole('heading', { level: 3 })).toBeFocused();
	await expect(opened.getByText('Does the respondent agree to take part in the interview?')).toBeVisible();
	await expect(opened.locator('dd').filter({ hasText: /^No$/ })).toHaveCount(1);
	await expect(opened.locator('dd').filter({ hasText: /^Chartar$/ })).toHaveCount(1);
	const timeline = opened.getByRole('table');
	await expect(timeline.getByRole('row')).toHaveCount(4);
	await expect(timeline.getByRole('row').nth(3).getByRole('cell')).toHaveText([/\d{2}:\d{2}/, 'answer', 'consent_block · consent', 'no']);
	await expect(opened.getByText('Not reviewed yet.')).toBeVisible();

	// Has issues, with a comment: the state shows in the opened submission, its history, and the table.
	await opened.getByLabel('Comment (optional)').fill('Ask again why they refused');
	await opened.getByRole('button', { name: 'Mark "has issues"' }).click();
	await expect(opened.getByRole('status')).toHaveText('Review saved: Has issues.');
	await expect(opened.getByRole('listitem').filter({ hasText: 'by Desk supervisor' })).toHaveText([
		/^Has issues, by Desk supervisor, .+Ask again why they refused/
	]);
	await expect(opened.getByRole('list', { name: 'Flags' }).getByRole('listitem')).toHaveText([/^Speeder: 0 min on screens, under \d+$/]);
	await expect(first.getByRole('cell').nth(4)).toHaveText('Has issues');
	await desk.screenshot({ path: testInfo.outputPath('desk-opened-1280x800.png') });
	await testInfo.attach('an opened submission at 1280×800', {
		path: testInfo.outputPath('desk-opened-1280x800.png'),
		contentType: 'image/png'
	});

	// The filter of the table and of the API find it.
	await section.getByLabel('Review state').selectOption({ label: 'Has issues' });
	await section.getByRole('button', { name: 'Show' }).click();
	await expect(status).toContainText('Matching submissions: 1');
	await expect(rows).toHaveCount(2);
	const flagged = await get(`review=hasIssues&enumerator=${a.id}`);
	expect(flagged.items.map((i) => [i.id, i.reviewState])).toEqual([[newest.id, 'hasIssues']]);
	expect((await get('review=hasIssues')).items.map((i) => i.id)).toContain(newest.id);
	const review = (await (await request.get(`/api/admin/submissions/${newest.id}`, { headers: asAdmin })).json()) as Record<string, unknown>;
	expect(review).toMatchObject({
		id: newest.id,
		reviewState: 'hasIssues',
		history: [{ state: 'hasIssues', comment: 'Ask again why they refused', by: 'Desk supervisor' }],
		submission: { id: newest.id, enumeratorId: a.id, answers: newest.answers },
		formTitle: { en: expect.any(String) }
	});
	await context.close();
});
