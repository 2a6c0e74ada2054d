/**
 * A new version of the app is deployed while an interviewer has an interview open. The
 * version is a real second build (TUN_BUILD_DIR, TUN_APP_VERSION: svelte.config.js), served
 * on the same address and the same data as the first, as a deployment replaces the server.
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { en } from '../../src/lib/i18n/en';
import { testServer, type TestServer } from '../support/server';
import { csvRecords } from '../support/csv';
import { asAdmin, choose, next, placeOfInterview, Q, setDeployment, uniqueName, useEnglish, waitForServiceWorker } from './helpers';

const current = (JSON.parse(readFileSync('build/client/_app/version.json', 'utf8')) as { version: string }).version;
const nextVersion = `next-${Date.now()}`;
// Inside the project, so the server's packages resolve from node_modules as build/'s do.
const nextBuild = mkdtempSync('build/next-version-');
const servers: TestServer[] = [];

test.beforeAll(() => {
	test.setTimeout(240_000);
	const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
		env: { ...process.env, TUN_BUILD_DIR: nextBuild, TUN_APP_VERSION: nextVersion },
		encoding: 'utf8'
	});
	expect(built.status, built.stderr).toBe(0);
	expect(JSON.parse(readFileSync(join(nextBuild, 'client/_app/version.json'), 'utf8'))).toEqual({ version: nextVersion });
});

test.afterAll(() => {
	for (const server of servers) server.dispose();
	rmSync(nextBuild, { recursive: true, force: true });
});

test('a new version deployed while an interview is open: the interview continues, finalizes and syncs; the update waits for the interviewer, then the new version runs', async ({
	page,
	context,
	request
}) => {
	test.setTimeout(120_000);
	const first = await testServer();
	servers.push(first);
	await first.start();
	const { origin, port, dataDir } = first;
	await setDeployment(request, origin);
	const created = await request.post(`${origin}/api/admin/enumerators`, {
		headers: asAdmin,
		data: { name: uniqueName('Update'), sex: 'female' }
	});
	expect(created.status()).toBe(201);
	const { setupUrl, name } = (await created.json()) as { setupUrl: string; name: string };

	await page.goto(setupUrl);
	await expect(page.getByRole('status')).toContainText(name);
	await page.goto(`${origin}/settings`);
	await waitForServiceWorker(page);
	await useEnglish(page);
	await expect(page.getByRole('definition').filter({ hasText: current })).toBeVisible();

	await page.goto(`${origin}/`);
	await page.getByRole('button', { name: 'New interview' }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
	const id = new URL(page.url()).searchParams.get('id');
	const place = uniqueName('Sisian');
	await placeOfInterview(page, place);

	// The new version is deployed: the same address and data, the other build.
	await first.kill();
	const second = await testServer({ port, dataDir, build: nextBuild });
	servers.push(second);
	await second.start();
	// The network comes back: the sync that reaches the server also finds the new version,
	// which downloads in the background. Mid-interview it is only announced.
	await context.setOffline(true);
	await context.setOffline(false);
	await expect(page.getByRole('status').filter({ hasText: en.update_after_interview })).toBeVisible({ timeout: 30_000 });
	await expect(page.getByRole('button', { name: en.update_now })).toHaveCount(0);

	// The interview goes on where it was, on the version it began with.
	await expect(page.getByLabel(Q.settlementOther)).toHaveValue(place);
	await next(page);
	await choose(page, Q.consent, 'No');
	await next(page);
	await page.getByRole('button', { name: 'Finalize interview' }).click();
	await page.getByRole('button', { name: 'Yes, finalize' }).click();
	const item = page.getByRole('listitem').filter({ hasText: place });
	await expect(item).toContainText('Sent');
	const exported = await request.get(`${origin}/api/admin/export/household_migration/household_migration.csv`, { headers: asAdmin });
	expect(exported.status()).toBe(200);
	expect(csvRecords(await exported.text()).filter((r) => r.KEY === id)).toHaveLength(1);

	// Out of the interview, the interviewer is offered the update, and chooses it.
	const banner = page.getByRole('status').filter({ hasText: en.update_ready });
	await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: en.update_now }).click()]);
	await expect(page.getByRole('listitem').filter({ hasText: place })).toContainText('Sent');
	await page.getByRole('link', { name: 'Settings' }).click();
	await expect(page.getByRole('definition').filter({ hasText: nextVersion })).toBeVisible();
	expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
});
