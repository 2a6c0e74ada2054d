/**
 * The supervisor publishes a questionnaire version from /admin: chooses the .json file and
 * sees what came of it (published, already published, another content under that version,
 * or every problem to fix); the list of versions and the export links follow. A server of
 * its own: publishing changes what every tablet of a server sees.
 */
import { expect, test, type Page } from '@playwright/test';
import { ADDED_QUESTION, revisedHousehold } from '../support/forms';
import { TEST_ADMIN_TOKEN, testServer, type TestServer } from '../support/server';
import { useEnglish } from './helpers';

let server: TestServer;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
	server = await testServer();
	await server.start();
});
test.afterAll(() => server?.dispose());

const file = (name: string, content: unknown) => ({
	name,
	mimeType: 'application/json',
	buffer: Buffer.from(typeof content === 'string' ? content : JSON.stringify(content, null, 2))
});

async function signedIn(page: Page) {
	await page.goto(`${server.origin}/admin`);
	await useEnglish(page);
	await page.getByLabel('Your name (recorded with your review actions)').fill('Supervisor');
	await page.getByLabel('Admin token').fill(TEST_ADMIN_TOKEN);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { name: 'Publish a questionnaire version' })).toBeVisible();
}

async function publish(page: Page, name: string, content: unknown) {
	await page.getByLabel('Questionnaire file (XLSForm .xlsx or .json)').setInputFiles(file(name, content));
	await page.getByRole('button', { name: 'Publish', exact: true }).click();
}

test('publishing from the admin page: published, the same again, other content, and every problem listed', async ({ page }) => {
	await signedIn(page);
	const versions = page.getByRole('list', { name: 'Published versions' });
	await expect(versions.getByRole('listitem')).toHaveText([
		/^household_migration version 2026-12-01, published /,
		/^household_migration version 2026-12-15, published /
	]);

	await publish(page, 'household_migration.2027-01-15.json', revisedHousehold('2027-01-15'));
	await expect(page.getByRole('status').filter({ hasText: 'Published:' })).toHaveText(
		'Published: household_migration version 2027-01-15. Tablets receive it at their next sync.'
	);
	await expect(versions.getByRole('listitem')).toHaveText([/version 2026-12-01,/, /version 2026-12-15,/, /version 2027-01-15,/]);

	await publish(page, 'copy.json', revisedHousehold('2027-01-15'));
	await expect(page.getByRole('status').filter({ hasText: 'already published' })).toContainText('nothing changed');

	await publish(page, 'edited.json', { ...revisedHousehold('2027-01-15'), title: { hy: 'Այլ', ru: 'Другой', en: 'Another' } });
	await expect(page.getByRole('alert')).toHaveText(/already published with other content.*new version/);

	const broken = {
		...revisedHousehold('2027-02-01'),
		items: [
			{ type: 'integer', name: 'bad name' },
			{ type: 'select_one', name: 'q2', choices: 'no_list' }
		]
	};
	await publish(page, 'broken.json', broken);
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('The questionnaire was not published.');
	const problems = alert.getByRole('listitem');
	expect(await problems.count()).toBeGreaterThanOrEqual(2);
	await expect(problems.filter({ hasText: /^items\.0/ }).first()).toBeVisible();
	await expect(problems.filter({ hasText: /^items\.1/ }).first()).toBeVisible();
	await expect(versions.getByRole('listitem')).toHaveCount(3);

	// The export links come from the server: the form's files, its repeats included.
	const link = page.getByRole('link', { name: 'household_migration.csv', exact: true });
	await expect(link).toHaveAttribute('href', '/api/admin/export/household_migration/household_migration.csv');
	await expect(page.getByRole('link', { name: 'household_migration-member.csv' })).toBeVisible();
	const download = await page.request.get(`${server.origin}/api/admin/export/household_migration/household_migration.csv`);
	expect((await download.text()).split('\r\n')[0].split(',')).toContain(ADDED_QUESTION);
});
