import { expect, test, type Page } from '@playwright/test';
import { adminToken } from '../../playwright.config';
import { csvRecords } from '../support/csv';
import { testServer } from '../support/server';
import { asAdmin, exportRows, provision, refuseAtConsent, setDeployment, uniqueName, useEnglish } from './helpers';

async function interview(page: Page, name: string) {
	await page.goto('/');
	await page.getByRole('button', { name: 'New interview' }).click();
	await refuseAtConsent(page, name);
	await page.getByRole('button', { name: 'Finalize interview' }).click();
	await page.getByRole('button', { name: 'Yes, finalize' }).click();
	await expect(page.getByRole('heading', { name: 'Interviews on this device' })).toBeVisible();
}

/** The supervisor creates an enumerator in the admin area and reads the tablet's setup link off it. */
async function createInAdmin(admin: Page, name: string): Promise<string> {
	await admin.getByLabel('Name', { exact: true }).fill(name);
	await admin.getByLabel('Female').check();
	await admin.getByRole('button', { name: 'Create enumerator' }).click();
	const created = admin.getByRole('region', { name: `Setup link for ${name}` });
	await expect(created.locator('svg')).toBeVisible();
	return (await created.getByRole('link').getAttribute('href'))!;
}

test('a tablet set up from the admin page syncs; revoked, it stops and keeps everything; a new enumerator set up beside it sends their own', async ({
	browser,
	request
}) => {
	// Three interviews, two setups and a revocation: 42 s on this kind of machine, past 60 s when it is loaded.
	test.setTimeout(120_000);
	await setDeployment(request);
	const supervisor = await browser.newContext();
	const admin = await supervisor.newPage();
	await admin.goto('/admin');
	await admin.getByRole('combobox').selectOption('en');
	await admin.getByLabel(/^Your name/).fill('Supervisor Lusine');
	await admin.getByLabel('Admin token').fill('wrong');
	await admin.getByRole('button', { name: 'Sign in' }).click();
	await expect(admin.getByRole('alert')).toHaveText('That is not the admin token.');
	await admin.getByLabel('Admin token').fill(adminToken);
	await admin.getByRole('button', { name: 'Sign in' }).click();
	await expect(admin.getByText('Signed in as Supervisor Lusine')).toBeVisible();
	const name = uniqueName('Mariam');
	const link = await createInAdmin(admin, name);
	expect(link).toMatch(/\/setup#token=/);

	const tablet = await browser.newContext();
	const page = await tablet.newPage();
	await page.goto(link);
	await useEnglish(page);
	await expect(page.getByRole('status')).toHaveText(`This tablet now works for ${name}. Interviews are sent under that name.`);
	expect(page.url()).not.toContain('token');
	await page.getByRole('link', { name: 'Settings' }).click();
	await expect(page.getByRole('definition').first()).toHaveText(name);

	const first = uniqueName('First');
	await interview(page, first);
	await expect(page.getByRole('region', { name: /^Sent/ }).getByRole('listitem').filter({ hasText: first })).toBeVisible();
	await expect(page.getByText(/Last successful sync:/)).toBeVisible();

	await admin.reload();
	const row = admin.getByRole('listitem').filter({ hasText: name });
	await row.getByRole('button', { name: 'Revoke' }).click();
	await admin.getByRole('button', { name: 'Yes, revoke' }).click();
	await expect(row).toContainText('Revoked');

	const second = uniqueName('Second');
	await interview(page, second);
	await expect(page.getByRole('alert').filter({ hasText: "This tablet's access was revoked" })).toBeVisible();
	await expect(page.getByRole('region', { name: /^Waiting to sync/ }).getByRole('listitem')).toContainText(second);
	await page.reload();
	await expect(page.getByRole('region', { name: /^Waiting to sync/ }).getByRole('listitem')).toContainText(second);

	// A new enumerator's link adds them beside the revoked one (a shared tablet): the revoked one's interviews stay theirs, unsent.
	const again = await createInAdmin(admin, `${name} (new)`);
	await page.goto(again);
	await expect(page.getByRole('status')).toContainText(`${name} (new)`);
	await page.getByRole('link', { name: 'Back to interviews' }).click();
	const third = uniqueName('Third');
	await interview(page, third);
	await expect(page.getByRole('region', { name: /^Sent/ }).getByRole('listitem')).toHaveText([new RegExp(third)]);
	await expect(page.getByRole('alert').filter({ hasText: `${name}'s access was revoked` })).toBeVisible();
	const switcher = page.getByRole('group', { name: 'Who is working on this tablet' });
	await switcher.getByRole('button', { name: `${name} (access revoked)`, exact: true }).click();
	await expect(page.getByRole('region', { name: /^Waiting to sync/ }).getByRole('listitem')).toContainText(second);
	await expect(page.getByRole('region', { name: /^Sent/ }).getByRole('listitem')).toContainText(first);

	const rows = await exportRows(request);
	expect(
		rows
			.filter((r) => [first, second, third].includes(r.settlement_other))
			.map((r) => r.settlement_other)
			.sort()
	).toEqual([first, third].sort());
	await supervisor.close();
	await tablet.close();
});

test('lost requests, a response lost after the server stored the batch, and a 503: the interview arrives once', async ({
	page,
	request
}) => {
	await provision(page, request);
	await page.goto('/');
	await useEnglish(page);
	let attempt = 0;
	await page.route('**/api/submissions', async (route) => {
		attempt++;
		if (attempt === 1) return route.abort('connectionreset');
		if (attempt === 2) {
			await route.fetch(); // the server stores it, the answer never reaches the tablet
			return route.abort('connectionreset');
		}
		if (attempt === 3) return route.fulfill({ status: 503, body: 'Service Unavailable' });
		return route.fallback();
	});

	const name = uniqueName('Faults');
	await page.getByRole('button', { name: 'New interview' }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
	const id = new URL(page.url()).searchParams.get('id');
	await refuseAtConsent(page, name);
	await page.getByRole('button', { name: 'Finalize interview' }).click();
	await page.getByRole('button', { name: 'Yes, finalize' }).click();
	const item = page.getByRole('listitem').filter({ hasText: name });
	await expect(page.getByRole('status').filter({ hasText: 'No connection' })).toBeVisible();
	await expect(item).toContainText('Waiting to sync');

	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect.poll(() => attempt).toBe(2);
	await expect(item).toContainText('Waiting to sync');
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'HTTP 503' })).toBeVisible();
	await expect(item).toContainText('Waiting to sync');
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(item).toContainText('Sent');

	expect((await exportRows(request)).filter((r) => r.KEY === id)).toHaveLength(1);
});

test('the server is killed while a batch is on its way and comes back: the interview arrives once', async ({ page, request }) => {
	const server = await testServer();
	try {
		await server.start();
		await setDeployment(request, server.origin);
		const created = await request.post(`${server.origin}/api/admin/enumerators`, {
			headers: asAdmin,
			data: { name: 'Restart', sex: 'male' }
		});
		await page.goto((await created.json()).setupUrl);
		await expect(page.getByRole('status')).toContainText('Restart');
		await page.goto(`${server.origin}/`);
		await useEnglish(page);

		let restarted: Promise<void> | undefined;
		await page.route('**/api/submissions', async (route) => {
			if (restarted) return route.fallback();
			// The batch goes out, and the server dies with it in hand: stored or not, all or nothing.
			const forwarded = route.fetch().catch(() => undefined);
			await server.kill();
			await forwarded;
			restarted = server.start();
			return route.abort('connectionreset');
		});

		const place = uniqueName('Restart');
		await page.getByRole('button', { name: 'New interview' }).click();
		await expect(page).toHaveURL(/\/interview\?id=/);
		const id = new URL(page.url()).searchParams.get('id');
		await refuseAtConsent(page, place);
		await page.getByRole('button', { name: 'Finalize interview' }).click();
		await page.getByRole('button', { name: 'Yes, finalize' }).click();
		const item = page.getByRole('listitem').filter({ hasText: place });
		await expect(item).toContainText('Waiting to sync');
		await expect.poll(() => restarted !== undefined).toBe(true);
		await restarted;
		await page.getByRole('button', { name: 'Sync now' }).click();
		await expect(item).toContainText('Sent');

		const csv = await request.get(`${server.origin}/api/admin/export/household_migration/household_migration.csv`, { headers: asAdmin });
		expect(csvRecords(await csv.text()).filter((r) => r.KEY === id)).toHaveLength(1);
	} finally {
		server.dispose();
	}
});
