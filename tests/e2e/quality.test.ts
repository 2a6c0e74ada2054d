/**
 * Data-quality flags on the desk. The API: thresholds read and set (bad ones refused with 400),
 * flags computed when households arrive (a speeder with its minutes, a duplicate household
 * flagging both), the desk filtered by flag (a comma list, repeated, an unknown one refused),
 * one submission's flags, and every submission flagged again when a threshold changes. The
 * page: a supervisor sees the speeder with its reason, filters to the flagged ones, raises the
 * speeder threshold, and sees the list change. The thresholds are the server's, shared by the
 * tests running beside these: the tests run one after the other and put the default back.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { adminToken } from '../../playwright.config';
import { asAdmin, createEnumerator, uniqueName, useEnglish } from './helpers';
import { brokenOffHousehold } from './quality-seed';

test.describe.configure({ mode: 'serial' });

const DEFAULTS = { speederMinutes: 20, scaleItems: 5, dontKnow: 10, locationKm: 5, answerChanges: 5 };

interface Flag {
	flag: string;
	reason: string;
	[detail: string]: unknown;
}
interface Page {
	items: { id: string; flags: Flag[] }[];
	total: number;
}

/** A new enumerator sends a speeder (10 minutes), a household of 40 minutes and twins of 50 minutes each (one household sent twice). */
async function seed(request: APIRequestContext) {
	const enumerator = await createEnumerator(request, uniqueName('Quality'));
	const tag = uniqueName('hh');
	const speeder = brokenOffHousehold(10, [`Speedy ${tag}`, `Spouse ${tag}`]);
	const steady = brokenOffHousehold(40, [`Steady ${tag}`, `Spouse ${tag}`]);
	const twin = brokenOffHousehold(50, [`Twin ${tag}`, `Spouse ${tag}`]);
	const again = { ...brokenOffHousehold(50, [`Twin ${tag}`, `Spouse ${tag}`], 11) };
	for (const batch of [[speeder, steady, twin], [again]]) {
		const sent = await request.post('/api/submissions', {
			headers: { authorization: `Bearer ${enumerator.token}` },
			data: { submissions: batch }
		});
		expect(sent.status()).toBe(200);
		expect(((await sent.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(batch.map(() => 'created'));
	}
	return { enumerator, speeder, steady, twin, again };
}

const put = (request: APIRequestContext, data: unknown) => request.put('/api/admin/quality', { headers: asAdmin, data });

test('the flags through the API: computed on arrival, filtered, shown, recomputed when a threshold changes', async ({ request }) => {
	const got = await request.get('/api/admin/quality', { headers: asAdmin });
	expect(got.status()).toBe(200);
	expect(await got.json()).toMatchObject({ thresholds: DEFAULTS, counts: { speeder: expect.any(Number), duplicate: expect.any(Number) } });

	for (const [data, error] of [
		[{ ...DEFAULTS, speederMinutes: 0 }, 'speederMinutes: at least 1'],
		[{ ...DEFAULTS, scaleItems: 4.5 }, 'scaleItems: a whole number'],
		[{ ...DEFAULTS, locationKm: 'far' }, 'locationKm: a number of km'],
		[{ ...DEFAULTS, answerChanges: undefined }, 'answerChanges: a whole number'],
		[{ ...DEFAULTS, fast: 1 }, expect.stringContaining('nothing else')],
		[[DEFAULTS], expect.stringContaining('nothing else')]
	] as const) {
		const refused = await put(request, data);
		expect(refused.status(), JSON.stringify(data)).toBe(400);
		expect(await refused.json()).toMatchObject({ error });
	}

	const { enumerator, speeder, steady, twin, again } = await seed(request);
	const get = async (query: string) => {
		const response = await request.get(`/api/admin/submissions?enumerator=${enumerator.id}&${query}`, { headers: asAdmin });
		expect(response.status(), query).toBe(200);
		return (await response.json()) as Page;
	};
	const ids = (page: Page) => page.items.map((i) => i.id);

	const speeders = await get('flag=speeder');
	expect(ids(speeders)).toEqual([speeder.id]);
	expect(speeders.items[0].flags).toContainEqual({
		flag: 'speeder',
		reason: '10 minutes on screens, under 20',
		minutes: 10,
		threshold: 20
	});
	// The duplicate found when the second copy arrived flags both, each naming the other.
	const duplicates = await get('flag=duplicate');
	expect(ids(duplicates)).toEqual([again.id, twin.id]);
	expect(duplicates.items[1].flags).toContainEqual({
		flag: 'duplicate',
		reason: `same place and roster as ${again.id}`,
		others: [again.id]
	});
	expect(ids(await get('flag=speeder,duplicate'))).toEqual([again.id, twin.id, speeder.id]);
	expect(ids(await get('flag=speeder&flag=duplicate'))).toEqual([again.id, twin.id, speeder.id]);
	expect((await get('')).total).toBe(4);
	const unknown = await request.get('/api/admin/submissions?flag=lazy', { headers: asAdmin });
	expect(unknown.status()).toBe(400);
	expect(await unknown.json()).toEqual({
		error:
			'flag: unknown flag "lazy"; give one or more (comma-separated) of speeder, straightLining, dontKnow, duplicate, location, answerChanges'
	});

	const opened = await request.get(`/api/admin/submissions/${speeder.id}`, { headers: asAdmin });
	expect(((await opened.json()) as { flags: Flag[] }).flags.map((f) => f.flag)).toContain('speeder');

	// A higher threshold: the 40-minute household is a speeder now; the twins (50) are not.
	try {
		const raised = await put(request, { ...DEFAULTS, speederMinutes: 45 });
		expect(raised.status()).toBe(200);
		const body = (await raised.json()) as { thresholds: typeof DEFAULTS; counts: Record<string, number> };
		expect(body.thresholds).toEqual({ ...DEFAULTS, speederMinutes: 45 });
		expect(body.counts.speeder).toBeGreaterThanOrEqual(2);
		expect(ids(await get('flag=speeder'))).toEqual([steady.id, speeder.id]);
		expect((await get('flag=speeder')).items[1].flags).toContainEqual(
			expect.objectContaining({ reason: '10 minutes on screens, under 45' })
		);
		expect(ids(await get('flag=duplicate'))).toEqual([again.id, twin.id]);
	} finally {
		expect((await put(request, DEFAULTS)).status()).toBe(200);
	}
	expect(ids(await get('flag=speeder'))).toEqual([speeder.id]);
});

test('a supervisor sees a speeder flagged with its reason, filters by flag, raises the threshold and sees the list change', async ({
	browser,
	request
}) => {
	const { enumerator, speeder } = await seed(request);
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const desk = await context.newPage();
	try {
		await desk.goto('/admin');
		await useEnglish(desk);
		await desk.getByLabel('Your name (recorded with your review actions)').fill('Quality supervisor');
		await desk.getByLabel('Admin token').fill(adminToken);
		await desk.getByRole('button', { name: 'Sign in' }).click();
		const section = desk.getByRole('region', { name: 'Submissions' });
		const filters = section.getByRole('form', { name: 'Filter the submissions' });
		const status = section.getByRole('status').first();
		const rows = section.getByRole('table').first().getByRole('row');

		// This enumerator's four: the speeder's row says why, the twins say whom they repeat.
		await filters.getByLabel('Enumerator').selectOption({ label: enumerator.name });
		await filters.getByRole('button', { name: 'Show' }).click();
		await expect(status).toContainText('Matching submissions: 4');
		const speederRow = rows.filter({ hasText: 'Speeder' });
		await expect(speederRow).toHaveCount(1);
		await expect(speederRow.getByRole('listitem').filter({ hasText: 'Speeder' })).toHaveText('Speeder: 10 min on screens, under 20');
		await expect(rows.filter({ hasText: 'Possible duplicate household: same place and roster as' })).toHaveCount(2);

		// Only the speeders.
		await filters.getByLabel('Flag').selectOption({ label: 'Speeder' });
		await filters.getByRole('button', { name: 'Show' }).click();
		await expect(status).toContainText('Matching submissions: 1');
		await expect(rows).toHaveCount(2);

		// Raised to 45 minutes: the 40-minute household joins the list, read again at once.
		const thresholds = section.getByRole('form', { name: 'Thresholds' });
		await thresholds.getByLabel('Speeder: interview time under (minutes)').fill('45');
		await thresholds.getByRole('button', { name: 'Save and flag again' }).click();
		await expect(section.getByRole('status').filter({ hasText: 'Thresholds saved' })).toBeVisible();
		await expect(status).toContainText('Matching submissions: 2');
		await expect(rows).toHaveCount(3);
		await expect(rows.nth(2).getByRole('listitem').filter({ hasText: 'Speeder' })).toHaveText('Speeder: 10 min on screens, under 45');
		const response = await request.get(`/api/admin/submissions/${speeder.id}`, { headers: asAdmin });
		expect(((await response.json()) as { flags: Flag[] }).flags).toContainEqual(expect.objectContaining({ threshold: 45 }));

		// A threshold the server refuses is said.
		await thresholds.getByLabel('Answer changed: at least (times)').fill('1');
		await thresholds.getByLabel('Answer changed: at least (times)').evaluate((input: HTMLInputElement) => input.removeAttribute('min'));
		await thresholds.getByRole('button', { name: 'Save and flag again' }).click();
		await expect(section.getByRole('alert')).toContainText('answerChanges: at least 2');
	} finally {
		await context.close();
		expect((await put(request, DEFAULTS)).status()).toBe(200);
	}
});
