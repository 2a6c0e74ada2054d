import { chromium, expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { en } from '../../src/lib/i18n/en';
import { hy } from '../../src/lib/i18n/hy';
import { provision, refuseAtConsent, reloadFromCache, uniqueName, useEnglish, waitForServiceWorker } from './helpers';

interface Manifest {
	name: string;
	short_name: string;
	lang: string;
	start_url: string;
	scope: string;
	display: string;
	theme_color: string;
	background_color: string;
	icons: { src: string; sizes: string; type: string; purpose: string }[];
}

/** Answers 200 with a PNG; its width and height as the file's header (IHDR) says them. */
async function pngSize(request: APIRequestContext, path: string): Promise<string> {
	const response = await request.get(path);
	expect(response.status(), path).toBe(200);
	expect(response.headers()['content-type'], path).toBe('image/png');
	const bytes = await response.body();
	expect(bytes.subarray(1, 4).toString('latin1'), path).toBe('PNG');
	expect(bytes.subarray(12, 16).toString('latin1'), path).toBe('IHDR');
	return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

test('the web manifest is served as application/manifest+json with every field an installable app needs, and every icon is the PNG it declares', async ({
	request
}) => {
	const response = await request.get('/manifest.webmanifest');
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('application/manifest+json');
	const manifest = (await response.json()) as Manifest;
	expect(manifest).toMatchObject({
		short_name: 'Տուն',
		lang: 'hy',
		start_url: '/',
		scope: '/',
		display: 'standalone',
		theme_color: '#1f5f8b',
		background_color: '#f6f7f9'
	});
	expect(manifest.name).toMatch(/^Տուն/);
	for (const purpose of ['any', 'maskable']) {
		const icons = manifest.icons.filter((i) => i.purpose === purpose);
		expect(icons.map((i) => i.sizes).sort(), purpose).toEqual(['192x192', '512x512']);
	}
	for (const icon of manifest.icons) {
		expect(icon.type).toBe('image/png');
		expect(await pngSize(request, icon.src)).toBe(icon.sizes);
	}
});

test('every page names the manifest, the theme colour and the home-screen icons in its head', async ({ page, request }) => {
	for (const path of ['/', '/settings', '/interview']) {
		await page.goto(path);
		await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
		await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#1f5f8b');
	}
	const touch = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
	expect(await pngSize(request, touch!)).toBe('180x180');
	const png = page.locator('link[rel="icon"][type="image/png"]');
	expect(await pngSize(request, (await png.getAttribute('href'))!)).toBe((await png.getAttribute('sizes'))!);
});

test('Chromium finds the app installable once the service worker runs: its manifest parses and no installability error remains', async ({
	baseURL
}, info) => {
	// A profile on disk, as a tablet's browser has: Chromium never offers to install from an incognito context (Playwright's default).
	const profile = mkdtempSync(join(tmpdir(), 'tun-pwa-profile-'));
	const context = await chromium.launchPersistentContext(profile, { ...info.project.use.launchOptions, baseURL, serviceWorkers: 'allow' });
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto('/');
		await waitForServiceWorker(page);
		const cdp = await context.newCDPSession(page);
		const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: { message: string }[] };
		expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
		expect(manifest.errors).toEqual([]);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
});

test('launched from the home screen with no network, the start URL opens the app from the service worker', async ({ page, context }) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await context.setOffline(true);

	const launched = await context.newPage();
	const response = await launched.goto('/');
	expect(response?.fromServiceWorker()).toBe(true);
	await expect(launched.getByRole('heading', { level: 1, name: hy.interviews_heading })).toBeVisible();
	await expect(launched.getByRole('button', { name: hy.new_interview })).toBeVisible();
	// What the launcher and the app's head ask for is in the cache too.
	const cached = await launched.evaluate(async () =>
		Promise.all(
			['/manifest.webmanifest', '/icons/icon-192.png', '/icons/maskable-512.png', '/icons/apple-touch-icon-180.png'].map(async (path) => {
				const answer = await fetch(path);
				return `${path} ${answer.status}`;
			})
		)
	);
	expect(cached).toEqual([
		'/manifest.webmanifest 200',
		'/icons/icon-192.png 200',
		'/icons/maskable-512.png 200',
		'/icons/apple-touch-icon-180.png 200'
	]);
});

/** What the browser answers in the page: whether it keeps this site's data. */
const persistedIn = (page: Page) => page.evaluate(() => navigator.storage.persisted());

test('setup asks to keep the data and says what the browser answered; the settings screen shows it with the space used and available', async ({
	page,
	request
}) => {
	await provision(page, request);
	// Once the browser has answered (both answers begin "Պահպանում․"), the page says what it answered.
	const answer = page.getByText(hy.storage_persistent.split(' ')[0]);
	await expect(answer).toBeVisible();
	await expect(answer).toHaveText((await persistedIn(page)) ? hy.storage_persistent : hy.storage_not_persistent);

	await page.goto('/settings');
	await useEnglish(page);
	const storage = page.getByRole('region', { name: en.storage_heading });
	await expect(storage.getByRole('status')).toHaveText((await persistedIn(page)) ? en.storage_persistent : en.storage_not_persistent);
	// Megabytes with one decimal, as English writes them; the browser's estimate moves as the app writes, so within 1 %.
	const usage = /In use: (\d[\d,]*\.\d) MB of (\d[\d,]*\.\d) MB available\./;
	await expect(storage).toContainText(usage);
	const [, used, available] = usage.exec((await storage.textContent()) ?? '')!.map((n) => Number(n.replaceAll(',', '')));
	const estimate = await page.evaluate(async () => navigator.storage.estimate());
	expect(used).toBeGreaterThan(0);
	expect(Math.abs(available - estimate.quota! / 1024 / 1024)).toBeLessThan(estimate.quota! / 1024 / 1024 / 100);

	if (!(await persistedIn(page))) {
		// Asked again, the screen shows the browser's new answer, whichever it is.
		await storage.getByRole('button', { name: en.storage_ask }).click();
		await expect(storage.getByRole('button', { name: en.storage_ask })).toBeEnabled();
		await expect(storage.getByRole('status')).toHaveText((await persistedIn(page)) ? en.storage_persistent : en.storage_not_persistent);
	}
});

test('a finalized interview unsent for more than 3 days brings a warning on the home screen, whose one tap saves the backup file', async ({
	page,
	context,
	request
}) => {
	const fourDaysAgo = new Date(Date.now() - 4 * 24 * 3600_000);
	await page.clock.install({ time: fourDaysAgo });
	await provision(page, request);
	await page.goto('/');
	await waitForServiceWorker(page);
	// No network: the interview stays on the tablet, waiting to be sent.
	await context.setOffline(true);
	await reloadFromCache(page);
	await useEnglish(page);
	await page.getByRole('button', { name: 'New interview' }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
	const id = new URL(page.url()).searchParams.get('id');
	const place = uniqueName('Gavar');
	await refuseAtConsent(page, place);
	await page.getByRole('button', { name: 'Finalize interview' }).click();
	await page.getByRole('button', { name: 'Yes, finalize' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: place })).toContainText('Waiting to sync');
	await expect(page.getByText(en.storage_warn_old_unsent)).toHaveCount(0);

	// Four days later, still no network.
	await page.clock.setSystemTime(new Date());
	await reloadFromCache(page);
	const warnings = page.getByRole('region', { name: en.storage_warnings_label });
	await expect(warnings.getByText(en.storage_warn_old_unsent)).toBeVisible();
	// The other warning is there exactly when the browser may clear the data.
	await expect(warnings.getByText(en.storage_warn_not_persistent)).toHaveCount((await persistedIn(page)) ? 0 : 1);

	const [download] = await Promise.all([page.waitForEvent('download'), warnings.getByRole('button', { name: en.backup_button }).click()]);
	expect(download.suggestedFilename()).toMatch(/^tun-backup-.+\.json$/);
	const file = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
		counts: { finalized: number };
		interviews: { id: string; status: string }[];
	};
	expect(file.interviews).toContainEqual(expect.objectContaining({ id, status: 'finalized' }));
	expect(file.counts.finalized).toBeGreaterThanOrEqual(1);
	await expect(warnings.getByRole('status')).toContainText(download.suggestedFilename());
});
