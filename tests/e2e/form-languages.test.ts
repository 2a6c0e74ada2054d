/**
 * A questionnaire's languages are its own: a form in English only, and one in Kiswahili and
 * English, are published through the API; a tablet (interface in Armenian, 800×1280) brings
 * them home at its next sync. The interview shows the questionnaire in one of its own
 * languages with the interface's Armenian words around it; the language switch offers the
 * form's languages by name, and one the interface lacks (Kiswahili) changes only the
 * questionnaire. On a server of its own: publishing changes what every tablet of it sees.
 */
import { expect, test, type Page } from '@playwright/test';
import { csvRecords } from '../support/csv';
import { rawRequest, TEST_ADMIN_TOKEN, testServer, type TestServer } from '../support/server';
import { waitForServiceWorker } from './helpers';

const asAdmin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' };

/** A market survey in English only, as many real XLSForms are. */
const englishOnly = {
	id: 'market_survey',
	version: '2027-02-01',
	title: { en: 'Market survey' },
	languages: [{ code: 'en', name: 'English' }],
	defaultLanguage: 'en',
	choices: {
		roof: [
			{ value: 'open', label: { en: 'Open air' } },
			{ value: 'covered', label: { en: 'Covered hall' } }
		]
	},
	items: [
		{ type: 'integer', name: 'stalls', label: { en: 'How many stalls does the market have?' }, hint: { en: 'Count the empty ones too' } },
		{ type: 'select_one', name: 'roof', label: { en: 'Is the market covered?' }, choices: 'roof' }
	]
};

/** A water survey in Kiswahili (its default) and English. */
const swahiliEnglish = {
	id: 'water_survey',
	version: '2027-02-01',
	title: { sw: 'Utafiti wa maji', en: 'Water survey' },
	languages: [
		{ code: 'sw', name: 'Kiswahili' },
		{ code: 'en', name: 'English' }
	],
	defaultLanguage: 'sw',
	instance_name: 'choice-label(${source})',
	choices: {
		source: [
			{ value: 'tap', label: { sw: 'Bomba', en: 'Tap' } },
			{ value: 'well', label: { sw: 'Kisima', en: 'Well' } }
		]
	},
	items: [{ type: 'select_one', name: 'source', label: { sw: 'Mnapata maji wapi?', en: 'Where do you get water?' }, choices: 'source' }]
};

/** Armenian words of the interface the tablet shows. */
const hy = {
	language: 'Լեզու',
	newInterview: 'Նոր հարցազրույց',
	sync: 'Համաժամեցնել',
	next: 'Առաջ',
	back: 'Հետ',
	nothingToSend: 'Ուղարկելու բան չկա։'
};

let server: TestServer;
/** One tablet for both tests, as in the field: set up once, its forms synced once. */
let page: Page;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async ({ browser }) => {
	server = await testServer();
	await server.start();
	page = await browser.newPage({ viewport: { width: 800, height: 1280 } });
});
test.afterAll(async () => {
	await page?.close();
	server?.dispose();
});

async function shot(name: string, what: string) {
	const testInfo = test.info();
	const path = testInfo.outputPath(`${name}.png`);
	await page.screenshot({ path, fullPage: true });
	await testInfo.attach(what, { path, contentType: 'image/png' });
}

/** A tablet set up for a new enumerator, interface in Armenian (the default), that then syncs the forms published meanwhile. */
async function tabletAfterPublishing() {
	const created = await rawRequest(
		server.port,
		'POST',
		'/api/admin/enumerators',
		asAdmin,
		JSON.stringify({ name: 'Amina Lugha', sex: 'female' })
	);
	const { setupUrl } = JSON.parse(created.body) as { setupUrl: string };
	await page.goto(setupUrl);
	await expect(page.getByRole('status')).toContainText('Amina Lugha');
	await page.goto(`${server.origin}/`);
	await waitForServiceWorker(page);
	await expect(page.getByRole('combobox', { name: hy.language })).toHaveValue('hy');

	for (const definition of [englishOnly, swahiliEnglish]) {
		const published = await rawRequest(server.port, 'POST', '/api/admin/forms', asAdmin, JSON.stringify(definition));
		expect([published.status, JSON.parse(published.body)]).toEqual([201, { id: definition.id, version: definition.version }]);
	}
	await page.getByRole('button', { name: hy.sync }).click();
	await expect(page.getByRole('status').filter({ hasText: hy.nothingToSend })).toBeVisible();
}

async function start(title: string) {
	await page.getByRole('button', { name: hy.newInterview }).click();
	await page.getByRole('button', { name: title }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
}

test('an English-only questionnaire on an Armenian tablet: English questions, Armenian interface, the switch offers only English', async () => {
	await tabletAfterPublishing();
	await start('Market survey');

	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Market survey');
	await expect(page.getByLabel('How many stalls does the market have?')).toBeVisible();
	await expect(page.getByText('Count the empty ones too')).toBeVisible();
	await expect(page.getByRole('group', { name: 'Is the market covered?' }).getByRole('radio')).toHaveCount(2);
	await expect(page.getByRole('radio', { name: 'Covered hall' })).toBeVisible();
	// The interface keeps its Armenian words around the questionnaire.
	await expect(page.getByRole('button', { name: hy.next, exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: hy.back, exact: true })).toBeVisible();

	const languageSwitch = page.getByRole('combobox', { name: hy.language });
	await expect(languageSwitch.getByRole('option')).toHaveText(['English']);
	await expect(languageSwitch).toHaveValue('en');
	await shot('english-only-800x1280', 'an English-only questionnaire, Armenian interface, 800×1280');

	// Out of the interview the switch offers the interface's languages again.
	await page.getByRole('link', { name: 'Վերադառնալ ցանկին' }).click();
	await expect(page.getByRole('combobox', { name: hy.language }).getByRole('option')).toHaveText(['Հայերեն', 'Русский', 'English']);
});

test('a Kiswahili and English questionnaire: Kiswahili changes the questions only, English the interface too; the submission says sw', async () => {
	await page.goto(`${server.origin}/`);
	await expect(page.getByRole('combobox', { name: hy.language })).toHaveValue('hy');
	await start('Water survey');

	// The interface's Armenian is not one of the form's: its default, Kiswahili, is shown.
	const languageSwitch = page.getByRole('combobox', { name: hy.language });
	await expect(languageSwitch.getByRole('option')).toHaveText(['Kiswahili', 'English']);
	await expect(languageSwitch).toHaveValue('sw');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Utafiti wa maji');
	await expect(page.getByRole('group', { name: 'Mnapata maji wapi?' })).toBeVisible();
	await expect(page.getByRole('button', { name: hy.next, exact: true })).toBeVisible();
	await shot('kiswahili-armenian-800x1280', 'Kiswahili questionnaire, Armenian interface');

	// English is one of the interface's languages too: both switch.
	await languageSwitch.selectOption({ label: 'English' });
	await expect(page.getByRole('group', { name: 'Where do you get water?' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeVisible();
	const englishSwitch = page.getByRole('combobox', { name: 'Language' });
	await expect(englishSwitch).toHaveValue('en');

	// Kiswahili is not: the questions change, the interface stays in English.
	await englishSwitch.selectOption({ label: 'Kiswahili' });
	await expect(page.getByRole('group', { name: 'Mnapata maji wapi?' })).toBeVisible();
	await expect(page.getByRole('radio', { name: 'Kisima' })).toBeVisible();
	await expect(page.getByRole('group', { name: 'Where do you get water?' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Back to interviews' })).toBeVisible();
	await expect(englishSwitch).toHaveValue('sw');
	await shot('kiswahili-english-800x1280', 'Kiswahili questionnaire, English interface');

	await page.getByRole('radio', { name: 'Kisima' }).check();
	await page.getByRole('button', { name: 'Next', exact: true }).click();
	await page.getByRole('button', { name: 'Finalize interview' }).click();
	await page.getByRole('button', { name: 'Yes, finalize' }).click();
	// Its name on the list is the answer's label in the language it was left in.
	await expect(page.getByRole('listitem').filter({ hasText: 'Kisima' })).toContainText('Sent');

	// The server took a submission in Kiswahili, the language the interview started in.
	const csv = await rawRequest(server.port, 'GET', '/api/admin/export/water_survey/water_survey.csv', asAdmin);
	expect(csv.status).toBe(200);
	expect(csvRecords(csv.body).map((r) => [r.language, r.source])).toEqual([['sw', 'well']]);
});
