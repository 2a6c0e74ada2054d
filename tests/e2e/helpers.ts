import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { adminToken } from '../../playwright.config';
import { csvRecords } from '../support/csv';
import { TEST_DEPLOYMENT } from '../support/deployment';

export const asAdmin = { authorization: `Bearer ${adminToken}` };

/** A name no other test uses, to find this test's interview among the others. */
export const uniqueName = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 8)}`;

/** Creates an enumerator through the admin API: its id, token and setup link. */
export async function createEnumerator(request: APIRequestContext, name: string, sex: 'female' | 'male' = 'female') {
	const response = await request.post('/api/admin/enumerators', { headers: asAdmin, data: { name, sex } });
	expect(response.status()).toBe(201);
	return (await response.json()) as { id: string; name: string; sex: 'female' | 'male'; token: string; setupUrl: string };
}

/**
 * Sets the deployment settings (institution, contact) that the questionnaire's consent cites,
 * through the admin API of the server at `origin` (the test's own server; default the shared one).
 */
export async function setDeployment(request: APIRequestContext, origin = ''): Promise<void> {
	const response = await request.put(`${origin}/api/admin/deployment`, { headers: asAdmin, data: TEST_DEPLOYMENT });
	expect(response.status()).toBe(200);
}

/**
 * Sets the tablet up as a new enumerator by opening the setup link, as a supervisor's QR code
 * would; the deployment settings are set first, as a supervisor does before tablets go out,
 * so the tablet downloads them with the questionnaire and can start interviews.
 */
export async function provision(
	page: Page,
	request: APIRequestContext,
	name = uniqueName('Enumerator'),
	sex: 'female' | 'male' = 'female'
) {
	await setDeployment(request);
	const enumerator = await createEnumerator(request, name, sex);
	await page.goto(enumerator.setupUrl);
	await expect(page.getByRole('status')).toContainText(name);
	return enumerator;
}

/** Rows of an export table of the questionnaire, read as the admin. */
export async function exportRows(request: APIRequestContext, table = ''): Promise<Record<string, string>[]> {
	const file = table ? `household_migration-${table}.csv` : 'household_migration.csv';
	const response = await request.get(`/api/admin/export/household_migration/${file}`, { headers: asAdmin });
	expect(response.status()).toBe(200);
	return csvRecords(await response.text());
}

/**
 * Resolves once the service worker is active and controls the page (never a fixed sleep).
 * A page whose navigation began while the worker was still installing can miss its
 * clients.claim(); such a page is reloaded once, and the active worker then serves it.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
	const controlled = () =>
		page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			return navigator.serviceWorker.controller !== null;
		});
	if (!(await controlled())) {
		await page.reload();
		expect(await controlled()).toBe(true);
	}
}

/** Switches the interface to English with the language control, as an interviewer would. */
export async function useEnglish(page: Page): Promise<void> {
	await page.getByRole('combobox').first().selectOption('en');
	await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('en');
}

/** Reloads and checks that the page came from the service worker, not the network. */
export async function reloadFromCache(page: Page): Promise<void> {
	const response = await page.reload();
	expect(response?.fromServiceWorker()).toBe(true);
}

/** A label as the screen shows it: exactly this text, with the required marker or without. */
export function exactly(label: string): RegExp {
	return new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);
}

/** The question block (label, input, alerts) of a question, found by its label. */
export function question(page: Page, label: string) {
	return page.locator('.question').filter({ has: page.getByText(exactly(label)) });
}

/** Picks an answer of a single or multiple choice question. */
export async function choose(page: Page, label: string, ...choices: string[]): Promise<void> {
	for (const choice of choices) {
		const block = question(page, label);
		const input = block.getByRole('radio', { name: choice, exact: true }).or(block.getByRole('checkbox', { name: choice, exact: true }));
		await input.check();
	}
}

export async function type(page: Page, label: string, value: string): Promise<void> {
	await page.getByLabel(exactly(label)).fill(value);
}

export async function next(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Next' }).click();
}

export const Q = {
	site: 'Where is the interview taking place?',
	settlement: 'Settlement',
	settlementOther: 'Name of the settlement',
	consent: 'Does the respondent agree to take part in the interview?',
	respSex: "Respondent's sex",
	respAge: 'How old are you, in completed years?'
};

/** The place of the interview: Armenia, another place named `place`, so the interview is easy to find. */
export async function placeOfInterview(page: Page, place: string): Promise<void> {
	await choose(page, Q.site, 'Armenia');
	await choose(page, Q.settlement, 'Another place (specify)');
	await type(page, Q.settlementOther, place);
}

/** The shortest complete interview: the respondent refuses at consent. Ends on the review screen. */
export async function refuseAtConsent(page: Page, place: string): Promise<void> {
	await placeOfInterview(page, place);
	await next(page);
	await choose(page, Q.consent, 'No');
	await next(page);
	await expect(page.getByRole('heading', { name: 'Review and finalize' })).toBeVisible();
}

/**
 * The app retries by itself at the latest after its longest backoff, 5 minutes plus 20 %
 * jitter (src/lib/client/sync.svelte.ts). With the clock installed (`page.clock.install()`
 * before the first navigation), jumps past it, as a tablet left alone that long would.
 */
export async function outwaitRetry(page: Page): Promise<void> {
	await page.clock.fastForward('06:01');
}

/** The banner that says the connection is gone: offline, or no connection to the server, whichever the browser's state warrants. */
export function connectionBanner(page: Page) {
	return page.getByRole('status').filter({ hasText: /^(Offline|No connection to the server)/ });
}
