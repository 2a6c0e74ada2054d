import { expect, type Page } from '@playwright/test';

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
	notes: "Interviewer's notes"
};

/** A name no other test uses, to find this test's interview among the others. */
export const uniqueName = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 8)}`;
