import { expect, test } from '@playwright/test';
import definition from '../../src/lib/forms/household_migration.2026-12-01.json' with { type: 'json' };
import { csvRecords } from '../support/csv';
import { rawRequest, TEST_ADMIN_TOKEN, testServer } from '../support/server';
import { createEnumerator, exportRows, refuseAtConsent, setDeployment, uniqueName, useEnglish, waitForServiceWorker } from './helpers';
import { driver } from './household';

test('a tablet set up offline says it cannot start interviews, syncs, then starts one on the downloaded form', async ({
	page,
	context,
	request
}) => {
	// The settings the consent cites come with the first sync too.
	await setDeployment(request);
	const enumerator = await createEnumerator(request, uniqueName('Offline setup'));
	// The app shell is cached before the tablet goes into the field.
	await page.goto('/');
	await waitForServiceWorker(page);
	await useEnglish(page);

	// Set up with no network: the link is stored, but no questionnaire can come.
	await context.setOffline(true);
	await page.goto(enumerator.setupUrl);
	await expect(page.getByRole('status').filter({ hasText: 'The setup link is stored' })).toBeVisible();
	await page.getByRole('link', { name: 'Back to interviews' }).click();

	const newInterview = page.getByRole('button', { name: 'New interview' });
	const noForms = page.getByText('Interviews cannot start until the first sync brings the questionnaire to this device.');
	await expect(noForms).toBeVisible();
	await expect(newInterview).toBeDisabled();

	// The network returns: the first sync brings the form, and the message goes.
	await context.setOffline(false);
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(noForms).toHaveCount(0);
	await expect(newInterview).toBeEnabled();

	// The interview runs on the downloaded form, offline as ever, and reaches the server.
	await context.setOffline(true);
	await newInterview.click();
	await expect(page).toHaveURL(/\/interview\?id=/);
	const id = new URL(page.url()).searchParams.get('id');
	const place = uniqueName('Gavar');
	await refuseAtConsent(page, place);
	await page.getByRole('button', { name: 'Finalize interview' }).click();
	await page.getByRole('button', { name: 'Yes, finalize' }).click();
	const item = page.getByRole('listitem').filter({ hasText: place });
	await expect(item).toContainText('Waiting to sync');

	await context.setOffline(false);
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(item).toContainText('Sent');
	const row = (await exportRows(request)).find((r) => r.KEY === id);
	expect(row).toMatchObject({ form_version: driver.form.version, settlement_other: place, consent: 'no' });
});

test('with two questionnaires on the tablet, "New interview" asks which, by title in the interviewer\'s language', async ({ page }) => {
	// A second questionnaire published beside the household one, on a server of its own
	// (publishing changes what every tablet of a server offers).
	const server = await testServer();
	try {
		await server.start();
		const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' };
		const listing = {
			...definition,
			id: 'dwelling_listing',
			title: { hy: 'Բնակարանների ցուցակ', ru: 'Список жилищ', en: 'Dwelling listing' }
		};
		expect((await rawRequest(server.port, 'POST', '/api/admin/forms', admin, JSON.stringify(listing))).status).toBe(201);
		const created = await rawRequest(
			server.port,
			'POST',
			'/api/admin/enumerators',
			admin,
			JSON.stringify({ name: 'Two forms', sex: 'female' })
		);
		await page.goto((JSON.parse(created.body) as { setupUrl: string }).setupUrl);
		await expect(page.getByRole('status')).toContainText('Two forms');
		await page.goto(`${server.origin}/`);
		await useEnglish(page);

		await page.getByRole('button', { name: 'New interview' }).click();
		const choice = page.getByRole('group', { name: 'Which questionnaire?' });
		await expect(choice.getByRole('button')).toHaveText(['Households, migration and coping (Martuni)', 'Dwelling listing']);
		await page.getByRole('combobox').first().selectOption('ru');
		await expect(page.getByRole('group', { name: 'Какая анкета?' }).getByRole('button', { name: 'Список жилищ' })).toBeVisible();
		await page.getByRole('combobox').first().selectOption('en');

		await choice.getByRole('button', { name: 'Dwelling listing' }).click();
		await expect(page).toHaveURL(/\/interview\?id=/);
		const id = new URL(page.url()).searchParams.get('id')!;
		const place = uniqueName('Sevan');
		await refuseAtConsent(page, place);
		await page.getByRole('button', { name: 'Finalize interview' }).click();
		await page.getByRole('button', { name: 'Yes, finalize' }).click();
		await expect(page.getByRole('listitem').filter({ hasText: place })).toContainText('Sent');
		const csv = await rawRequest(server.port, 'GET', '/api/admin/export/dwelling_listing/dwelling_listing.csv', admin);
		expect(csvRecords(csv.body).find((r) => r.KEY === id)).toMatchObject({ settlement_other: place, form_version: '2026-12-01' });
	} finally {
		server.dispose();
	}
});
