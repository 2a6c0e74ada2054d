/**
 * Backup from the device: a tablet that never synced (offline from its setup on) exports its
 * interviews to a file; the supervisor imports the file on /admin, and the export holds the
 * finalized interview under that enumerator, never the draft. The import API's own limits:
 * 415, 413 while reading past 100 MB (sync keeps its 5 MB), 400 for an enumerator the server
 * does not know.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { TEST_ADMIN_TOKEN } from '../support/server';
import {
	asAdmin,
	exportRows,
	placeOfInterview,
	provision,
	refuseAtConsent,
	reloadFromCache,
	uniqueName,
	useEnglish,
	waitForServiceWorker
} from './helpers';

async function signInAsAdmin(page: Page) {
	await page.goto('/admin');
	await useEnglish(page);
	await page.getByLabel('Your name (recorded with your review actions)').fill('Supervisor');
	await page.getByLabel('Admin token').fill(TEST_ADMIN_TOKEN);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { name: 'Import a tablet backup' })).toBeVisible();
}

async function importFile(page: Page, path: string | { name: string; mimeType: string; buffer: Buffer }) {
	await page.getByLabel('Backup file (.json)').setInputFiles(path);
	await page.getByRole('button', { name: 'Import', exact: true }).click();
}

test('a backup from a tablet that never synced, imported on the admin page, then exported', async ({ page, context, browser, request }) => {
	const enumerator = await provision(page, request);
	await page.goto('/');
	await waitForServiceWorker(page);
	await context.setOffline(true);
	await reloadFromCache(page);
	await useEnglish(page);

	await page.getByRole('button', { name: 'New interview' }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
	const finalId = new URL(page.url()).searchParams.get('id')!;
	const place = uniqueName('Backup finalized');
	await refuseAtConsent(page, place);
	await page.getByRole('button', { name: 'Finalize interview' }).click();
	await page.getByRole('button', { name: 'Yes, finalize' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: place })).toContainText('Waiting to sync');

	await page.getByRole('button', { name: 'New interview' }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
	const draftId = new URL(page.url()).searchParams.get('id')!;
	const draftPlace = uniqueName('Backup draft');
	await placeOfInterview(page, draftPlace);
	await expect(page.getByText('All answers are saved on this device.')).toBeVisible();

	await page.getByRole('link', { name: 'Settings' }).click();
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export backup' }).click();
	const download = await downloading;
	const slug = enumerator.name.replace(' ', '-');
	expect(download.suggestedFilename()).toMatch(new RegExp(`^tun-backup-${slug}-[0-9a-f]{8}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveText(
		`Saved ${download.suggestedFilename()}: drafts 1, waiting to sync 1, sent 0.`
	);
	const path = await download.path();
	const text = readFileSync(path, 'utf8');
	expect(text).not.toContain(enumerator.token);
	const file = JSON.parse(text) as {
		format: string;
		enumerator: { id: string; name: string };
		interviews: { id: string; status: string }[];
	};
	expect(file).toMatchObject({ format: 'tun-backup', enumerator: { id: enumerator.id, name: enumerator.name } });
	expect(file.interviews.map((i) => [i.id, i.status])).toEqual([
		[finalId, 'finalized'],
		[draftId, 'draft']
	]);

	// The supervisor, on a computer of their own.
	const office = await browser.newContext({ baseURL: test.info().project.use.baseURL });
	try {
		const admin = await office.newPage();
		await signInAsAdmin(admin);
		await importFile(admin, path);
		await expect(admin.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(
			'Imported. New interviews: 1; already here: 0; conflicts: 0; refused: 0. Drafts kept apart: 1.'
		);

		const rows = await exportRows(request);
		expect(rows.filter((r) => r.KEY === finalId)).toEqual([
			expect.objectContaining({ settlement_other: place, consent: 'no', enumerator_id: enumerator.id, enumerator: enumerator.name })
		]);
		expect(rows.filter((r) => r.KEY === draftId || Object.values(r).includes(draftPlace))).toEqual([]);

		await importFile(admin, path);
		await expect(admin.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(
			'Imported. New interviews: 0; already here: 1; conflicts: 0; refused: 0. Drafts kept apart: 1.'
		);
		const response = await request.post('/api/admin/import', { headers: { ...asAdmin, 'content-type': 'application/json' }, data: text });
		expect(response.status()).toBe(200);
		expect(await response.json()).toEqual({ results: [{ id: finalId, status: 'duplicate' }], drafts: 1 });
		expect((await exportRows(request)).filter((r) => r.KEY === finalId)).toHaveLength(1);

		// A file the server cannot take says why, and nothing is imported.
		await importFile(admin, { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') });
		await expect(admin.getByRole('alert').filter({ hasText: 'not imported' })).toHaveText(
			/The backup was not imported: the file is not a Tun backup/
		);
	} finally {
		await office.close();
	}
});

/**
 * POSTs `size` bytes in pieces, with no Content-Length, then waits for the answer without
 * ending the body: a server that reads it whole would never answer; one that counts while
 * reading answers once it is past its limit.
 */
function streamedPost(path: string, headers: Record<string, string>, size: number): Promise<{ status: number; body: string }> {
	const base = new URL(test.info().project.use.baseURL!);
	return new Promise((resolve, reject) => {
		const request = http.request({
			host: base.hostname,
			port: base.port,
			path,
			method: 'POST',
			headers: { ...headers, 'transfer-encoding': 'chunked' }
		});
		let answered = false;
		request.on('response', (response) => {
			answered = true;
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => (body += chunk));
			response.on('end', () => {
				resolve({ status: response.statusCode ?? 0, body });
				request.destroy();
			});
		});
		request.on('error', (error) => {
			if (!answered) reject(error);
		});
		const piece = Buffer.alloc(1024 * 1024, 'x');
		let sent = 0;
		const pump = () => {
			while (!answered && sent < size) {
				sent += piece.length;
				if (!request.write(piece)) return void request.once('drain', pump);
			}
		};
		request.write('{"pad":"');
		pump();
	});
}

test('the import takes JSON only and at most 100 MB, checked while reading; sync keeps its 5 MB', async ({ request }) => {
	const json = { ...asAdmin, 'content-type': 'application/json' };
	const notJson = await request.post('/api/admin/import', { headers: { ...asAdmin, 'content-type': 'text/plain' }, data: '{}' });
	expect([notJson.status(), await notJson.json()]).toEqual([415, { error: 'send the body as JSON, with Content-Type: application/json' }]);

	const huge = await streamedPost('/api/admin/import', json, 101 * 1024 * 1024);
	expect([huge.status, JSON.parse(huge.body)]).toEqual([413, { error: 'the body is over 100 MB' }]);

	const ani = await request.post('/api/admin/enumerators', { headers: asAdmin, data: { name: uniqueName('Sync limit'), sex: 'female' } });
	const { token } = (await ani.json()) as { token: string };
	const sync = await streamedPost(
		'/api/submissions',
		{ authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		6 * 1024 * 1024
	);
	expect([sync.status, JSON.parse(sync.body)]).toEqual([413, { error: 'the body is over 5 MB: send fewer interviews per batch' }]);

	const stranger = crypto.randomUUID();
	const unknown = await request.post('/api/admin/import', {
		headers: json,
		data: {
			format: 'tun-backup',
			version: 1,
			createdAt: '2026-12-03T18:00:00.000Z',
			appVersion: 'test',
			deviceId: 'tablet-1',
			server: null,
			enumerator: { id: stranger, name: 'Nobody' },
			counts: { draft: 0, finalized: 0, sent: 0 },
			interviews: []
		}
	});
	expect(unknown.status()).toBe(400);
	expect(await unknown.json()).toMatchObject({
		error: expect.stringContaining(`unknown enumerator: this server has no enumerator with the id "${stranger}"`)
	});
});
