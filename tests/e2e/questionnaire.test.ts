/**
 * The Martuni household questionnaire (version 2, 2026-12-15) end to end: a household of four
 * with two migrants through every module in Armenian, on a tablet and on a phone, into the
 * export, member links and the interviewer's sex included; a refusal that keeps no
 * coordinates; a break-off in the women's module; and the same household in English giving
 * the same data. The household is described once (tests/e2e/household.ts); the driver reads
 * every label from the form definition (tests/e2e/form-driver.ts). Each screen of the
 * Armenian journeys is kept as a screenshot among the test's artifacts.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { Language, Question } from '../../src/lib/form/schema';
import { exportRows, provision, question, uniqueName } from './helpers';
import {
	answerScreen,
	driver,
	DWELLING,
	expectedRow,
	finalize,
	household,
	householdAnswers,
	interview,
	labelOf,
	questionsAfter,
	split,
	t,
	type Answers,
	type Household
} from './household';

const TABLET = { width: 800, height: 1280 };
const PHONE = { width: 360, height: 740 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Switches the interface language with the language control, whatever it shows now. */
async function useLanguage(page: Page, lang: Language) {
	await page.getByRole('combobox', { name: /^(Language|Язык|Լեզու)$/ }).selectOption(lang);
	await expect(page.getByRole('combobox', { name: t(lang).language })).toHaveValue(lang);
}

/** A tablet set up for a new enumerator of `sex`, on the interview list in `lang`, with a new interview open; its id. */
async function start(page: Page, request: APIRequestContext, lang: Language, sex: 'female' | 'male' = 'female'): Promise<string> {
	await provision(page, request, uniqueName('Enumerator'), sex);
	await page.goto('/');
	await useLanguage(page, lang);
	await page.getByRole('button', { name: t(lang).new_interview, exact: true }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
	return new URL(page.url()).searchParams.get('id')!;
}

/**
 * Keeps a full-page screenshot of each screen among the test's artifacts, numbered in order,
 * and checks that nothing on it runs off the side of the device's screen.
 */
function screenshots(page: Page, device: string, width: number) {
	let n = 0;
	return async (screen: string) => {
		const name = `${device}-${String(++n).padStart(2, '0')}-${screen}.png`;
		const path = test.info().outputPath(name);
		// The field last typed in is left first, as the keyboard closes: a full-page shot resizes the
		// viewport, and Chromium then scrolls a still-focused field back into view under the next tap.
		await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
		await page.screenshot({ path, fullPage: true });
		await test.info().attach(name, { path, contentType: 'image/png' });
		expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name}: the page scrolls sideways`).toBeLessThanOrEqual(
			width
		);
	};
}

const listed = (page: Page, place: string) => page.getByRole('listitem').filter({ hasText: place });

/** The export rows of one interview: its household row, members, their migrant entries, and Soviet-era workers. */
async function exportOf(request: APIRequestContext, id: string) {
	const byKey = (a: Record<string, string>, b: Record<string, string>) => a.KEY.localeCompare(b.KEY);
	const households = (await exportRows(request)).filter((r) => r.KEY === id);
	const members = (await exportRows(request, 'member')).filter((r) => r.PARENT_KEY === id).sort(byKey);
	const memberKeys = members.map((m) => m.KEY);
	const migrants = (await exportRows(request, 'migrant')).filter((r) => memberKeys.includes(r.PARENT_KEY)).sort(byKey);
	const workers = (await exportRows(request, 'sov_worker')).filter((r) => r.PARENT_KEY === id).sort(byKey);
	return { households, members, migrants, workers };
}

/** Expected rows for every answer of the household: the household row, a row per member, per migrant, per worker. */
function expected(h: Household) {
	const members = (h.member ?? []) as Answers[];
	const workers = Array.isArray((h.soviet as Answers | undefined)?.sov_worker) ? ((h.soviet as Answers).sov_worker as Answers[]) : [];
	return {
		households: [expect.objectContaining(expectedRow(householdAnswers(h), '', h))],
		members: members.map((m) => expect.objectContaining(expectedRow(m, 'member', h))),
		migrants: members
			.map((m) => expectedRow(m, 'migrant', h))
			.filter((row) => Object.keys(row).length > 0)
			.map((row) => expect.objectContaining(row)),
		workers: workers.map((w) => expect.objectContaining(expectedRow(w, 'sov_worker', h)))
	};
}

/** What the export must hold beyond the answers: calculations, member links by line and key, the interviewer's sex. */
function checkDerived(rows: Awaited<ReturnType<typeof exportOf>>, id: string, interviewer: 'female' | 'male') {
	const [samvel, anahit, vardan] = rows.members;
	for (const m of rows.members) expect(m.m_key).toMatch(UUID);
	expect(new Set(rows.members.map((m) => m.m_key)).size).toBe(4);
	expect(rows.households[0]).toMatchObject({
		enumerator_sex: interviewer,
		form_version: driver.form.version,
		consent: 'yes',
		gps: `${DWELLING.lat} ${DWELLING.lon} ${DWELLING.accuracy}`,
		head_name: 'Samvel',
		n_members: '4',
		n_migrants: '2',
		n_remitters: '1',
		n_heads: '1',
		n_spouses: '1',
		n_women_elig: '1',
		n_women_prio: '1',
		inc_employed_n: '2',
		inc_currency: 'amd',
		g_list2_count: '3',
		help_expect_neighbours: '-2',
		f_would_migrate: '-1',
		// The woman of module F is drawn among the wives of men away: Anahit, line 2, the only one.
		f_stratum: 'wife_away',
		f_woman_line: '2',
		f_woman: '2',
		f_woman_key: anahit.m_key,
		f_resp: '2',
		f_resp_key: anahit.m_key,
		f_resp_rel: 'spouse',
		f_woman_age: '47',
		f_inlaw_coresident: '0',
		// Her husband is picked by name: Samvel, line 1, away in Krasnodar.
		f_husband: '1',
		f_husband_key: samvel.m_key,
		f_hus_line: '1',
		f_hus_visits: 'less_often',
		f_last_visit_year: '2020',
		f_last_visit_month: '8',
		f_hus_rem_freq: 'never',
		f_rem_stop_year: '2021',
		f_away_2y: '1',
		f_no_visit_2y: '1',
		f_no_rem_12m: '1',
		f_virtual_widow: '1'
	});
	expect(['short', 'long']).toContain(rows.households[0].g_list_version);
	expect(
		rows.members.map((m) => [m.m_line, m.m_name, m.m_rel_head, m.m_away, m.m_away_reason, m.m_employed, m.m_f_elig, m.m_f_pick])
	).toEqual([
		['1', 'Samvel', 'head', 'yes', 'work', '1', '0', '0'],
		['2', 'Anahit', 'spouse', 'no', '', '0', '1', '1'],
		['3', 'Vardan', 'child', 'yes', 'work', '1', '0', '0'],
		['4', 'Lilit', 'child', 'no', '', '', '0', '0']
	]);
	expect(rows.members[3]).toMatchObject({ m_marital: '', m_activity: '', m_returned: '' }); // not asked of a 12-year-old
	// Each migrant entry joins its member by PARENT_KEY; Vardan sends to his mother, picked by name.
	expect(rows.migrants).toEqual([
		expect.objectContaining({
			PARENT_KEY: `${id}/member[1]`,
			KEY: `${id}/member[1]/migrant[1]`,
			mig_type: 'long_term',
			m_rem_money: '0',
			m_remits: '0',
			rem_trend: '',
			rem_ever: 'yes',
			rem_stop_year: '2021',
			rem_recipient: '',
			rem_recipient_key: '',
			rem_amount: '',
			rem_currency: ''
		}),
		expect.objectContaining({
			PARENT_KEY: `${id}/member[3]`,
			KEY: `${id}/member[3]/migrant[1]`,
			mig_type: 'seasonal',
			m_rem_money: '1',
			m_remits: '1',
			rem_recipient: '2',
			rem_recipient_key: anahit.m_key,
			rem_ever: ''
		})
	]);
	expect(vardan.m_key).not.toBe(anahit.m_key);
	expect(rows.workers.map((w) => [w.KEY, w.sov_w_rel, w.sov_w_decades])).toEqual([
		[`${id}/sov_worker[1]`, 'parent', 'd1970s d1980s'],
		[`${id}/sov_worker[2]`, 'parent_in_law', 'd1980s']
	]);
}

// Whole households through every module: 30 to 90 s each on a 2-core machine running a second
// worker beside them (two at once in one test), so these journeys get more than the default minute.
test.describe.configure({ timeout: 240_000 });

test('a household of four in Armenian on a tablet, through every module, is exported with every answer, link and calculation', async ({
	page,
	request
}) => {
	await page.setViewportSize(TABLET);
	const place = uniqueName('Մարտունի');
	const h = household(place);
	const id = await start(page, request, 'hy', 'female');

	const [beforeConsent, fromConsent] = split(h, 'consent_block');
	const shot = screenshots(page, 'tablet', TABLET.width);
	await interview(page, 'hy', beforeConsent, { household: h, answered: shot });
	// The consent names the institution and the contact the supervisor set, in Armenian.
	await expect(page.getByText(labelOf('consent_note', 'hy'), { exact: true })).toBeVisible();
	const [beforeSecurity, fromSecurity] = split(fromConsent, 'security');
	const [, fromObservations] = split(fromSecurity, 'observations');
	const [toRosterCheck, fromRosterCheck] = split(beforeSecurity, 'roster_check');
	await interview(page, 'hy', toRosterCheck, { household: h, answered: shot });
	// The roster check reads the names back: every member on a line of its own, with sex, age and relation.
	const names = (h.member as Answers[]).map((m) => new RegExp(`^${m.m_name} · .+ · ${m.m_age} · .+$`));
	await expect(page.getByRole('list', { name: labelOf('member', 'hy') }).getByRole('listitem')).toHaveText(names);
	await interview(page, 'hy', fromRosterCheck, { household: h, answered: shot });
	// The list experiment, once the privacy check passed: one of the two lists, never both.
	const { g_war_fear, g_military, g_privacy, ...security } = h.security as Answers;
	await answerScreen(page, 'hy', 'security', { g_war_fear, g_military, g_privacy }, { next: false });
	const short = page.getByText(labelOf('g_list2_short', 'hy'), { exact: true });
	const long = page.getByText(labelOf('g_list2_long', 'hy'), { exact: true });
	await expect(short.or(long)).toHaveCount(1);
	const shownVersion = (await short.isVisible()) ? 'short' : 'long';
	await answerScreen(page, 'hy', 'security', security, { next: false });
	await shot('security');
	await page.getByRole('button', { name: t('hy').next, exact: true }).click();
	await interview(page, 'hy', fromObservations, { household: h, answered: shot });
	await shot('review');
	await finalize(page, 'hy');
	await expect(listed(page, place)).toContainText(t('hy').status_sent);
	await shot('sent');

	const rows = await exportOf(request, id);
	expect(rows).toEqual(expected(h));
	expect(rows.households[0]).toMatchObject({ language: 'hy', g_list_version: shownVersion });
	checkDerived(rows, id, 'female');
});

test('the same household on a phone in Armenian and on a tablet in English gives the same data', async ({ page, browser, request }) => {
	const place = uniqueName('Martuni');
	const h = household(place);
	// Two devices at once: an interviewer works in English on a tablet, another in Armenian on a phone.
	const phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
	const run = async (device: Page, lang: Language, sex: 'female' | 'male', answered?: (screen: string) => Promise<void>) => {
		const id = await start(device, request, lang, sex);
		// The roster check lists the members by name, on the phone as on the tablet.
		const [toCheck, fromCheck] = split(h, 'roster_check');
		await interview(device, lang, toCheck, { answered, household: h });
		const names = (h.member as Answers[]).map((m) => new RegExp(`^${m.m_name} · .+ · ${m.m_age} · .+$`));
		await expect(device.getByRole('list', { name: labelOf('member', lang) }).getByRole('listitem')).toHaveText(names);
		await interview(device, lang, fromCheck, { answered, household: h });
		await answered?.('review');
		await finalize(device, lang);
		await expect(listed(device, place)).toContainText(t(lang).status_sent);
		return { id, rows: await exportOf(request, id) };
	};
	const phonePage = await phone.newPage();
	const [en, hy] = await Promise.all([
		run(page, 'en', 'male'),
		run(phonePage, 'hy', 'female', screenshots(phonePage, 'phone', PHONE.width))
	]);
	await phone.close();

	expect(hy.rows).toEqual(expected(h));
	checkDerived(hy.rows, hy.id, 'female');
	checkDerived(en.rows, en.id, 'male');
	// Keys (of the interview and of each member), the random draws and the interview's own details differ by design.
	const details = [
		'submitted_at',
		'started_at',
		'finalized_at',
		'reference_date',
		'language',
		'device_id',
		'enumerator_id',
		'enumerator',
		'enumerator_sex'
	];
	const random = /^(g_list_draw|g_list_version|g_list2_short|g_list2_long|m_f_draw|m_f_score|f_max_score)$|_key$/;
	const comparable = (rows: Record<string, string>[]) =>
		rows.map((row) =>
			Object.fromEntries(Object.entries(row).filter(([c]) => c !== 'KEY' && c !== 'PARENT_KEY' && !details.includes(c) && !random.test(c)))
		);
	expect(comparable(hy.rows.households)).toEqual(comparable(en.rows.households));
	expect(comparable(hy.rows.members)).toEqual(comparable(en.rows.members));
	expect(comparable(hy.rows.migrants)).toEqual(comparable(en.rows.migrants));
	expect(comparable(hy.rows.workers)).toEqual(comparable(en.rows.workers));
	expect(hy.rows.members).toHaveLength(4);
	expect(hy.rows.migrants).toHaveLength(2);
});

test('a refusal keeps no coordinates, even when the location was taken before the respondent said no', async ({ page, request }) => {
	const place = uniqueName('Հրաժարում');
	const id = await start(page, request, 'hy');
	const h = household(place);
	await interview(page, 'hy', { interview: h.interview });
	// Agreed, the location is taken; then she changes her mind.
	await answerScreen(page, 'hy', 'consent_block', h.consent_block, { next: false });
	await answerScreen(page, 'hy', 'consent_block', { consent: 'no' });
	await finalize(page, 'hy');
	const item = listed(page, place);
	await expect(item).toContainText(t('hy').status_sent);
	await expect(item).not.toContainText(t('hy').status_break_off);

	const rows = await exportOf(request, id);
	expect(rows.households).toEqual([
		expect.objectContaining({ site_type: 'armenia', settlement: 'other', settlement_other: place, consent: 'no', gps: '' })
	]);
	for (const name of questionsAfter('consent')) expect(rows.households[0][name], name).toBe('');
	expect(rows.households[0].n_members).toBe('');
	expect(rows.members).toEqual([]);
});

test('a break-off in the women’s module keeps the answers given before it and none after', async ({ page, request }) => {
	const place = uniqueName('Breakoff');
	const h = household(place);
	const id = await start(page, request, 'en');
	const [before] = split(h, 'women');
	await interview(page, 'en', before, { household: h });
	const given = Object.fromEntries(Object.entries(h.women).slice(0, 5)) as Answers; // f_husband_away … f_self_view
	await answerScreen(page, 'en', 'women', given, { next: false, household: h });

	// Ending early is in the interview's menu.
	await page.getByRole('button', { name: 'Menu', exact: true }).click();
	await page.getByRole('button', { name: 'End interview' }).click();
	const dialog = page.getByRole('dialog', { name: 'End the interview early' });
	await dialog.getByLabel('Why does the interview end here?').fill('Her mother-in-law came home');
	await dialog.getByRole('button', { name: 'End and keep the answers' }).click();
	const item = listed(page, place);
	await expect(item).toContainText('Ended early');
	await expect(item).toContainText('Sent');

	const rows = await exportOf(request, id);
	expect(rows).toEqual(expected({ ...before, women: given }));
	expect(rows.households[0]).toMatchObject({ f_husband_away: 'yes', f_husband: '1', f_self_view: 'no', f_virtual_widow: '1' });
	for (const name of questionsAfter('f_self_view')) expect(rows.households[0][name], name).toBe('');
});

test('her husband is picked by name, sex and age on a tablet in Armenian, and stays picked when a member listed before him is removed', async ({
	page,
	request
}) => {
	await page.setViewportSize(TABLET);
	const place = uniqueName('Մարտունի');
	const h = household(place);
	const hy = t('hy');
	// A grandson listed first puts Samvel on line 2 when her husband is picked.
	const aram: Answers = { m_name: 'Aram', m_sex: 'male', m_age: '5', m_rel_head: 'grandchild', m_away: 'no', m_months_away: '0' };
	const withAram: Household = { ...h, member: [aram, ...(h.member as Answers[])] };
	const id = await start(page, request, 'hy');
	const [beforeWomen, fromWomen] = split(withAram, 'women');
	await interview(page, 'hy', beforeWomen, { household: withAram });

	const women = fromWomen.women as Answers;
	const names = Object.keys(women);
	const upToHusband = Object.fromEntries(Object.entries(women).slice(0, names.indexOf('f_husband')));
	await answerScreen(page, 'hy', 'women', upToHusband, { next: false, household: withAram });
	// The picker reads each member as the roster does: line, name, sex, age, relation to the head.
	const husband = question(page, labelOf('f_husband', 'hy'));
	const choice = (name: string, code: string) => driver.choiceLabel(driver.node(name).item as Question, code, 'hy');
	const samvel = (line: number) => `${line}. Samvel · ${choice('m_sex', 'male')} · 50 · ${choice('m_rel_head', 'head')}`;
	await expect(husband.getByRole('radio')).toHaveCount(1);
	await husband.getByRole('radio', { name: samvel(2), exact: true }).check();
	await page.screenshot({ path: test.info().outputPath('tablet-husband-picked.png') });

	// Back on the roster, the grandson is removed: Samvel moves up to line 1 and stays her husband.
	await page
		.getByRole('navigation', { name: hy.sections })
		.getByRole('button', { name: labelOf('member', 'hy'), exact: true })
		.click();
	const first = page.getByRole('listitem', { name: new RegExp(`^${hy.entry_n.replace('{n}', '1')}: Aram`) });
	await first.getByRole('button', { name: hy.remove_entry }).click();
	await first.getByRole('button', { name: hy.yes_remove }).click();
	await expect(page.getByRole('listitem', { name: new RegExp(`^${hy.entry_n.replace('{n}', '1')}: Samvel`) })).toBeVisible();
	await page
		.getByRole('navigation', { name: hy.sections })
		.getByRole('button', { name: labelOf('women', 'hy'), exact: true })
		.click();
	await expect(husband.getByRole('radio', { name: samvel(1), exact: true })).toBeChecked();
	await expect(husband.getByRole('alert')).toHaveCount(0);

	// The rest of the interview as the household answers it; the export names him by line and key.
	await answerScreen(page, 'hy', 'women', women, { household: h });
	const [, afterWomen] = split(fromWomen, 'security');
	// The interviewer's notes, the one question nothing requires, are left empty.
	const { h_notes, ...observations } = afterWomen.observations as Answers;
	expect(h_notes).toBeTruthy();
	await interview(page, 'hy', { ...afterWomen, observations }, { household: h });
	// Before finalizing, the review and the confirmation say what is still empty.
	const empty = page.getByText(hy.review_empty.replace('{count}', '1'));
	await empty.click();
	await expect(page.getByRole('listitem').filter({ hasText: labelOf('h_notes', 'hy') })).toBeVisible();
	await page.getByRole('button', { name: hy.finalize, exact: true }).click();
	await expect(page.getByRole('alertdialog')).toContainText(hy.finalize_empty.replace('{count}', '1'));
	await page.getByRole('button', { name: hy.cancel, exact: true }).click();
	await finalize(page, 'hy');
	await expect(listed(page, place)).toContainText(hy.status_sent);
	const rows = await exportOf(request, id);
	expect(rows.members.map((m) => m.m_name)).toEqual(['Samvel', 'Anahit', 'Vardan', 'Lilit']);
	expect(rows.households[0]).toMatchObject({ f_husband: '1', f_husband_key: rows.members[0].m_key, f_hus_line: '1' });
});
