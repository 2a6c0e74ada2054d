/**
 * The interview screen as an interviewer holds it, in Armenian, on an 800×1280 tablet and a
 * 360×740 phone: where each screen change puts the view and the focus, what a refused Next
 * shows, the bar with Back and Next, the roster's entries, and the home screen's lists.
 * Texts come from the questionnaire the tablet starts on (by question name) and from the
 * interface strings, so the test reads what the interviewer reads.
 */
import { expect, request as http, test, type Page, type TestInfo } from '@playwright/test';
import { hy } from '../../src/lib/i18n/hy';
import { testServer, type TestServer } from '../support/server';
import { asAdmin, exactly, question, uniqueName } from './helpers';

interface Item {
	name: string;
	type: string;
	label?: Record<string, string>;
	choices?: string;
	items?: Item[];
}
interface Definition {
	items: Item[];
	choices: Record<string, { value: string; label: Record<string, string> }[]>;
}

let form: Definition;
/**
 * A server of its own: a questionnaire version citing deployment settings starts only once
 * they are set, and setting them changes what every tablet of a server shows.
 */
let server: TestServer;

test.beforeAll(async () => {
	server = await testServer();
	await server.start();
	const api = await http.newContext({ baseURL: server.origin, extraHTTPHeaders: asAdmin });
	// The newest published version of the household form: the one "New interview" starts on.
	const versions = (await (await api.get('/api/forms')).json()) as { id: string; version: string }[];
	const newest = versions.filter((v) => v.id === 'household_migration').at(-1)!;
	const text = await (await api.get(`/api/forms/${newest.id}/${newest.version}`)).text();
	form = JSON.parse(text) as Definition;
	if (text.includes('${deployment.')) {
		const all = (s: string) => ({ hy: s, ru: s, en: s });
		const put = await api.put('/api/admin/deployment', { data: { institution: all('Test institute'), contact: all('+374 10 000000') } });
		expect(put.status()).toBe(200);
	}
	await api.dispose();
});
test.afterAll(() => server?.dispose());

function item(name: string, items: Item[] = form.items): Item | undefined {
	for (const it of items) {
		if (it.name === name) return it;
		const inner = it.items && item(name, it.items);
		if (inner) return inner;
	}
	return undefined;
}
/** A question's (or group's) label in Armenian. */
const label = (name: string) => item(name)!.label!.hy;
/** The Armenian label of a choice of question `name`. */
const choice = (name: string, value: string) => form.choices[item(name)!.choices!].find((c) => c.value === value)!.label.hy;

async function pick(page: Page, name: string, value: string) {
	await question(page, label(name))
		.getByRole('radio', { name: choice(name, value), exact: true })
		.check();
}
async function fill(page: Page, name: string, value: string) {
	await page.getByLabel(exactly(label(name))).fill(value);
}
const nextButton = (page: Page) => page.getByRole('button', { name: hy.next, exact: true });
const progressText = (page: Page) => page.getByText(/^Բաժին \d+՝ \d+-ից$/);
async function progressTotal(page: Page): Promise<number> {
	return Number(/՝ (\d+)-ից/.exec((await progressText(page).textContent()) ?? '')![1]);
}

/** After a screen change: the new screen's heading is on screen and has the focus. */
async function atTopOf(page: Page, heading: string) {
	const h = page.getByRole('heading', { name: heading, exact: true });
	await expect(h).toBeFocused();
	await expect(h).toBeInViewport();
}

async function shot(page: Page, info: TestInfo, name: string) {
	await page.screenshot({ path: info.outputPath(`${name}.png`) });
}

const sizes = [
	{ tag: 'tablet', width: 800, height: 1280 },
	{ tag: 'phone', width: 360, height: 740 }
];

/** The tablet set up as a new enumerator, by the setup link, on the home screen. */
test.beforeEach(async ({ page, request }) => {
	const name = uniqueName('Enumerator');
	const created = await request.post(`${server.origin}/api/admin/enumerators`, { headers: asAdmin, data: { name, sex: 'female' } });
	expect(created.status()).toBe(201);
	await page.goto(((await created.json()) as { setupUrl: string }).setupUrl);
	await expect(page.getByRole('status')).toContainText(name);
	await page.goto(`${server.origin}/`);
});

for (const size of sizes) {
	test(`${size.tag} ${size.width}×${size.height}, in Armenian: each screen opens at its heading, a refused Next shows what to fix, the roster says which entries are complete`, async ({
		page
	}, info) => {
		await page.setViewportSize({ width: size.width, height: size.height });
		await page.getByRole('button', { name: hy.new_interview }).click();
		await expect(page).toHaveURL(/\/interview\?id=/);

		// Before consent every section may still come: the count says so.
		const before = await progressTotal(page);
		expect(before).toBeGreaterThan(4);
		await expect(progressText(page)).toHaveText(`Բաժին 1՝ ${before}-ից`);

		// Next with nothing answered, from the foot of the page: the first question is brought back and focused.
		await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
		await expect(nextButton(page)).toBeInViewport();
		await nextButton(page).click();
		const site = question(page, label('site_type'));
		await expect(site.getByRole('radio').first()).toBeFocused();
		await expect(site).toBeInViewport();
		await expect(site.getByRole('alert')).toHaveText(hy.error_required);
		await shot(page, info, `${size.tag}-1-refused`);

		// "End interview" is not under Back: it sits in the menu at the top, far above the bar.
		await expect(page.getByRole('button', { name: hy.end_interview })).toHaveCount(0);
		const menu = page.getByRole('button', { name: hy.menu, exact: true });
		await menu.click();
		await expect(menu).toHaveAttribute('aria-expanded', 'true');
		const end = await page.getByRole('button', { name: hy.end_interview }).boundingBox();
		const back = await page.getByRole('button', { name: hy.back, exact: true }).boundingBox();
		expect(back!.y - (end!.y + end!.height)).toBeGreaterThan(100);
		await menu.click();
		await expect(page.getByRole('button', { name: hy.end_interview })).toHaveCount(0);

		await pick(page, 'site_type', 'martuni');
		await pick(page, 'settlement', 'other');
		await fill(page, 'settlement_other', uniqueName('Գորիս'));
		await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
		await nextButton(page).click();
		await atTopOf(page, label('consent_block'));
		await expect(progressText(page)).toHaveText(`Բաժին 2՝ ${before}-ից`);
		await shot(page, info, `${size.tag}-2-consent`);

		// Consent settles which sections come (with no woman in the roster yet, not hers): the count follows at once.
		await pick(page, 'consent', 'yes');
		await expect(progressText(page)).not.toHaveText(`Բաժին 2՝ ${before}-ից`);
		const withConsent = await progressTotal(page);
		expect(withConsent).toBeGreaterThan(4);
		expect(withConsent).toBeLessThan(before);
		await expect(progressText(page)).toHaveText(`Բաժին 2՝ ${withConsent}-ից`);

		await nextButton(page).click();
		await atTopOf(page, label('respondent'));
		await pick(page, 'resp_sex', 'female');
		await fill(page, 'resp_age', '40');
		await pick(page, 'resp_rel_head', 'spouse');
		// Living in Martuni then and now: no year of moving is asked.
		await pick(page, 'hh_origin', 'martuni_town');
		await pick(page, 'hh_forced_move', 'no');

		// The bar with Back and Next stays on screen in the middle of a long screen...
		await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
		await expect(nextButton(page)).toBeInViewport();
		// ...and at its foot covers none of it: the last question ends above the bar.
		await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
		const last = await question(page, label('hh_forced_move')).boundingBox();
		const bar = await nextButton(page).boundingBox();
		expect(last!.y + last!.height).toBeLessThanOrEqual(bar!.y);
		await shot(page, info, `${size.tag}-3-respondent-foot`);

		await nextButton(page).click();
		const roster = label('member');
		await atTopOf(page, roster);
		await expect(progressText(page)).toHaveText(`Բաժին 4՝ ${withConsent}-ից`);

		// A new entry opens at its first question, in view and focused.
		const add = page.getByRole('button', { name: `${hy.add_entry}: ${roster}` });
		await add.click();
		const firstName = page.getByLabel(exactly(label('m_name')));
		await expect(firstName).toBeFocused();
		await expect(firstName).toBeInViewport();
		await page.keyboard.type('Արսեն');

		// A second entry while the first is incomplete: the first closes and says so in words.
		await add.click();
		await expect(firstName).toBeFocused();
		await expect(firstName).toBeInViewport();
		const first = page.getByRole('listitem', { name: `${hy.entry_n.replace('{n}', '1')}: Արսեն` });
		await expect(first).toContainText(hy.entry_incomplete);
		await fill(page, 'm_name', 'Անահիտ');
		await pick(page, 'm_sex', 'female');
		await fill(page, 'm_age', '30');
		await pick(page, 'm_rel_head', 'head');
		await pick(page, 'm_marital', 'married_civil');
		await pick(page, 'm_educ', 'secondary');
		await pick(page, 'm_activity', 'employed');
		await pick(page, 'm_away', 'no');
		await fill(page, 'm_months_away', '0');
		await pick(page, 'm_refugee', 'no');
		// Later versions ask these of her too (a returned migrant? her husband away?).
		for (const later of ['m_returned', 'm_husband_away']) if (item(later)) await pick(page, later, 'no');
		const second = page.getByRole('listitem', { name: new RegExp(`^${hy.entry_n.replace('{n}', '2')}: Անահիտ`) });
		await expect(second).toContainText(hy.entry_complete);
		// A woman of 30 at home brings in her module's introduction, and the module that may follow it: two sections more.
		await expect(progressText(page)).toHaveText(`Բաժին 4՝ ${withConsent + 2}-ից`);
		await shot(page, info, `${size.tag}-4-roster`);

		// Close her entry, scroll away, and press Next: Arsen's entry opens, says what to do,
		// and its first unanswered question is in view with the focus.
		await second.getByRole('button', { name: hy.close_entry }).click();
		await expect(firstName).toHaveCount(0);
		await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
		await nextButton(page).click();
		await expect(first).toContainText(hy.entry_fix);
		// On a tablet the entry's line shows above the question; a phone has no room for both.
		if (size.tag === 'tablet') await expect(first.getByText(hy.entry_fix)).toBeInViewport();
		await expect(page.getByLabel(exactly(label('m_name')))).toHaveValue('Արսեն');
		const sex = question(page, label('m_sex'));
		await expect(sex.getByRole('radio').first()).toBeFocused();
		await expect(sex).toBeInViewport();
		await expect(sex.getByRole('alert')).toHaveText(hy.error_required);
		await expect(second).toContainText(hy.entry_complete);
		await shot(page, info, `${size.tag}-5-roster-refused`);

		// Editing her entry again brings its top into view, Arsen's closing above it.
		await page.evaluate(() => window.scrollTo(0, 0));
		await second.getByRole('button', { name: hy.edit_entry }).click();
		await expect(second.getByRole('button', { name: hy.close_entry })).toBeFocused();
		await expect(page.getByLabel(exactly(label('m_name')))).toHaveValue('Անահիտ');
		await expect(page.getByLabel(exactly(label('m_name')))).toBeInViewport();

		// Back goes to the previous screen, its heading in view and focused.
		await page.getByRole('button', { name: hy.back, exact: true }).click();
		await atTopOf(page, label('respondent'));
	});
}

test('question text, read-aloud text and interviewer hints look different; a radio circle keeps its size when its option wraps', async ({
	page
}, info) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await page.getByRole('button', { name: hy.new_interview }).click();
	const site = question(page, label('site_type'));
	const style = (selector: string) =>
		site
			.locator(selector)
			.first()
			.evaluate((e) => {
				const s = getComputedStyle(e);
				return { weight: Number(s.fontWeight), size: parseFloat(s.fontSize), style: s.fontStyle };
			});
	const legend = await style('legend');
	const option = await style('label.option');
	const hint = await style('.hint');
	expect(legend.weight).toBeGreaterThanOrEqual(600);
	expect(option.weight).toBeLessThan(600);
	expect(legend.size).toBeGreaterThan(option.size);
	expect(hint.style).toBe('italic');
	expect(hint.size).toBeLessThan(option.size);

	// The longest option wraps on a phone; its circle is as large as a one-line option's.
	const settlement = question(page, label('settlement'));
	await site.getByRole('radio', { name: choice('site_type', 'martuni'), exact: true }).check();
	const circles = await site.getByRole('radio').evaluateAll((inputs) =>
		inputs.map((input) => {
			const box = input.getBoundingClientRect();
			return { width: box.width, height: box.height, lines: Math.round(input.parentElement!.getBoundingClientRect().height) };
		})
	);
	expect(Math.max(...circles.map((c) => c.lines))).toBeGreaterThan(48);
	for (const c of circles) expect(c).toMatchObject({ width: circles[1].width, height: circles[1].height });
	await expect(settlement).toBeVisible();

	// A text to read out (the consent) is set apart from an instruction.
	await pick(page, 'settlement', 'martuni_town');
	await nextButton(page).click();
	const note = page.locator('.question .note').first();
	await expect(note).toBeVisible();
	const read = await note.evaluate((e) => ({ style: getComputedStyle(e).fontStyle, bg: getComputedStyle(e).backgroundColor }));
	expect(read.style).toBe('normal');
	expect(read.bg).not.toBe('rgba(0, 0, 0, 0)');
	await shot(page, info, 'phone-consent-styles');
});

test('home screen: sent interviews of earlier days fold under their heading and count; Delete draft is small and away from Continue', async ({
	page
}, info) => {
	const yesterday = new Date(Date.now() - 24 * 3600_000);
	await page.clock.install({ time: yesterday });
	await page.setViewportSize({ width: 360, height: 740 });
	const refuse = async (place: string) => {
		await page.getByRole('button', { name: hy.new_interview }).click();
		await pick(page, 'site_type', 'armenia');
		await pick(page, 'settlement', 'other');
		await fill(page, 'settlement_other', place);
		await nextButton(page).click();
		await pick(page, 'consent', 'no');
		await nextButton(page).click();
		await atTopOf(page, hy.review_heading);
		await page.getByRole('button', { name: hy.finalize }).click();
		await page.getByRole('button', { name: hy.finalize_confirm }).click();
	};
	const old = uniqueName('Երեկ');
	await page.goto(`${server.origin}/`);
	await refuse(old);
	await expect(page.getByRole('listitem').filter({ hasText: old })).toContainText(hy.status_sent);

	// The next day: one more sent, and a draft.
	await page.clock.setSystemTime(new Date());
	await page.reload();
	const today = uniqueName('Այսօր');
	await refuse(today);
	await expect(page.getByRole('listitem').filter({ hasText: today })).toContainText(hy.status_sent);
	await page.getByRole('button', { name: hy.new_interview }).click();
	await page.getByRole('link', { name: hy.back_to_list }).click();

	const sent = page.getByRole('region', { name: `${hy.sent_heading} (2)` });
	const fold = sent.getByRole('button', { name: `${hy.sent_heading} (2)` });
	await expect(fold).toHaveAttribute('aria-expanded', 'false');
	await expect(sent.getByRole('listitem')).toHaveCount(1);
	await expect(sent.getByRole('listitem')).toContainText(today);
	await expect(sent).toContainText(hy.sent_folded.replace('{count}', '1').split('։')[0]);
	await shot(page, info, 'phone-home-folded');
	await fold.click();
	await expect(fold).toHaveAttribute('aria-expanded', 'true');
	await expect(sent.getByRole('listitem').filter({ hasText: old })).toBeVisible();
	await fold.click();
	await expect(sent.getByRole('listitem').filter({ hasText: old })).toHaveCount(0);

	const draft = page.getByRole('region', { name: `${hy.drafts_heading} (1)` });
	const cont = await draft.getByRole('link', { name: hy.continue }).boundingBox();
	const del = await draft.getByRole('button', { name: hy.delete_draft }).boundingBox();
	const size = async (loc: ReturnType<Page['getByRole']>) => loc.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
	expect(await size(draft.getByRole('button', { name: hy.delete_draft }))).toBeLessThan(
		await size(draft.getByRole('link', { name: hy.continue }))
	);
	// Not next to Continue: at least 20 px between them, and never right under it.
	expect(del!.height * del!.width).toBeLessThan(cont!.height * cont!.width);
	const dx = Math.max(0, del!.x - (cont!.x + cont!.width), cont!.x - (del!.x + del!.width));
	const dy = Math.max(0, del!.y - (cont!.y + cont!.height), cont!.y - (del!.y + del!.height));
	expect(Math.hypot(dx, dy)).toBeGreaterThanOrEqual(20);
	expect(del!.x + del!.width / 2).toBeGreaterThan(cont!.x + cont!.width);
	await shot(page, info, 'phone-home');

	// Every household findable: typing part of its name finds it, folded or not; nothing found says so.
	const find = page.getByLabel(hy.find_interview);
	await find.fill(old.slice(0, 8));
	await expect(page.getByRole('listitem').filter({ hasText: old })).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: today })).toHaveCount(0);
	await expect(page.getByRole('region', { name: `${hy.drafts_heading} (1)` })).toHaveCount(0);
	await find.fill('Ոչ մի տեղ');
	await expect(page.getByRole('status').filter({ hasText: 'Ոչ մի տեղ' })).toBeVisible();
	for (const place of [old, today]) await expect(page.getByRole('listitem').filter({ hasText: place })).toHaveCount(0);
	await find.fill('');
	await expect(sent.getByRole('listitem')).toHaveCount(1);

	// Filters: only the drafts, then everything again.
	const filters = page.getByRole('group', { name: hy.show_only });
	await filters.getByRole('button', { name: `${hy.drafts_heading} (1)` }).click();
	await expect(filters.getByRole('button', { name: `${hy.drafts_heading} (1)` })).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByRole('region', { name: `${hy.drafts_heading} (1)` })).toBeVisible();
	await expect(sent).toHaveCount(0);
	await filters.getByRole('button', { name: hy.show_all }).click();
	await expect(sent.getByRole('listitem')).toHaveCount(1);
});

test("the review's Go to opens the screen of an answer to fix with that answer in view and focused, on a phone", async ({ page }, info) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await page.getByRole('button', { name: hy.new_interview }).click();
	await pick(page, 'site_type', 'armenia');
	await pick(page, 'settlement', 'other');
	await fill(page, 'settlement_other', uniqueName('Վայք'));
	await nextButton(page).click();
	await pick(page, 'consent', 'no');
	await nextButton(page).click();
	await atTopOf(page, hy.review_heading);
	await expect(page.getByText(hy.review_ok)).toBeVisible();

	// Back on the first screen by its section button, the settlement's name is cleared; the review then lists it.
	// On a phone the section buttons are folded behind one button, and fold again after a screen change.
	const sections = page.getByRole('navigation', { name: hy.sections });
	const unfold = page.getByRole('button', { name: hy.sections, exact: true });
	await expect(sections).toBeHidden();
	await unfold.click();
	await expect(unfold).toHaveAttribute('aria-expanded', 'true');
	await sections.getByRole('button', { name: label('interview'), exact: true }).click();
	await atTopOf(page, label('interview'));
	await fill(page, 'settlement_other', '');
	await expect(sections).toBeHidden();
	await unfold.click();
	await sections.getByRole('button', { name: label('consent_block'), exact: true }).click();
	await atTopOf(page, label('consent_block'));
	await nextButton(page).click();
	await atTopOf(page, hy.review_heading);
	await page.getByRole('button', { name: hy.go_to }).click();
	const field = page.getByLabel(exactly(label('settlement_other')));
	await expect(field).toBeFocused();
	await expect(field).toBeInViewport();
	await expect(question(page, label('settlement_other')).getByRole('alert')).toHaveText(hy.error_required);
	await shot(page, info, 'phone-go-to');
});
