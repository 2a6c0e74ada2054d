/**
 * A supervisor's evening on the desk, on a server of its own (so its counts and thresholds are
 * exact, whatever the other tests do): 300 households of questionnaire version 2026-12-15 sent
 * by three enumerators over five days, among them a speeder, a straight-liner (the same answer
 * to the four "how likely" questions of one screen), a household interviewed twice and a
 * content sent again changed (a conflict). The supervisor signs in, reads the chart and the
 * counts, sets the scale threshold to 4, filters to the flagged ones, opens the speeder and
 * marks it "has issues" with a comment, approves another, keeps the new version of the
 * conflict, and finds the states in the export's ReviewState.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { adminToken } from '../../playwright.config';
import { head2, household2, restOfInterview, son2 } from '../../src/lib/forms/samples-v2';
import { csvRecords } from '../support/csv';
import { testServer, type TestServer } from '../support/server';
import { asAdmin, setDeployment, useEnglish } from './helpers';

const DAYS = ['2026-12-16', '2026-12-17', '2026-12-18', '2026-12-19', '2026-12-20'];
const SETTLEMENTS = ['yerevan', 'goris', 'masis'];

interface Options {
	day: string;
	settlement: string;
	minutes: number;
	names: [string, string];
	likely?: [string, string, string, string];
	refused?: boolean;
}

/**
 * A household as a tablet sends it: complete (or refused at consent), the head
 * and his son named (no woman of module F), the four "how likely" answers given; its audit log has an answer every 5 minutes
 * over `minutes`, so its time on screens is `minutes`.
 */
function household(n: number, o: Options) {
	const start = Date.parse(`${o.day}T${String(6 + (n % 9)).padStart(2, '0')}:00:00Z`) + (n % 50) * 60_000;
	const at = (minute: number) => new Date(start + minute * 60_000).toISOString();
	const [inside, abroad, friends, neighbours] = o.likely ?? ['likely', 'unlikely', 'very_likely', 'not_at_all'];
	const events: Record<string, unknown>[] = [{ t: at(0), type: 'start' }];
	for (let m = 5; m < o.minutes; m += 5) events.push({ t: at(m), type: 'answer', path: 'consent', value: 'yes', screen: 'consent_block' });
	events.push({ t: at(o.minutes), type: 'finalize' });
	return {
		id: crypto.randomUUID(),
		formId: 'household_migration',
		formVersion: '2026-12-15',
		deviceId: `evening-${n % 3}`,
		startedAt: at(0),
		finalizedAt: at(o.minutes),
		language: 'hy',
		answers: o.refused
			? { site_type: 'armenia', settlement: o.settlement, consent: 'no' }
			: household2({
					settlement: o.settlement,
					member: [head2({ m_name: o.names[0] }), son2({ m_name: o.names[1] })],
					...restOfInterview({
						help_expect_rel_in: inside,
						help_expect_rel_abr: abroad,
						help_expect_friends: friends,
						help_expect_neighbours: neighbours
					})
				}),
		meta: { referenceDate: o.day, events }
	};
}
type Household = ReturnType<typeof household>;

const servers: TestServer[] = [];
test.afterAll(() => servers.forEach((s) => s.dispose()));

async function send(request: APIRequestContext, origin: string, token: string, batch: readonly Household[]): Promise<string[]> {
	const sent = await request.post(`${origin}/api/submissions`, {
		headers: { authorization: `Bearer ${token}` },
		data: { submissions: batch }
	});
	expect(sent.status()).toBe(200);
	return ((await sent.json()) as { results: { status: string }[] }).results.map((r) => r.status);
}

test("a supervisor's evening: the chart and counts, the flagged ones, a review of each kind, a conflict settled, the states in the export", async ({
	browser,
	request
}, testInfo) => {
	test.setTimeout(180_000);
	const server = await testServer();
	servers.push(server);
	await server.start();
	const { origin } = server;
	await setDeployment(request, origin);
	const enumerators: { id: string; name: string; token: string }[] = [];
	for (const name of ['Anahit Sargsyan', 'Aram Petrosyan', 'Lilit Hakobyan']) {
		const made = await request.post(`${origin}/api/admin/enumerators`, { headers: asAdmin, data: { name, sex: 'female' } });
		expect(made.status()).toBe(201);
		enumerators.push((await made.json()) as { id: string; name: string; token: string });
	}

	// 300 households: each enumerator 20 a day for five days; one in ten refuses; a steady 45 to 70 minutes.
	const sent = new Map<string, Household[]>();
	let n = 0;
	for (const [e, enumerator] of enumerators.entries())
		for (const day of DAYS)
			for (let i = 0; i < 20; i++, n++) {
				const h = household(n, {
					day,
					settlement: SETTLEMENTS[(e + i) % 3],
					minutes: n % 10 === 9 ? 4 : 45 + (n % 26),
					names: [`Head ${n}`, `Son ${n}`],
					refused: n % 10 === 9
				});
				sent.set(enumerator.id, [...(sent.get(enumerator.id) ?? []), h]);
			}
	const [anahit, aram, lilit] = enumerators;
	// The three to find, all Lilit's on the last day: a speeder, a straight-liner, and a household she interviewed twice.
	const speeder = household(n++, { day: DAYS[4], settlement: 'goris', minutes: 9, names: ['Hurried Head', 'Hurried Spouse'] });
	const straight = household(n++, {
		day: DAYS[4],
		settlement: 'goris',
		minutes: 50,
		names: ['Level Head', 'Level Spouse'],
		likely: ['likely', 'likely', 'likely', 'likely']
	});
	const twin = household(n++, { day: DAYS[4], settlement: 'abovyan', minutes: 55, names: ['Twin Head', 'Twin Spouse'] });
	const twinAgain = household(n, { day: DAYS[4], settlement: 'abovyan', minutes: 48, names: ['Twin Head', 'Twin Spouse'] });
	sent.get(lilit.id)!.push(speeder, straight, twin, twinAgain);
	for (const enumerator of enumerators) {
		const mine = sent.get(enumerator.id)!;
		for (let at = 0; at < mine.length; at += 100)
			expect(await send(request, origin, enumerator.token, mine.slice(at, at + 100))).toEqual(
				mine.slice(at, at + 100).map(() => 'created')
			);
	}
	// Aram's tablet sends one of his households again, changed: a conflict for the supervisor.
	const changed = sent.get(aram.id)![7];
	const resent = { ...changed, answers: { ...changed.answers, settlement: 'yerevan', resp_age: 39 } };
	expect(await send(request, origin, aram.token, [resent])).toEqual(['conflict']);
	const all = [...sent.values()].flat();
	const refusals = all.filter((h) => h.answers.consent === 'no').length;

	// The desk, signed in.
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const desk = await context.newPage();
	await desk.goto(`${origin}/admin`);
	await useEnglish(desk);
	await desk.getByLabel('Your name (recorded with your review actions)').fill('Evening supervisor');
	await desk.getByLabel('Admin token').fill(adminToken);
	await desk.getByRole('button', { name: 'Sign in' }).click();

	// The chart and the counts: five days, every interview counted once, refusals apart.
	const progress = desk.getByRole('region', { name: 'Progress' });
	await progress.getByLabel('Started on or after').fill(DAYS[0]);
	await progress.getByLabel('Started on or before').fill(DAYS[4]);
	await progress.getByRole('button', { name: 'Show' }).click();
	await expect(progress.getByRole('status').first()).toHaveText(
		`From 16 December 2026 to 20 December 2026: ${all.length - refusals} completed, ${refusals} refused, 0 broken off`
	);
	await expect(
		progress.getByRole('img', { name: new RegExp(`^${lilit.name}, .*: 94 completed, 10 refused, 0 broken off$`) })
	).toBeVisible();
	const totals = progress.getByRole('table', { name: 'Interviews from 16 December 2026 to 20 December 2026' });
	await expect(totals.getByRole('row', { name: anahit.name }).getByRole('cell')).toHaveText(['90', '10', '0', '—']);
	await expect(totals.getByRole('row', { name: lilit.name }).getByRole('cell')).toHaveText(['94', '10', '0', '—']);
	await progress.screenshot({ path: testInfo.outputPath('evening-progress-1280.png') });

	// The scale threshold to 4 items: the four "how likely" questions of one screen make a scale.
	const submissions = desk.getByRole('region', { name: 'Submissions' });
	const thresholds = submissions.getByRole('form', { name: 'Thresholds' });
	await thresholds.getByLabel(/^Straight-lining: scale of at least/).fill('4');
	await thresholds.getByRole('button', { name: 'Save and flag again' }).click();
	await expect(submissions.getByRole('status').filter({ hasText: 'Thresholds saved' })).toBeVisible();

	// The flagged ones, one flag at a time: exactly the three households to find (the twins both).
	const filters = submissions.getByRole('form', { name: 'Filter the submissions' });
	const status = submissions.getByRole('status').first();
	const rows = submissions.getByRole('table').first().getByRole('row');
	const flaggedBy = async (flag: string, count: number) => {
		await filters.getByLabel('Flag').selectOption({ label: flag });
		await filters.getByRole('button', { name: 'Show' }).click();
		await expect(status).toContainText(`Matching submissions: ${count}`);
		await expect(rows).toHaveCount(count + 1);
	};
	await flaggedBy('Straight-lining', 1);
	await expect(rows.nth(1).getByRole('listitem').filter({ hasText: 'Straight-lining' })).toContainText('same answer to 4 items');
	await flaggedBy('Possible duplicate household', 2);
	await flaggedBy('Speeder', 1 + refusals);
	// Refusals hold no time on screens; the speeder of 9 minutes is the one of Lilit's last day in Masis.
	await filters.getByLabel('Enumerator').selectOption({ label: lilit.name });
	await filters.getByRole('button', { name: 'Show' }).click();
	const hurried = rows.filter({ hasText: '9 min' });
	await expect(hurried.getByRole('listitem').filter({ hasText: 'Speeder' })).toHaveText('Speeder: 9 min on screens, under 20');
	await desk.screenshot({ path: testInfo.outputPath('evening-flagged-1280.png') });

	// Open the speeder: has issues, with a comment.
	await hurried.getByRole('button').click();
	const opened = submissions.getByRole('region');
	await expect(opened.getByRole('heading', { level: 3 })).toBeFocused();
	await opened.getByLabel('Comment (optional)').fill('Nine minutes for a household: go back tomorrow');
	await opened.getByRole('button', { name: 'Mark "has issues"' }).click();
	await expect(opened.getByRole('status')).toHaveText('Review saved: Has issues.');

	// Approve another: the newest of Anahit's.
	await filters.getByLabel('Flag').selectOption({ label: 'Any or none' });
	await filters.getByLabel('Enumerator').selectOption({ label: anahit.name });
	await filters.getByRole('button', { name: 'Show' }).click();
	await expect(status).toContainText('Matching submissions: 100');
	await rows.nth(1).getByRole('button').click();
	await opened.getByRole('button', { name: 'Approve' }).click();
	await expect(opened.getByRole('status')).toHaveText('Review saved: Approved.');
	const approvedOnPage = sent.get(anahit.id)!.at(-1)!;

	// The conflict: both versions side by side; the new one kept.
	const card = desk.getByRole('article', { name: `Interview id ${changed.id}` });
	await card.scrollIntoViewIfNeeded();
	await expect(card.getByRole('columnheader')).toHaveText(['Question', 'Stored version', 'New version']);
	await card.getByRole('button', { name: 'Keep new' }).click();
	await card.getByRole('alertdialog').getByRole('button', { name: 'Yes, keep new' }).click();
	await expect(desk.getByRole('status').filter({ hasText: changed.id })).toContainText('Evening supervisor');
	// Afterwards either content sent again is a duplicate.
	expect(await send(request, origin, aram.token, [changed, resent])).toEqual(['duplicate', 'duplicate']);

	// The export: the archive a supervisor downloads, its main table with ReviewState and the kept content.
	const exported = await request.get(`${origin}/api/admin/export/household_migration/household_migration.zip`, { headers: asAdmin });
	expect(exported.status()).toBe(200);
	const rowsOut = csvRecords(strFromU8(unzipSync(await exported.body())['household_migration.csv']));
	expect(rowsOut).toHaveLength(all.length);
	const state = (id: string) => rowsOut.find((r) => r.KEY === id)?.ReviewState;
	expect(state(speeder.id)).toBe('hasIssues');
	expect(state(approvedOnPage.id)).toBe('approved');
	expect(state(straight.id)).toBe('received');
	expect(rowsOut.find((r) => r.KEY === changed.id)?.resp_age).toBe('39');
	expect(rowsOut.filter((r) => r.ReviewState === 'received')).toHaveLength(all.length - 2);
	await context.close();
});
