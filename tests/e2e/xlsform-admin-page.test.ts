/**
 * Issue 16, as a survey team works: the questionnaire is a spreadsheet in English only. The
 * supervisor uploads it on /admin, sees every problem of the broken first try where the
 * spreadsheet shows it (sheet, row, column), fixes the spreadsheet, publishes; a tablet whose
 * interface is in Armenian gets the questionnaire at its next sync, starts an interview on it
 * (the questions in English, the app's own words in Armenian) and sends it. A server of its
 * own: publishing changes what every tablet of a server offers.
 */
import { expect, test, type Page } from '@playwright/test';
import { csvRecords } from '../support/csv';
import { rawRequest, TEST_ADMIN_TOKEN, testServer, type TestServer } from '../support/server';
import { workbook as workbookOf } from '../../src/lib/server/xlsform/testing';
import { XLSX_TYPE } from '../../src/lib/wire';

/** A workbook as a team's spreadsheet would be: each sheet a header row and its rows. */
const xlsform = async (sheets: Parameters<typeof workbookOf>[0]) => Buffer.from(await workbookOf(sheets));
import { exactly, uniqueName, useEnglish } from './helpers';

let server: TestServer;
test.beforeAll(async () => {
	server = await testServer();
	await server.start();
});
test.afterAll(() => server?.dispose());

const EN = 'label::English (en)';

/** The team's spreadsheet; the first try has a misspelt reference and a question type Tun has not. */
const spreadsheet = (fixed: boolean) =>
	xlsform({
		survey: [
			['type', 'name', EN, 'hint::English (en)', 'required', 'relevant', 'constraint', 'constraint_message::English (en)'],
			['begin group', 'water', 'Water points', null, null, null, null, null],
			['text', 'village', 'Village name', null, 'yes', null, null, null],
			[
				'integer',
				'households',
				'How many households live in the village?',
				'Count the occupied houses',
				'yes',
				null,
				'. >= 0',
				'Cannot be negative'
			],
			['select_one yes_no', 'has_well', 'Is there a working well?', null, 'yes', null, null, null],
			[
				'integer',
				'well_depth',
				'How deep is the well, in metres?',
				null,
				null,
				fixed ? "${has_well} = 'yes'" : "${has_wel} = 'yes'",
				null,
				null
			],
			...(fixed ? [] : [['image', 'well_photo', 'Photo of the well', null, null, null, null, null]]),
			['end group', null, null, null, null, null, null, null]
		],
		choices: [
			['list_name', 'name', EN],
			['yes_no', 'yes', 'Yes'],
			['yes_no', 'no', 'No']
		],
		settings: [
			['form_id', 'version', 'form_title', 'default_language'],
			['water_points', '2026-12-01', 'Water points survey', 'English (en)']
		]
	});

async function upload(page: Page, name: string, fixed: boolean) {
	await page
		.getByLabel('Questionnaire file (XLSForm .xlsx or .json)')
		.setInputFiles({ name, mimeType: XLSX_TYPE, buffer: await spreadsheet(fixed) });
	await page.getByRole('button', { name: 'Publish', exact: true }).click();
}

test('an English-only XLSForm: its problems at their cells, fixed, published, and interviewed on a tablet in Armenian', async ({
	browser
}, info) => {
	const admin = await browser.newPage();
	await admin.goto(`${server.origin}/admin`);
	await useEnglish(admin);
	await admin.getByLabel('Your name (recorded with your review actions)').fill('Supervisor');
	await admin.getByLabel('Admin token').fill(TEST_ADMIN_TOKEN);
	await admin.getByRole('button', { name: 'Sign in' }).click();

	await upload(admin, 'water_points.xlsx', false);
	const alert = admin.getByRole('alert');
	await expect(alert).toContainText('The questionnaire was not published. Problems to fix: 2.');
	const problems = alert.getByRole('list', { name: 'Problems in the XLSForm' }).getByRole('listitem');
	await expect(problems).toHaveText([/^survey, row 6, column relevant: .*has_wel/, /^survey, row 7, column type: .*image/]);
	await admin.screenshot({ path: info.outputPath('admin-xlsform-problems.png'), fullPage: true });
	const versions = admin.getByRole('list', { name: 'Published versions' });
	await expect(versions.getByRole('listitem').filter({ hasText: 'water_points' })).toHaveCount(0);

	await upload(admin, 'water_points.xlsx', true);
	await expect(admin.getByRole('status').filter({ hasText: 'Published:' })).toHaveText(
		'Published: water_points version 2026-12-01. Tablets receive it at their next sync.'
	);
	await expect(versions.getByRole('listitem').filter({ hasText: 'water_points version 2026-12-01' })).toBeVisible();
	await expect(admin.getByRole('link', { name: 'Download as XLSForm (water_points-2026-12-01.xlsx)' })).toHaveAttribute(
		'href',
		'/api/admin/forms/water_points/2026-12-01.xlsx'
	);

	// A tablet, its interface in Armenian (the default), set up and synced after the publication.
	const tablet = await browser.newPage({ viewport: { width: 800, height: 1280 } });
	const asAdmin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' };
	const created = await rawRequest(
		server.port,
		'POST',
		'/api/admin/enumerators',
		asAdmin,
		JSON.stringify({ name: 'Anahit', sex: 'female' })
	);
	await tablet.goto((JSON.parse(created.body) as { setupUrl: string }).setupUrl);
	await expect(tablet.getByRole('status').first()).toContainText('Anahit');
	await tablet.goto(`${server.origin}/`);
	await tablet.getByRole('button', { name: 'Համաժամեցնել' }).click();
	await tablet.getByRole('button', { name: 'Նոր հարցազրույց' }).click();
	await tablet.getByRole('group', { name: 'Ո՞ր հարցաթերթը' }).getByRole('button', { name: 'Water points survey' }).click();
	await expect(tablet).toHaveURL(/\/interview\?id=/);
	const id = new URL(tablet.url()).searchParams.get('id')!;

	// The questions in the questionnaire's one language; the app's words in the interviewer's.
	await expect(tablet.getByRole('heading', { name: 'Water points', exact: true })).toBeVisible();
	const village = uniqueName('Norabak');
	await tablet.getByLabel(exactly('Village name')).fill(village);
	await tablet.getByLabel(exactly('How many households live in the village?')).fill('-3');
	await expect(tablet.getByText('Cannot be negative')).toBeVisible();
	await tablet.getByLabel(exactly('How many households live in the village?')).fill('42');
	await expect(tablet.getByLabel(exactly('How deep is the well, in metres?'))).toHaveCount(0);
	await tablet.getByRole('radio', { name: 'Yes', exact: true }).check();
	await tablet.getByLabel(exactly('How deep is the well, in metres?')).fill('12');
	await expect(tablet.getByRole('button', { name: 'Առաջ' })).toBeVisible();
	await tablet.screenshot({ path: info.outputPath('tablet-english-form-armenian-interface.png'), fullPage: true });
	await tablet.getByRole('button', { name: 'Առաջ' }).click();
	await tablet.getByRole('button', { name: 'Ավարտել հարցազրույցը' }).click();
	await tablet.getByRole('button', { name: 'Այո, ավարտել' }).click();
	await expect(tablet.getByRole('listitem').filter({ hasText: 'Ուղարկված է' }).first()).toBeVisible();

	const csv = await rawRequest(server.port, 'GET', '/api/admin/export/water_points/water_points.csv', asAdmin);
	expect(csvRecords(csv.body).find((r) => r.KEY === id)).toMatchObject({
		form_version: '2026-12-01',
		village,
		households: '42',
		has_well: 'yes',
		well_depth: '12'
	});
});
