import { expect, test } from '@playwright/test';
import {
	connectionBanner,
	exportRows,
	outwaitRetry,
	provision,
	refuseAtConsent,
	uniqueName,
	useEnglish,
	waitForServiceWorker
} from './helpers';

test.beforeEach(async ({ page, request }) => {
	// The app's retry timer runs on this clock; time flows as usual until a test jumps it.
	await page.clock.install();
	await provision(page, request);
	await page.goto('/');
	await waitForServiceWorker(page);
	await useEnglish(page);
});

/** Every request to the API fails as if the server refused the connection; the browser still believes it is online. */
const serverDown = (route: { abort: (code: string) => Promise<void> }) => route.abort('connectionrefused');

test('with the server unreachable an interview waits on the device, and is sent by itself once the server answers', async ({
	page,
	context,
	request
}) => {
	// context.route also sees requests a service worker would make; ours passes /api/ to the network.
	await context.route('**/api/**', serverDown);
	await page.reload();
	const banner = page.getByRole('status').filter({ hasText: 'No connection to the server' });
	await expect(banner).toBeVisible();
	expect(await page.evaluate(() => navigator.onLine)).toBe(true);

	await page.getByRole('button', { name: 'New interview' }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
	const id = new URL(page.url()).searchParams.get('id');
	const place = uniqueName('Gyumri');
	await refuseAtConsent(page, place);
	await expect(banner).toBeVisible();
	await page.getByRole('button', { name: 'Finalize interview' }).click();
	await page.getByRole('button', { name: 'Yes, finalize' }).click();

	const item = page.getByRole('listitem').filter({ hasText: place });
	await expect(item).toContainText('Waiting to sync');
	await expect(page.getByRole('status').filter({ hasText: 'The server cannot be reached.' })).toBeVisible();
	await expect(page.getByText('Waiting to sync: 1')).toBeVisible();
	expect((await exportRows(request)).filter((r) => r.KEY === id)).toEqual([]);

	await context.unroute('**/api/**', serverDown);
	await outwaitRetry(page);
	await expect(item).toContainText('Sent');
	await expect(banner).toHaveCount(0);
	await expect(page.getByText('Waiting to sync: 0')).toBeVisible();
	const rows = (await exportRows(request)).filter((r) => r.KEY === id);
	expect(rows).toEqual([expect.objectContaining({ settlement_other: place, consent: 'no' })]);
});

test('going offline shows it, and coming back clears it by itself', async ({ page, context }) => {
	await expect(connectionBanner(page)).toHaveCount(0);
	await context.setOffline(true);
	// Some Chromium builds announce nothing; a sync that cannot reach the server tells then.
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(connectionBanner(page)).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: /^(This device is offline|The server cannot be reached)\./ })).toBeVisible();

	await context.setOffline(false);
	await outwaitRetry(page);
	await expect(connectionBanner(page)).toHaveCount(0);
	await expect(page.getByRole('status').filter({ hasText: 'Nothing to send.' })).toBeVisible();
});
