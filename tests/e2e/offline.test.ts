import { expect, test } from '@playwright/test';
import {
	choose,
	connectionBanner,
	exactly,
	exportRows,
	next,
	placeOfInterview,
	provision,
	outwaitRetry,
	Q,
	question,
	refuseAtConsent,
	reloadFromCache,
	type,
	uniqueName,
	useEnglish,
	waitForServiceWorker
} from './helpers';
import { formatDate } from '../../src/lib/i18n/format';
import { answerScreen, household, t as messagesIn } from './household';

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
	await page.clock.install();
	await context.setOffline(true);
	await reloadFromCache(page);
	await useEnglish(page);
	// "Offline" when the browser says so; some Chromium builds keep navigator.onLine true for a
	// page the service worker served, and then the failed sync says "No connection to the server".
	await expect(connectionBanner(page)).toBeVisible();

	await page.getByRole('button', { name: 'New interview' }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
	const id = new URL(page.url()).searchParams.get('id');
	const place = uniqueName('Arevik');
	await refuseAtConsent(page, place);
	await page.getByRole('button', { name: 'Finalize interview' }).click();
	await page.getByRole('button', { name: 'Yes, finalize' }).click();

	const item = page.getByRole('listitem').filter({ hasText: place });
	await expect(item).toContainText('Waiting to sync');
	await reloadFromCache(page);
	await expect(item).toContainText('Waiting to sync');
	await expect(page.getByText('Waiting to sync: 1')).toBeVisible();

	// Nobody touches the tablet: the browser's "online" event sends at once, and where the
	// browser announces nothing, the retry timer does.
	await context.setOffline(false);
	await outwaitRetry(page);
	await expect(item).toContainText('Sent');
	await expect(page.getByText('Waiting to sync: 0')).toBeVisible();
	await expect(connectionBanner(page)).toHaveCount(0);

	const rows = (await exportRows(request)).filter((r) => r.KEY === id);
	expect(rows).toEqual([expect.objectContaining({ site_type: 'armenia', settlement: 'other', settlement_other: place, consent: 'no' })]);
});

test('a draft started offline keeps every typed answer and its place across reloads', async ({ page, context }) => {
	await context.setOffline(true);
	await reloadFromCache(page);
	await useEnglish(page);
	await page.getByRole('button', { name: 'New interview' }).click();

	const place = uniqueName('Մարտունի');
	await placeOfInterview(page, place);
	await next(page);
	await choose(page, Q.consent, 'Yes');
	await next(page);
	await choose(page, Q.respSex, 'Female');
	await type(page, Q.respAge, '38');
	await expect(page.getByText('All answers are saved on this device.')).toBeVisible();

	await reloadFromCache(page);
	await expect(page.getByRole('heading', { name: 'Respondent and residence' })).toBeVisible();
	await expect(question(page, Q.respSex).getByRole('radio', { name: 'Female' })).toBeChecked();
	await expect(question(page, Q.respAge).getByRole('textbox')).toHaveValue('38');
	await page.getByRole('button', { name: 'Back' }).click();
	await expect(question(page, Q.consent).getByRole('radio', { name: 'Yes' })).toBeChecked();
	await page.getByRole('button', { name: 'Back' }).click();
	await expect(question(page, Q.settlementOther).getByRole('textbox')).toHaveValue(place);

	await page.getByRole('link', { name: 'Back to interviews' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: place })).toContainText('Draft');
});

test('Next is refused while required answers are missing, with the reason beside each question', async ({ page }) => {
	await useEnglish(page);
	await page.getByRole('button', { name: 'New interview' }).click();
	await next(page);
	await expect(page.getByRole('alert').filter({ hasText: 'An answer is required.' })).toHaveCount(2);
	await choose(page, Q.site, 'Russia');
	await choose(page, Q.settlement, 'Moscow');
	await expect(page.getByRole('alert').filter({ hasText: 'An answer is required.' })).toHaveCount(0);
	await next(page);
	await choose(page, Q.consent, 'Yes');
	await next(page);
	await type(page, Q.respAge, 'forty');
	await expect(question(page, Q.respAge).getByRole('alert')).toHaveText('Enter a whole number.');
	await type(page, Q.respAge, '12');
	await expect(question(page, Q.respAge).getByRole('alert')).toContainText('18');
	await type(page, Q.respAge, '40');
	await expect(question(page, Q.respAge).getByRole('alert')).toHaveCount(0);
});

test('the interface speaks Armenian by default, and Russian on request', async ({ page }) => {
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Այս սարքի հարցազրույցները');
	await page.getByRole('combobox', { name: 'Լեզու' }).selectOption('ru');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Интервью на этом устройстве');
	await page.reload();
	await expect(page.getByRole('button', { name: 'Новое интервью' })).toBeVisible();
});

test('after Next the new screen opens at its top, as a phone holds it', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await useEnglish(page);
	await page.getByRole('button', { name: 'New interview' }).click();
	await placeOfInterview(page, uniqueName('Scroll'));
	await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
	expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
	const left = await page.evaluate(() => window.scrollY);
	await next(page);
	await expect(question(page, Q.consent)).toBeAttached();
	// The consent screen is longer than the phone's screen, and it starts at its top: its
	// heading in view (below the page's header when that fits, else at the window's top) and focused.
	expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeGreaterThan(200);
	const heading = page.getByRole('heading', { name: 'Consent', exact: true });
	await expect(heading).toBeFocused();
	await expect(heading).toBeInViewport();
	const top = (await heading.boundingBox())!.y;
	expect(top).toBeGreaterThanOrEqual(0);
	expect(top).toBeLessThan(740 * 0.6);
	expect(await page.evaluate(() => window.scrollY)).toBeLessThan(left);
	await page.screenshot({ path: test.info().outputPath('consent-360.png') });
});

test("dates read in the interviewer's language, Armenian included, whatever locale data the browser has", async ({ page }) => {
	const now = new Date();
	const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
	await page.getByRole('button', { name: 'Նոր հարցազրույց' }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
	// The reference date, and the start of "the last 12 months", in Armenian words.
	const line = page.getByText(`Հարցազրույցի ամսաթիվը՝ ${formatDate(today, 'hy')}`);
	await expect(line).toBeVisible();
	expect(await line.textContent()).not.toMatch(/[A-Za-z]/);
	await page.getByRole('combobox', { name: 'Լեզու' }).selectOption('ru');
	const russian = page.getByText(`Дата интервью: ${formatDate(today, 'ru')}.`);
	await expect(russian).toBeVisible();
	expect(await russian.textContent()).not.toContain('..');
	// The home screen's start time too.
	await page.getByRole('link', { name: 'К списку интервью' }).click();
	await expect(page.getByRole('listitem').first()).toContainText(`Начато ${formatDate(today, 'ru')}`);
});

test("the home screen titles each interview by the questionnaire's instance name: the head and the settlement, in Armenian", async ({
	page
}) => {
	const hy = messagesIn('hy');
	await page.getByRole('button', { name: hy.new_interview, exact: true }).click();
	await page.getByRole('link', { name: hy.back_to_list }).click();
	// Nothing answered yet: no name, and a placeholder says so.
	await expect(page.getByRole('region', { name: `${hy.drafts_heading} (1)` }).getByRole('listitem')).toContainText(hy.interview_unnamed);

	await page.getByRole('button', { name: hy.new_interview, exact: true }).click();
	const head = uniqueName('Սամվել');
	const h = household('unused');
	const [samvel, anahit] = h.member as Record<string, string>[];
	await answerScreen(page, 'hy', 'interview', { site_type: 'armenia', settlement: 'goris' });
	await answerScreen(page, 'hy', 'consent_block', h.consent_block);
	await answerScreen(page, 'hy', 'respondent', h.respondent);
	// The head is listed second: the name follows the relationship, not the order.
	await answerScreen(page, 'hy', 'member', [anahit, { ...samvel, m_name: head }], { next: false });
	await page.getByRole('link', { name: hy.back_to_list }).click();

	const drafts = page.getByRole('region', { name: `${hy.drafts_heading} (2)` });
	await expect(drafts.getByRole('listitem').first().getByText(`${head} · Գորիս`, { exact: true })).toBeVisible();
	await expect(drafts.getByRole('listitem').nth(1)).toContainText(hy.interview_unnamed);
	await page.reload();
	await expect(drafts.getByRole('listitem').first()).toContainText(`${head} · Գորիս`);
});

test('a failure to save is not swallowed: the interviewer reads it in their language, the cause is logged, and nothing half-done stays', async ({
	page
}) => {
	// The tablet's storage refuses new records, as a full disk does, while this switch is on.
	await page.addInitScript(() => {
		const add = IDBObjectStore.prototype.add;
		IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
			if ((globalThis as { storageFull?: boolean }).storageFull && this.name === 'interviews') {
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			}
			return add.apply(this, args);
		};
	});
	await page.reload();
	const logged: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') logged.push(message.text());
	});
	const hy = messagesIn('hy');
	await page.evaluate(() => ((globalThis as { storageFull?: boolean }).storageFull = true));
	await page.getByRole('button', { name: hy.new_interview, exact: true }).click();

	const alert = page.getByRole('alert').filter({ hasText: hy.failed_start });
	await expect(alert).toBeVisible();
	await expect(page).not.toHaveURL(/\/interview/);
	expect(logged.join('\n')).toContain('QuotaExceededError');
	await expect(page.getByText(hy.no_interviews)).toBeVisible();
	// In the language the interviewer switches to, too; closed, it is gone.
	await useEnglish(page);
	await expect(page.getByRole('alert').filter({ hasText: 'The interview could not be started.' })).toBeVisible();
	await page.getByRole('button', { name: 'Close' }).click();
	await expect(page.getByRole('alert')).toHaveCount(0);

	await page.evaluate(() => ((globalThis as { storageFull?: boolean }).storageFull = false));
	await page.getByRole('button', { name: 'New interview' }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
});

test('a full disk while answering: the interviewer is told in their language, the answer stays on screen, and Save again stores it once there is room', async ({
	page
}) => {
	// The tablet's storage refuses changes to interviews, as a full disk does, while this switch is on.
	await page.addInitScript(() => {
		const put = IDBObjectStore.prototype.put;
		IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
			if ((globalThis as { storageFull?: boolean }).storageFull && this.name === 'interviews') {
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			}
			return put.apply(this, args);
		};
	});
	await page.reload();
	await useEnglish(page);
	await page.getByRole('button', { name: 'New interview', exact: true }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
	const place = uniqueName('Full disk');
	await page.evaluate(() => ((globalThis as { storageFull?: boolean }).storageFull = true));
	await placeOfInterview(page, place);
	const full = page.getByRole('alert').filter({ hasText: 'The tablet’s storage is full' });
	await expect(full).toBeVisible();
	await expect(page.getByLabel(exactly(Q.settlementOther))).toHaveValue(place);
	// Saving again while the disk is still full says so again; once there is room it stores everything.
	await full.getByRole('button', { name: 'Save again' }).click();
	await expect(full).toBeVisible();
	await page.evaluate(() => ((globalThis as { storageFull?: boolean }).storageFull = false));
	// A write already queued may store the draft first and take the alert away before the tap lands.
	await full
		.getByRole('button', { name: 'Save again' })
		.click({ timeout: 5_000 })
		.catch(() => undefined);
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect(page.getByText('All answers are saved on this device.')).toBeVisible();
	await page.reload();
	await expect(page.getByLabel(exactly(Q.settlementOther))).toHaveValue(place);
});

test('the home screen groups interviews by status; a draft can be deleted after confirming, a sent one cannot', async ({ page }) => {
	await useEnglish(page);
	await page.getByRole('button', { name: 'New interview' }).click();
	await choose(page, Q.site, 'Russia');
	await choose(page, Q.settlement, 'Krasnodar');
	await page.getByRole('link', { name: 'Back to interviews' }).click();
	await page.getByRole('button', { name: 'New interview' }).click();
	const place = uniqueName('Sona');
	await refuseAtConsent(page, place);
	await page.getByRole('button', { name: 'Finalize interview' }).click();
	await page.getByRole('button', { name: 'Yes, finalize' }).click();

	const drafts = page.getByRole('region', { name: 'Drafts (1)' });
	const sent = page.getByRole('region', { name: 'Sent (1)' });
	await expect(drafts.getByRole('listitem')).toContainText('Krasnodar');
	await expect(sent.getByRole('listitem')).toContainText(place);
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
