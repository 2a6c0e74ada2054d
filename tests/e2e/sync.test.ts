import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminToken } from '../../playwright.config';
import { asAdmin, exportRows, provision, refuseAtConsent, uniqueName, useEnglish } from './helpers';

async function interview(page: Page, name: string) {
	await page.goto('/');
	await page.getByRole('button', { name: 'New interview' }).click();
	await refuseAtConsent(page, name);
	await page.getByRole('button', { name: 'Finalize interview' }).click();
	await expect(page.getByRole('heading', { name: 'Interviews on this device' })).toBeVisible();
}

/** The supervisor creates an enumerator in the admin area and reads the tablet's setup link off it. */
async function createInAdmin(admin: Page, name: string): Promise<string> {
	await admin.getByLabel('Name').fill(name);
	await admin.getByRole('button', { name: 'Create enumerator' }).click();
	const created = admin.getByRole('region', { name: `Setup link for ${name}` });
	await expect(created.locator('svg')).toBeVisible();
	return (await created.getByRole('link').getAttribute('href'))!;
}

test('a tablet set up from the admin page syncs; revoked, it stops and keeps everything; set up again, it sends', async ({
	browser,
	request
}) => {
	const supervisor = await browser.newContext();
	const admin = await supervisor.newPage();
	await admin.goto('/admin');
	await admin.getByRole('combobox').selectOption('en');
	await admin.getByLabel('Admin token').fill('wrong');
	await admin.getByRole('button', { name: 'Sign in' }).click();
	await expect(admin.getByRole('alert')).toHaveText('That is not the admin token.');
	await admin.getByLabel('Admin token').fill(adminToken);
	await admin.getByRole('button', { name: 'Sign in' }).click();
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

	const again = await createInAdmin(admin, `${name} (new)`);
	await page.goto(again);
	await expect(page.getByRole('status')).toContainText(`${name} (new)`);
	await page.getByRole('link', { name: 'Back to interviews' }).click();
	await expect(page.getByRole('region', { name: /^Sent/ }).getByRole('listitem')).toHaveCount(2);
	await expect(page.getByText('Waiting to sync: 0')).toBeVisible();

	const rows = await exportRows(request);
	expect(rows.filter((r) => r.settlement_other === first || r.settlement_other === second)).toHaveLength(2);
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

/** A port nobody listens on now (the run's own server sits on TUN_E2E_PORT, other runs on theirs). */
async function freePort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	return port;
}

/** A server of this test's own, on its own port and data, that the test may kill and start again. */
function ownServer(port: number) {
	const dir = mkdtempSync(join(tmpdir(), 'tun-e2e-restart-'));
	const origin = `http://127.0.0.1:${port}`;
	let child: ChildProcess | undefined;
	const start = async (request: APIRequestContext) => {
		child = spawn(process.execPath, ['build'], {
			env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, ADMIN_TOKEN: adminToken, ORIGIN: origin, BODY_SIZE_LIMIT: '6M' },
			stdio: 'ignore'
		});
		await expect
			.poll(async () => (await request.get(`${origin}/api/health`).catch(() => undefined))?.status(), { timeout: 20_000 })
			.toBe(200);
	};
	const kill = () => child?.kill('SIGKILL');
	return { origin, start, kill, dispose: () => (kill(), rmSync(dir, { recursive: true, force: true })) };
}

test('the server is killed while a batch is on its way and comes back: the interview arrives once', async ({ page, request }) => {
	const server = ownServer(await freePort());
	try {
		await server.start(request);
		const created = await request.post(`${server.origin}/api/admin/enumerators`, { headers: asAdmin, data: { name: 'Restart' } });
		await page.goto((await created.json()).setupUrl);
		await expect(page.getByRole('status')).toContainText('Restart');
		await page.goto(`${server.origin}/`);
		await useEnglish(page);

		let restarted: Promise<void> | undefined;
		await page.route('**/api/submissions', async (route) => {
			if (restarted) return route.fallback();
			// The batch goes out, and the server dies with it in hand: stored or not, all or nothing.
			const forwarded = route.fetch().catch(() => undefined);
			server.kill();
			await forwarded;
			restarted = server.start(request);
			return route.abort('connectionreset');
		});

		const place = uniqueName('Restart');
		await page.getByRole('button', { name: 'New interview' }).click();
		await expect(page).toHaveURL(/\/interview\?id=/);
		const id = new URL(page.url()).searchParams.get('id');
		await refuseAtConsent(page, place);
		await page.getByRole('button', { name: 'Finalize interview' }).click();
		const item = page.getByRole('listitem').filter({ hasText: place });
		await expect(item).toContainText('Waiting to sync');
		await expect.poll(() => restarted !== undefined).toBe(true);
		await restarted;
		await page.getByRole('button', { name: 'Sync now' }).click();
		await expect(item).toContainText('Sent');

		const csv = await request.get(`${server.origin}/api/admin/export/household_migration/household_migration.csv`, { headers: asAdmin });
		expect((await csv.text()).split('\r\n').filter((line) => line.includes(`,${id},`))).toHaveLength(1);
	} finally {
		server.dispose();
	}
});
