/**
 * The supervisor records each enumerator's sex on /admin (and corrects it), and sets the
 * institution and contact that questionnaire texts cite, in Armenian, Russian and English.
 * A server of its own: the settings change what every tablet of a server shows.
 */
import { expect, test, type Page } from '@playwright/test';
import { TEST_ADMIN_TOKEN, testServer, type TestServer } from '../support/server';
import { useEnglish } from './helpers';

let server: TestServer;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
	server = await testServer();
	await server.start();
});
test.afterAll(() => server?.dispose());

const asAdmin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

async function signedIn(page: Page) {
	await page.goto(`${server.origin}/admin`);
	await useEnglish(page);
	await page.getByLabel('Your name (recorded with your review actions)').fill('Supervisor');
	await page.getByLabel('Admin token').fill(TEST_ADMIN_TOKEN);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { name: 'Enumerators' })).toBeVisible();
}

test('an enumerator is created with her sex, which the list shows and the supervisor can correct', async ({ page, request }) => {
	await signedIn(page);
	await page.getByLabel('Name', { exact: true }).fill('Narine');
	await page.getByRole('button', { name: 'Create enumerator' }).click();
	// Without a sex the form is not sent.
	await expect(page.getByRole('region', { name: 'Setup link for Narine' })).toHaveCount(0);
	await page.getByLabel('Female').check();
	await page.getByRole('button', { name: 'Create enumerator' }).click();
	await expect(page.getByRole('region', { name: 'Setup link for Narine' })).toBeVisible();
	const row = page.getByRole('listitem').filter({ hasText: 'Narine' });
	await expect(row).toContainText('Female');

	await row.getByRole('button', { name: 'Change Narine' }).click();
	const form = page.getByRole('form', { name: 'Change Narine' });
	await form.getByLabel('Name as exports show it').fill('Narine Avetisyan');
	await form.getByLabel('Sex of Narine').selectOption('male');
	await form.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved: Narine Avetisyan.' })).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: 'Narine Avetisyan' })).toContainText('Male');

	const listed = (await (await request.get(`${server.origin}/api/admin/enumerators`, { headers: asAdmin })).json()) as {
		name: string;
		sex: string;
	}[];
	expect(listed.map((e) => [e.name, e.sex])).toEqual([['Narine Avetisyan', 'male']]);
});

test('the institution and contact are set in three languages, prefilled next time, and a half-filled one is refused', async ({
	page,
	request
}) => {
	await signedIn(page);
	const section = page.getByRole('region', { name: 'Institution and contact' });
	await expect(section).toContainText('Not set yet');
	const institution = {
		Armenian: 'Երևանի պետական համալսարան',
		Russian: 'Ереванский государственный университет',
		English: 'Yerevan State University'
	};
	for (const [language, text] of Object.entries(institution)) await section.getByLabel(`Institution (${language})`).fill(text);
	await section.getByLabel('Contact (Armenian)').fill('Անի, 010 000000');
	await section.getByRole('button', { name: 'Save institution and contact' }).click();
	await expect(section.getByRole('alert')).toHaveText('Fill in the contact in all three languages, or leave all three empty.');
	let stored = await (await request.get(`${server.origin}/api/deployment`, { headers: asAdmin })).json();
	expect(stored).toEqual({ institution: null, contact: null, updatedAt: null });

	await section.getByLabel('Contact (Russian)').fill('Ани, 010 000000');
	await section.getByLabel('Contact (English)').fill('Ani, 010 000000');
	await section.getByRole('button', { name: 'Save institution and contact' }).click();
	await expect(section.getByRole('status')).toHaveText('Saved. Tablets receive it at their next sync.');
	await expect(section).toContainText('Last changed');
	stored = await (await request.get(`${server.origin}/api/deployment`, { headers: asAdmin })).json();
	expect(stored).toEqual({
		institution: { hy: institution.Armenian, ru: institution.Russian, en: institution.English },
		contact: { hy: 'Անի, 010 000000', ru: 'Ани, 010 000000', en: 'Ani, 010 000000' },
		updatedAt: expect.any(String)
	});

	await page.reload();
	await expect(section.getByLabel('Institution (Russian)')).toHaveValue(institution.Russian);
	await expect(section.getByLabel('Contact (English)')).toHaveValue('Ani, 010 000000');

	// The labels follow the interface language.
	await page.getByRole('combobox', { name: 'Language' }).selectOption('hy');
	await expect(page.getByLabel('Կազմակերպություն (ռուսերեն)')).toHaveValue(institution.Russian);
});
