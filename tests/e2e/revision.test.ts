/**
 * A questionnaire revised in the middle of fieldwork: a tablet holds a draft of the newest
 * built-in version (2026-12-15),
 * the supervisor publishes a revised version, the tablet syncs, finishes the old draft on
 * the old version and starts a new interview on the new one; both arrive and export side by
 * side. On a server of its own: publishing changes what every tablet of a server starts on.
 */
import { expect, test } from '@playwright/test';
import { csvRecords } from '../support/csv';
import { TEST_DEPLOYMENT, setTestDeployment } from '../support/deployment';
import { ADDED_QUESTION, revisedHousehold } from '../support/forms';
import { rawRequest, TEST_ADMIN_TOKEN, testServer, type TestServer } from '../support/server';
import { exactly, next, placeOfInterview, refuseAtConsent, type, uniqueName, useEnglish, waitForServiceWorker } from './helpers';
import { driver } from './household';

const BUILT_IN = driver.form.version;
const REVISED = '2027-01-15';
const NOTE_LABEL = 'Note about the visit';
const asAdmin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' };

let server: TestServer;
test.beforeEach(async () => {
	server = await testServer();
	await server.start();
});
test.afterEach(() => server.dispose());

test('a draft finishes on the version it started with; a new interview uses the newly published one; both export side by side', async ({
	page
}) => {
	await setTestDeployment(server.origin, TEST_DEPLOYMENT);
	const created = await rawRequest(
		server.port,
		'POST',
		'/api/admin/enumerators',
		asAdmin,
		JSON.stringify({ name: 'Ani Revision', sex: 'female' })
	);
	const { setupUrl } = JSON.parse(created.body) as { setupUrl: string };
	await page.goto(setupUrl);
	await expect(page.getByRole('status')).toContainText('Ani Revision');
	await page.goto(`${server.origin}/`);
	await waitForServiceWorker(page);
	await useEnglish(page);

	// A draft of the built-in version: the place is answered, the rest waits.
	await page.getByRole('button', { name: 'New interview' }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
	const oldId = new URL(page.url()).searchParams.get('id')!;
	const oldPlace = uniqueName('Old version');
	await placeOfInterview(page, oldPlace);
	await expect(page.getByLabel(exactly(NOTE_LABEL))).toHaveCount(0);
	await page.getByRole('link', { name: 'Back to interviews' }).click();

	// The supervisor publishes the revision: a copy with one more question.
	const published = await rawRequest(
		server.port,
		'POST',
		'/api/admin/forms',
		asAdmin,
		JSON.stringify(revisedHousehold(REVISED, driver.form))
	);
	expect([published.status, JSON.parse(published.body)]).toEqual([201, { id: 'household_migration', version: REVISED }]);

	// The tablet syncs (nothing waits to be sent) and brings the new version home.
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Nothing to send.' })).toBeVisible();

	// The old draft opens on its own version: no new question, answers where they were.
	const draft = page.getByRole('listitem').filter({ hasText: oldPlace });
	await draft.getByRole('link', { name: 'Continue' }).click();
	await expect(page.getByLabel(exactly('Name of the settlement'))).toHaveValue(oldPlace);
	await expect(page.getByLabel(exactly(NOTE_LABEL))).toHaveCount(0);
	await next(page);
	await page.getByRole('radio', { name: 'No', exact: true }).check();
	await next(page);
	await expect(page.getByRole('heading', { name: 'Review and finalize' })).toBeVisible();
	await page.getByRole('button', { name: 'Finalize interview' }).click();
	await page.getByRole('button', { name: 'Yes, finalize' }).click();

	// A new interview starts on the revision and asks the new question.
	await page.getByRole('button', { name: 'New interview' }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
	const newId = new URL(page.url()).searchParams.get('id')!;
	await type(page, NOTE_LABEL, 'Dog at the gate');
	const newPlace = uniqueName('New version');
	await refuseAtConsent(page, newPlace);
	await page.getByRole('button', { name: 'Finalize interview' }).click();
	await page.getByRole('button', { name: 'Yes, finalize' }).click();

	for (const place of [oldPlace, newPlace]) await expect(page.getByRole('listitem').filter({ hasText: place })).toContainText('Sent');

	const csv = await rawRequest(server.port, 'GET', '/api/admin/export/household_migration/household_migration.csv', asAdmin);
	expect(csv.status).toBe(200);
	const rows = csvRecords(csv.body).filter((r) => r.KEY === oldId || r.KEY === newId);
	expect(rows.map((r) => [r.KEY, r.form_version, r.settlement_other, r[ADDED_QUESTION], r.consent])).toEqual([
		[oldId, BUILT_IN, oldPlace, '', 'no'],
		[newId, REVISED, newPlace, 'Dog at the gate', 'no']
	]);
});
