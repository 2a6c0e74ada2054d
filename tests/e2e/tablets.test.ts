/**
 * Every sync tells the supervisor's desk how the tablet stands, even with nothing to send:
 * the desk lists the tablet under its enumerator with its drafts and what waits, and a
 * report needs the enumerator's token.
 */
import { expect, test } from '@playwright/test';
import { adminToken } from '../../playwright.config';
import { provision, uniqueName, useEnglish } from './helpers';

test('a tablet that syncs with one draft open shows on the desk under its enumerator, with its draft and nothing waiting', async ({
	page,
	browser,
	request
}) => {
	const name = uniqueName('Tablet owner');
	const enumerator = await provision(page, request, name);
	await page.goto('/');
	await useEnglish(page);
	await page.getByRole('button', { name: 'New interview', exact: true }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
	await page.goto('/');
	await page.getByRole('button', { name: 'Sync now' }).click();

	// The desk's API: the latest report of this enumerator's tablet.
	const asAdmin = { authorization: `Bearer ${adminToken}` };
	await expect
		.poll(async () => {
			const devices = (await (await request.get('/api/admin/devices', { headers: asAdmin })).json()) as {
				enumeratorId: string;
				drafts: number;
			}[];
			return devices.find((d) => d.enumeratorId === enumerator.id)?.drafts;
		})
		.toBe(1);
	const devices = (await (await request.get('/api/admin/devices', { headers: asAdmin })).json()) as Record<string, unknown>[];
	const mine = devices.find((d) => d.enumeratorId === enumerator.id)!;
	expect(mine).toMatchObject({ enumerator: name, waiting: 0, drafts: 1, silent: false });
	expect(Math.abs(Date.parse(String(mine.reportedAt)) - Date.now())).toBeLessThan(120_000);

	// On the admin page, in the Tablets table.
	const desk = await (await browser.newContext()).newPage();
	await desk.goto('/admin');
	await useEnglish(desk);
	await desk.getByLabel('Your name (recorded with your review actions)').fill('Supervisor');
	await desk.getByLabel('Admin token').fill(adminToken);
	await desk.getByRole('button', { name: 'Sign in' }).click();
	const tablets = desk.getByRole('region', { name: 'Tablets' });
	const row = tablets.getByRole('row').filter({ hasText: name });
	await expect(row.getByRole('cell')).toHaveText([name, /\d{2}:\d{2}/, '0', '1', /^[0-9a-f]{8}$/]);
	await desk.context().close();

	// Reports need an enumerator's token, and a well-formed body.
	const body = { deviceId: 'x', waiting: 0, drafts: 0, appVersion: 'v' };
	expect((await request.post('/api/devices/report', { data: body })).status()).toBe(401);
	const withToken = { authorization: `Bearer ${enumerator.token}` };
	expect((await request.post('/api/devices/report', { headers: withToken, data: { ...body, waiting: -1 } })).status()).toBe(400);
	expect((await request.post('/api/devices/report', { headers: withToken, data: body })).status()).toBe(204);
});
