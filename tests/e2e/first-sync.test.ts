import { expect, test } from '@playwright/test';
import { createEnumerator, exportRows, refuseAtConsent, uniqueName, useEnglish, waitForServiceWorker } from './helpers';

test('a tablet set up offline says it cannot start interviews, syncs, then starts one on the downloaded form', async ({
	page,
	context,
	request
}) => {
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
	const item = page.getByRole('listitem').filter({ hasText: place });
	await expect(item).toContainText('Waiting to sync');

	await context.setOffline(false);
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(item).toContainText('Sent');
	const row = (await exportRows(request)).find((r) => r.KEY === id);
	expect(row).toMatchObject({ form_version: '2026-12-01', settlement_other: place, consent: 'no' });
});
