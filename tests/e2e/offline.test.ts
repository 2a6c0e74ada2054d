import { expect, test } from '@playwright/test';
import {
	answerYesNo,
	asAdmin,
	fillSmallHousehold,
	labels,
	next,
	provision,
	reloadFromCache,
	uniqueName,
	useEnglish,
	waitForServiceWorker
} from './helpers';

test.beforeEach(async ({ page, request }) => {
	await provision(page, request);
	await page.goto('/');
	await waitForServiceWorker(page);
});

test('an interview taken offline waits on the device, then reaches the server when the network returns', async ({
	page,
	context,
	request
}) => {
	await context.setOffline(true);
	await reloadFromCache(page);
	await useEnglish(page);
	await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();

	await page.getByRole('button', { name: 'New interview' }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
	const id = new URL(page.url()).searchParams.get('id');
	const name = uniqueName('Anahit');
	await fillSmallHousehold(page, name);
	await page.getByRole('button', { name: 'Finalize interview' }).click();

	const item = page.getByRole('listitem').filter({ hasText: name });
	await expect(item).toContainText('Waiting to sync');
	await reloadFromCache(page);
	await expect(item).toContainText('Waiting to sync');
	await expect(page.getByText('Waiting to sync: 1')).toBeVisible();

	await context.setOffline(false);
	await expect(item).toContainText('Sent');
	await expect(page.getByText('Waiting to sync: 0')).toBeVisible();

	const csv = await request.get('/api/admin/export/household_pilot/household_pilot.csv', { headers: asAdmin });
	expect(csv.status()).toBe(200);
	expect((await csv.text()).split('\r\n')).toContain(`russia,${name},1,no,,,1,0,,,${id}`);
});

test('a draft started offline keeps every typed answer and its place across reloads', async ({ page, context }) => {
	await context.setOffline(true);
	await reloadFromCache(page);
	await useEnglish(page);
	await page.getByRole('button', { name: 'New interview' }).click();

	const name = uniqueName('Գոհար');
	await page.getByRole('radio', { name: 'Martuni district' }).check();
	await page.getByLabel(labels.name).fill(name);
	await next(page);
	await page.getByLabel(labels.size).fill('6');
	await answerYesNo(page, labels.land, 'Yes');
	await expect(page.getByText('All answers are saved on this device.')).toBeVisible();

	await reloadFromCache(page);
	await expect(page.getByRole('heading', { name: 'Household', exact: true })).toBeVisible();
	await expect(page.getByLabel(labels.size)).toHaveValue('6');
	await expect(page.getByRole('radio', { name: 'Yes' })).toBeChecked();
	await page.getByRole('button', { name: 'Back' }).click();
	await expect(page.getByLabel(labels.name)).toHaveValue(name);
	await expect(page.getByRole('radio', { name: 'Martuni district' })).toBeChecked();

	await page.getByRole('link', { name: 'Back to interviews' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: name })).toContainText('Draft');
});

test('Next is refused while required answers are missing, with the reason beside each question', async ({ page }) => {
	await useEnglish(page);
	await page.getByRole('button', { name: 'New interview' }).click();
	await next(page);
	await expect(page.getByRole('alert').filter({ hasText: 'An answer is required.' })).toHaveCount(2);
	await page.getByRole('radio', { name: 'Russia' }).check();
	await page.getByLabel(labels.name).fill('Ani');
	await expect(page.getByRole('alert').filter({ hasText: 'An answer is required.' })).toHaveCount(0);
	await next(page);
	await page.getByLabel(labels.size).fill('three');
	await expect(page.getByRole('alert').filter({ hasText: 'Enter a whole number.' })).toBeVisible();
	await page.getByLabel(labels.size).fill('3');
	await expect(page.getByRole('alert').filter({ hasText: 'Enter a whole number.' })).toHaveCount(0);
});

test('the interface speaks Armenian by default, and Russian on request', async ({ page }) => {
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Այս սարքի հարցազրույցները');
	await page.getByRole('combobox', { name: 'Լեզու' }).selectOption('ru');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Интервью на этом устройстве');
	await page.reload();
	await expect(page.getByRole('button', { name: 'Новое интервью' })).toBeVisible();
});

test('the home screen groups interviews by status; a draft can be deleted after confirming, a sent one cannot', async ({ page }) => {
	await useEnglish(page);
	await page.getByRole('button', { name: 'New interview' }).click();
	await page.getByRole('radio', { name: 'Martuni district' }).check();
	await page.getByRole('link', { name: 'Back to interviews' }).click();
	await page.getByRole('button', { name: 'New interview' }).click();
	await fillSmallHousehold(page, 'Sona');
	await page.getByRole('button', { name: 'Finalize interview' }).click();

	const drafts = page.getByRole('region', { name: 'Drafts (1)' });
	const sent = page.getByRole('region', { name: 'Sent (1)' });
	await expect(drafts.getByRole('listitem')).toContainText('Martuni district');
	await expect(sent.getByRole('listitem')).toContainText('Russia · Sona');
	await expect(sent.getByRole('button', { name: 'Delete draft' })).toHaveCount(0);

	await drafts.getByRole('button', { name: 'Delete draft' }).click();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(drafts.getByRole('listitem')).toHaveCount(1);
	await drafts.getByRole('button', { name: 'Delete draft' }).click();
	await expect(page.getByRole('alertdialog')).toContainText('Delete this draft? Its answers will be lost.');
	await page.getByRole('button', { name: 'Yes, delete' }).click();
	await expect(page.getByRole('region', { name: /^Drafts/ })).toHaveCount(0);
	await page.reload();
	await expect(page.getByRole('region', { name: 'Sent (1)' })).toBeVisible();
	await expect(page.getByRole('region', { name: /^Drafts/ })).toHaveCount(0);
});
