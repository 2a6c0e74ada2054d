/**
 * The supervisor's desk, Progress: two enumerators send completed, refused and broken-off
 * interviews over three days of November 2026 (days no other test sends on); the API counts them
 * apart per day, per enumerator and per settlement, refuses what it cannot read, and keeps the
 * targets; signed in on a 360 px phone, the supervisor sees the chart and its counts, switches
 * to settlements, sets targets and sees them. Serial: the targets are the server's, one set.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { adminToken } from '../../playwright.config';
import { FormEngine } from '../../src/lib/form/index';
import { household20261201 } from '../../src/lib/forms/index';
import { completeHousehold, household } from '../../src/lib/forms/samples';
import { asAdmin, createEnumerator, uniqueName, useEnglish } from './helpers';

test.describe.configure({ mode: 'serial' });

type Kind = 'completed' | 'refused' | 'brokenOff';
function interview(day: number, settlement: 'yerevan' | 'masis', kind: Kind) {
	// Days 27 to 29 are 17 to 19 November 2026: days no other test sends on, and past, so no test
	// sending at today's date (or a few days before) falls on them.
	const startedAt = `2026-11-${day - 10}T09:00:00Z`;
	let answers: Record<string, unknown>;
	if (kind === 'refused') answers = { site_type: 'armenia', settlement, consent: 'no' };
	else if (kind === 'brokenOff') answers = household({ settlement });
	else {
		const engine = new FormEngine(household20261201, { ...completeHousehold(), settlement }, { today: '2026-11-17' });
		engine.enter();
		answers = engine.submission();
	}
	return {
		id: crypto.randomUUID(),
		formId: 'household_migration',
		formVersion: '2026-12-01',
		deviceId: 'progress-test',
		startedAt,
		finalizedAt: startedAt.replace('T09:', 'T10:'),
		language: 'hy',
		answers,
		...(kind === 'brokenOff' ? { meta: { breakOff: { at: 'member', reason: 'The respondent had to leave' } } } : {})
	};
}

const SPAN = 'from=2026-11-17&to=2026-11-19';
interface Series {
	key: string | null;
	label: string | null;
	choiceLabel: { en: string } | null;
	counts: { day: string; completed: number; refused: number; brokenOff: number }[];
	totals: { completed: number; refused: number; brokenOff: number };
	target: number | null;
	completedEver: number | null;
}
interface Progress {
	days: string[];
	series: Series[];
	totals: Series['totals'];
	targets: { daily: number | null; settlements: Record<string, number> };
}
const progress = async (request: APIRequestContext, query: string) => {
	const response = await request.get(`/api/admin/progress?${query}`, { headers: asAdmin });
	expect(response.status(), query).toBe(200);
	return (await response.json()) as Progress;
};
const perDay = (s: Series | undefined) => s?.counts.map((c) => [c.day, c.completed, c.refused, c.brokenOff]);

let a: Awaited<ReturnType<typeof createEnumerator>>;
let b: Awaited<ReturnType<typeof createEnumerator>>;

test.beforeAll(async ({ request }) => {
	a = await createEnumerator(request, uniqueName('Progress Anahit'));
	b = await createEnumerator(request, uniqueName('Progress Babken'), 'male');
	const sent: [typeof a, ReturnType<typeof interview>[]][] = [
		[
			a,
			[
				interview(27, 'yerevan', 'completed'),
				interview(27, 'yerevan', 'completed'),
				interview(27, 'yerevan', 'refused'),
				interview(28, 'masis', 'completed'),
				interview(28, 'masis', 'brokenOff')
			]
		],
		[
			b,
			[
				interview(28, 'yerevan', 'completed'),
				interview(28, 'masis', 'refused'),
				interview(28, 'masis', 'refused'),
				interview(29, 'masis', 'completed')
			]
		]
	];
	for (const [enumerator, items] of sent) {
		const response = await request.post('/api/submissions', {
			headers: { authorization: `Bearer ${enumerator.token}` },
			data: { submissions: items }
		});
		expect(response.status()).toBe(200);
		expect(((await response.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(items.map(() => 'created'));
	}
});

test('the API counts interviews per day, apart by outcome, per enumerator and per settlement, and keeps targets', async ({ request }) => {
	const byEnumerator = await progress(request, SPAN);
	expect(byEnumerator.days).toEqual(['2026-11-17', '2026-11-18', '2026-11-19']);
	expect(byEnumerator.totals).toEqual({ completed: 5, refused: 3, brokenOff: 1 });
	const of = (p: Progress, key: string) => p.series.find((s) => s.key === key);
	expect(perDay(of(byEnumerator, a.id))).toEqual([
		['2026-11-17', 2, 1, 0],
		['2026-11-18', 1, 0, 1],
		['2026-11-19', 0, 0, 0]
	]);
	expect(of(byEnumerator, b.id)).toMatchObject({ label: b.name, totals: { completed: 2, refused: 2, brokenOff: 0 } });

	const bySettlement = await progress(request, `${SPAN}&by=settlement`);
	expect(bySettlement.series.map((s) => [s.key, s.choiceLabel?.en, s.totals])).toEqual([
		['masis', 'Masis', { completed: 2, refused: 2, brokenOff: 1 }],
		['yerevan', 'Yerevan', { completed: 3, refused: 1, brokenOff: 0 }]
	]);
	expect(perDay(of(bySettlement, 'masis'))).toEqual([
		['2026-11-17', 0, 0, 0],
		['2026-11-18', 1, 2, 1],
		['2026-11-19', 1, 0, 0]
	]);

	for (const [query, error] of [
		['by=day', 'by must be enumerator or settlement'],
		['from=2025-02-30', 'from must be a date as YYYY-MM-DD'],
		['from=2026-11-19&to=2026-11-17', 'from must not be after to'],
		['from=2024-01-01&to=2026-11-17', 'from and to span at most 366 days']
	]) {
		const refused = await request.get(`/api/admin/progress?${query}`, { headers: asAdmin });
		expect(refused.status(), query).toBe(400);
		expect(await refused.json()).toEqual({ error });
	}
	expect((await request.get(`/api/admin/progress?form=nothing`, { headers: asAdmin })).status()).toBe(404);
	expect((await request.get(`/api/admin/progress?${SPAN}`)).status()).toBe(401);

	const put = (data: unknown, headers = asAdmin) => request.put('/api/admin/targets', { headers, data });
	for (const [body, error] of [
		[{ form: 'household_migration', daily: 0, settlements: {} }, 'daily: must be a whole number from 1 to 1000, or null'],
		[
			{ form: 'household_migration', daily: 3, settlements: { yerevan: 2.5 } },
			'settlements.yerevan: must be a whole number from 1 to 1000000'
		],
		[{ daily: 3, settlements: {} }, 'form: the id of the form the targets are for, e.g. "household_migration"']
	] as const) {
		const refused = await put(body);
		expect(refused.status(), JSON.stringify(body)).toBe(400);
		expect(((await refused.json()) as { error: string }).error).toBe(error);
	}
	expect((await put({ form: 'nothing', daily: 3, settlements: {} })).status()).toBe(404);
	expect((await put({ form: 'household_migration', daily: 3, settlements: {} }, {} as typeof asAdmin)).status()).toBe(401);
	const stored = await put({ form: 'household_migration', daily: 3, settlements: { masis: 25 } });
	expect(stored.status()).toBe(200);
	expect(await stored.json()).toEqual({ form: 'household_migration', daily: 3, settlements: { masis: 25 } });
	expect((await progress(request, SPAN)).targets).toEqual({ daily: 3, settlements: { masis: 25 } });
	expect(of(await progress(request, SPAN), a.id)?.target).toBe(3);
	const masis = of(await progress(request, `${SPAN}&by=settlement`), 'masis');
	expect(masis?.target).toBe(25);
	expect(masis?.completedEver).toBeGreaterThanOrEqual(2);
	expect((await put({ form: 'household_migration', daily: null, settlements: {} })).status()).toBe(200);
});

test('on a phone, the desk shows the chart and its counts, per enumerator and per settlement, and the targets set', async ({
	browser
}, testInfo) => {
	const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const desk = await context.newPage();
	await desk.goto('/admin');
	await useEnglish(desk);
	await desk.getByLabel('Your name (recorded with your review actions)').fill('Progress supervisor');
	await desk.getByLabel('Admin token').fill(adminToken);
	await desk.getByRole('button', { name: 'Sign in' }).click();
	const section = desk.getByRole('region', { name: 'Progress' });
	await section.getByLabel('Started on or after').fill('2026-11-17');
	await section.getByLabel('Started on or before').fill('2026-11-19');
	await section.getByRole('button', { name: 'Show' }).click();
	const status = section.getByRole('status').first();
	await expect(status).toHaveText('From 17 November 2026 to 19 November 2026: 5 completed, 3 refused, 1 broken off');

	// Each enumerator's chart, read as one image, and the same numbers in the table.
	const spanText = 'interviews per day from 17 November 2026 to 19 November 2026';
	await expect(section.getByRole('img', { name: `${a.name}, ${spanText}: 3 completed, 1 refused, 1 broken off` })).toBeVisible();
	await expect(section.getByRole('img', { name: `${b.name}, ${spanText}: 2 completed, 2 refused, 0 broken off` })).toBeVisible();
	const totals = section.getByRole('table', { name: 'Interviews from 17 November 2026 to 19 November 2026' });
	await expect(totals.getByRole('row', { name: a.name }).getByRole('cell')).toHaveText(['3', '1', '1', '—']);
	const figure = section.locator('figure').filter({ hasText: a.name });
	await figure.getByText(`Numbers per day: ${a.name}`).click();
	await expect(figure.getByRole('row', { name: '18 November' }).getByRole('cell')).toHaveText(['1', '0', '1']);
	// Nothing of it is wider than the phone: the tables scroll inside, the charts shrink.
	expect(await section.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
	expect((await section.boundingBox())!.width).toBeLessThanOrEqual(360);
	await desk.screenshot({ path: testInfo.outputPath('progress-360.png'), fullPage: false });

	// Per settlement.
	await section.getByRole('radio', { name: 'Settlement' }).check();
	await expect(section.getByRole('img', { name: `Masis, ${spanText}: 2 completed, 2 refused, 1 broken off` })).toBeVisible();
	await expect(totals.getByRole('row', { name: 'Yerevan' }).getByRole('cell')).toHaveText(['3', '1', '0', '—']);

	// Targets: 2 a day per enumerator, 40 in Yerevan.
	await section.getByLabel('Completed interviews a day per enumerator').fill('2');
	await section.getByText('Completed interviews in all, per settlement').click();
	await section.getByLabel('Yerevan', { exact: true }).fill('40');
	await section.getByRole('button', { name: 'Save the targets' }).click();
	await expect(section.getByText('Targets saved.')).toBeVisible();
	await expect(totals.getByRole('row', { name: 'Yerevan' }).getByRole('cell').last()).toHaveText(/^\d+ of 40 completed in all$/);
	await section.getByRole('radio', { name: 'Enumerator' }).check();
	await expect(totals.getByRole('row', { name: a.name }).getByRole('cell').last()).toHaveText('Target: 2 completed a day');
	await expect(section.getByLabel('Completed interviews a day per enumerator')).toHaveValue('2');
	await figure.screenshot({ path: testInfo.outputPath('progress-targets-360.png') });
	await context.close();
});
