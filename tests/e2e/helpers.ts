import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { adminToken } from '../../playwright.config';

export const asAdmin = { authorization: `Bearer ${adminToken}` };

/** Creates an enumerator through the admin API: its id, token and setup link. */
export async function createEnumerator(request: APIRequestContext, name: string) {
	const response = await request.post('/api/admin/enumerators', { headers: asAdmin, data: { name } });
	expect(response.status()).toBe(201);
	return (await response.json()) as { id: string; name: string; token: string; setupUrl: string };
}

/** Sets the tablet up as a new enumerator by opening the setup link, as a supervisor's QR code would. */
export async function provision(page: Page, request: APIRequestContext, name = uniqueName('Enumerator')) {
	const enumerator = await createEnumerator(request, name);
	await page.goto(enumerator.setupUrl);
	await expect(page.getByRole('status')).toContainText(name);
	return enumerator;
}

/** Resolves once the service worker is active and controls the page (never a fixed sleep). */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) =>
				navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
			);
		}
	});
}

/** Switches the interface to English with the language control, as an interviewer would. */
export async function useEnglish(page: Page): Promise<void> {
	await page.getByRole('combobox').selectOption('en');
	await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('en');
}

/** Reloads and checks that the page came from the service worker, not the network. */
export async function reloadFromCache(page: Page): Promise<void> {
	const response = await page.reload();
	expect(response?.fromServiceWorker()).toBe(true);
}

export const labels = {
	name: "Respondent's first name (or initials only)",
	size: 'How many people usually live in this household?',
	land: 'Does the household farm any land?',
	memberName: 'First name or initials',
	age: 'Age in completed years',
	away: 'Does this person live away from the household now?',
	tripYear: 'In which year did the trip start?',
	hectares: 'How many hectares does the household farm?',
	notes: "Interviewer's notes"
};

/** The question block (label, input, alerts) of a question, found by its label. */
export function question(page: Page, label: string) {
	return page.locator('.question').filter({ hasText: label });
}

/** Answers a yes/no question, found by its label. */
export async function answerYesNo(page: Page, label: string, answer: 'Yes' | 'No'): Promise<void> {
	await question(page, label).getByRole('radio', { name: answer, exact: true }).check();
}

export async function next(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Next' }).click();
}

/** A one-person household from the first screen to the review, in English. */
export async function fillSmallHousehold(page: Page, name: string): Promise<void> {
	await page.getByRole('radio', { name: 'Russia' }).check();
	await page.getByLabel(labels.name).fill(name);
	await next(page);
	await page.getByLabel(labels.size).fill('1');
	await answerYesNo(page, labels.land, 'No');
	await next(page);
	await page.getByRole('button', { name: 'Add an entry: Household members' }).click();
	await page.getByLabel(labels.memberName).fill(name);
	await page.getByRole('radio', { name: 'Female' }).check();
	await page.getByLabel(labels.age).fill('40');
	await answerYesNo(page, labels.away, 'No');
	await next(page);
	await expect(page.getByRole('heading', { name: 'Closing' })).toBeVisible();
	await next(page);
	await expect(page.getByRole('heading', { name: 'Review and finalize' })).toBeVisible();
}

/** A name no other test uses, to find this test's interview among the others. */
export const uniqueName = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 8)}`;
