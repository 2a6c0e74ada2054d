/**
 * How the interview screen looks in a hand and in the sun, in Armenian, on an 800×1280 tablet
 * and a 360×740 phone: every touch target is at least 48 px in both directions whatever its
 * text, a phone's header is one short line, and the high-contrast option turns the screen
 * black on white and stays on after a reload.
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { hy } from '../../src/lib/i18n/hy';
import { testServer, type TestServer } from '../support/server';
import { setTestDeployment } from '../support/deployment';
import { asAdmin, uniqueName } from './helpers';

let server: TestServer;

test.beforeAll(async () => {
	server = await testServer();
	await server.start();
	await setTestDeployment(server.origin);
});
test.afterAll(() => server?.dispose());

test.beforeEach(async ({ page, request }) => {
	const name = uniqueName('Enumerator');
	const created = await request.post(`${server.origin}/api/admin/enumerators`, { headers: asAdmin, data: { name, sex: 'female' } });
	expect(created.status()).toBe(201);
	await page.goto(((await created.json()) as { setupUrl: string }).setupUrl);
	await expect(page.getByRole('status')).toContainText(name);
	await page.goto(`${server.origin}/`);
});

/**
 * Every visible thing a finger taps that is smaller than 48 × 48 px: buttons, links, fields,
 * and for a radio or checkbox the whole option line it sits in (the circle alone is small).
 */
function smallTargets(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const small: string[] = [];
		const tappable = document.querySelectorAll<HTMLElement>(
			'header a, header select, main button, main a, main select, main input, main textarea'
		);
		for (const element of tappable) {
			const target = element instanceof HTMLInputElement && /^(radio|checkbox)$/.test(element.type) ? element.closest('label') : element;
			if (!target) {
				small.push(`${element.outerHTML.slice(0, 80)} (no label around it)`);
				continue;
			}
			const box = target.getBoundingClientRect();
			if (box.width === 0 && box.height === 0) continue; // not shown
			if (box.height < 47.5 || box.width < 47.5)
				small.push(`${target.textContent?.trim().slice(0, 40) || target.tagName} ${Math.round(box.width)}×${Math.round(box.height)}`);
		}
		return small;
	});
}

async function shot(page: Page, info: TestInfo, name: string) {
	await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: false });
}

const sizes = [
	{ tag: 'tablet', width: 800, height: 1280 },
	{ tag: 'phone', width: 360, height: 740 }
];

for (const size of sizes) {
	test(`${size.tag} ${size.width}×${size.height}, in Armenian: touch targets of 48 px, a one-line header on a phone, high contrast for sunlight`, async ({
		page
	}, info) => {
		await page.setViewportSize({ width: size.width, height: size.height });
		await page.getByRole('button', { name: hy.new_interview }).click();
		await expect(page).toHaveURL(/\/interview\?id=/);
		await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();

		// The first screen, with the menu open (End interview, high contrast), and a refused Next's errors shown.
		await page.getByRole('button', { name: hy.next, exact: true }).click();
		await expect(page.getByRole('alert').first()).toBeVisible();
		const menu = page.getByRole('button', { name: hy.menu, exact: true });
		await menu.click();
		await expect(page.getByRole('button', { name: hy.end_interview })).toBeVisible();
		expect(await smallTargets(page)).toEqual([]);

		// The header is one line (on a phone: the links, a gear for settings, and the language).
		const header = await page.locator('header').boundingBox();
		expect(header!.height).toBeLessThan(80);

		// High contrast: question text black on white, the chosen option white on black.
		const toggle = page.getByRole('button', { name: hy.high_contrast });
		await expect(toggle).toHaveAttribute('aria-pressed', 'false');
		const firstQuestion = page.locator('.question').first();
		const tinted = await firstQuestion
			.locator('legend, label')
			.first()
			.evaluate((e) => getComputedStyle(e).color);
		expect(tinted).not.toBe('rgb(0, 0, 0)');
		await toggle.click();
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		const colours = await firstQuestion.evaluate((e) => {
			const label = e.querySelector('legend, label')!;
			return { text: getComputedStyle(label).color, page: getComputedStyle(document.body).backgroundColor };
		});
		expect(colours).toEqual({ text: 'rgb(0, 0, 0)', page: 'rgb(255, 255, 255)' });
		await firstQuestion.getByRole('radio').first().check();
		expect(await smallTargets(page)).toEqual([]);
		await shot(page, info, `${size.tag}-high-contrast`);

		// The choice is the device's: it stays after a reload, and the menu turns it off again.
		await page.reload();
		await expect(page.locator('html')).toHaveClass(/contrast/);
		await menu.click();
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		await toggle.click();
		await expect(page.locator('html')).not.toHaveClass(/contrast/);
		await shot(page, info, `${size.tag}-normal-menu`);
	});
}
