/**
 * A shared tablet (issue 15): two enumerators set up on one tablet by their setup links,
 * each takes an interview offline, the home screen's switch shows each only their own; the
 * supervisor revokes one; back online, the other's interviews reach the server and the
 * revoked one's stay on the tablet, with a message that names whose they are.
 */
import { expect, test, type Page } from '@playwright/test';
import {
	asAdmin,
	createEnumerator,
	exportRows,
	refuseAtConsent,
	setDeployment,
	uniqueName,
	useEnglish,
	waitForServiceWorker
} from './helpers';

/** Takes the shortest complete interview (a refusal at consent) at `place` and finalizes it; back on the home screen. */
async function interview(page: Page, place: string) {
	await page.getByRole('button', { name: 'New interview' }).click();
	await refuseAtConsent(page, place);
	await page.getByRole('button', { name: 'Finalize interview' }).click();
	await page.getByRole('button', { name: 'Yes, finalize' }).click();
	await expect(page.getByRole('heading', { name: 'Interviews on this device' })).toBeVisible();
}

const item = (page: Page, place: string) => page.getByRole('listitem').filter({ hasText: place });
const switcher = (page: Page) => page.getByRole('group', { name: 'Who is working on this tablet' });

test('two enumerators on one tablet, one revoked: the other’s interviews still go out', async ({ page, context, request }, info) => {
	await setDeployment(request);
	const ani = await createEnumerator(request, uniqueName('Ani'));
	const gor = await createEnumerator(request, uniqueName('Gor'), 'male');
	for (const enumerator of [ani, gor]) {
		await page.goto(enumerator.setupUrl);
		await expect(page.getByRole('status').first()).toContainText(enumerator.name);
	}
	await page.goto('/');
	await waitForServiceWorker(page);
	await useEnglish(page);
	// The last link opened is the one working; both are on the switch.
	await expect(page.getByText(`Working now: ${gor.name}`)).toBeVisible();
	await expect(switcher(page).getByRole('button')).toHaveText([ani.name, gor.name]);
	await expect(switcher(page).getByRole('button', { name: gor.name })).toHaveAttribute('aria-pressed', 'true');

	// In the field, no network: each takes an interview, which waits on the tablet.
	await context.setOffline(true);
	const gorPlace = uniqueName('Gor place');
	const aniPlace = uniqueName('Ani place');
	await interview(page, gorPlace);
	await switcher(page).getByRole('button', { name: ani.name }).click();
	await expect(page.getByText(`Working now: ${ani.name}`)).toBeVisible();
	await expect(page.getByText(/^No interviews/)).toBeVisible();
	await interview(page, aniPlace);

	// Each sees only their own.
	await expect(item(page, aniPlace)).toContainText('Waiting to sync');
	await expect(item(page, gorPlace)).toHaveCount(0);
	await expect(page.getByText('Waiting to sync: 1')).toBeVisible();
	await switcher(page).getByRole('button', { name: gor.name }).click();
	await expect(item(page, gorPlace)).toContainText('Waiting to sync');
	await expect(item(page, aniPlace)).toHaveCount(0);
	await page.getByRole('combobox').first().selectOption('hy');
	await expect(page.getByRole('group', { name: 'Ով է աշխատում այս պլանշետով' })).toBeVisible();
	await page.screenshot({ path: info.outputPath('shared-tablet-home-hy-800x1280.png') });
	await useEnglish(page);

	// The supervisor revokes Ani; the tablet is back online and syncs.
	expect((await request.delete(`/api/admin/enumerators/${ani.id}`, { headers: asAdmin })).status()).toBe(204);
	await context.setOffline(false);
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(item(page, gorPlace)).toContainText('Sent');
	const revoked = page.getByRole('alert').filter({ hasText: `${ani.name}'s access was revoked` });
	await expect(revoked).toContainText('their interviews are not sent and stay on this tablet');
	await expect(switcher(page).getByRole('button', { name: ani.name })).toContainText('access revoked');

	// Ani's interview stays on the tablet, waiting; the server has Gor's and not hers.
	await switcher(page).getByRole('button', { name: ani.name }).click();
	await expect(page.getByText(`Working now: ${ani.name} (access revoked)`)).toBeVisible();
	await expect(item(page, aniPlace)).toContainText('Waiting to sync');
	await page.reload();
	await expect(item(page, aniPlace)).toContainText('Waiting to sync');
	const rows = await exportRows(request);
	expect(rows.filter((r) => r.settlement_other === gorPlace)).toHaveLength(1);
	expect(rows.filter((r) => r.settlement_other === aniPlace)).toHaveLength(0);

	await page.getByRole('combobox').first().selectOption('hy');
	await expect(page.getByRole('alert').filter({ hasText: `${ani.name}-ի մուտքը չեղարկված է` })).toBeVisible();
	await page.screenshot({ path: info.outputPath('shared-tablet-revoked-hy-800x1280.png') });
});
