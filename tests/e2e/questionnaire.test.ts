/**
 * The Martuni household questionnaire end to end: a household of four with two migrants through
 * every module and into the export, a refusal at consent, a break-off in the women's module, and
 * the same household in Armenian giving the same data as in English. The household is described
 * once (tests/e2e/household.ts); the driver reads every label from the form definition.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { Language } from '../../src/lib/form/schema';
import { exportRows, provision, uniqueName } from './helpers';
import {
	answerScreen,
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

/** Switches the interface language with the language control, whatever it shows now. */
async function useLanguage(page: Page, lang: Language) {
	await page.getByRole('combobox', { name: /^(Language|Язык|Լեզու)$/ }).selectOption(lang);
	await expect(page.getByRole('combobox', { name: t(lang).language })).toHaveValue(lang);
}

/** Starts a new interview from the list; its id. */
async function newInterview(page: Page, lang: Language): Promise<string> {
	await page.getByRole('button', { name: t(lang).new_interview, exact: true }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
	return new URL(page.url()).searchParams.get('id')!;
}

/** A tablet set up for a new enumerator, on the interview list in `lang`, with a new interview open. */
async function start(page: Page, request: APIRequestContext, lang: Language): Promise<string> {
	await provision(page, request);
	await page.goto('/');
	await useLanguage(page, lang);
	return newInterview(page, lang);
}

const listed = (page: Page, place: string) => page.getByRole('listitem').filter({ hasText: place });

/** The export rows of one interview: its household row, its members, and their migrant entries. */
async function exportOf(request: APIRequestContext, id: string) {
	const byKey = (a: Record<string, string>, b: Record<string, string>) => a.KEY.localeCompare(b.KEY);
	const households = (await exportRows(request)).filter((r) => r.KEY === id);
	const members = (await exportRows(request, 'member')).filter((r) => r.PARENT_KEY === id).sort(byKey);
	const memberKeys = members.map((m) => m.KEY);
	const migrants = (await exportRows(request, 'migrant')).filter((r) => memberKeys.includes(r.PARENT_KEY)).sort(byKey);
	return { households, members, migrants };
}

/** Expected rows for every answer of the household: the household row, a row per member, a row per migrant. */
function expected(h: Household) {
	const members = (h.member ?? []) as Answers[];
	return {
		households: [expect.objectContaining(expectedRow(householdAnswers(h), ''))],
		members: members.map((m) => expect.objectContaining(expectedRow(m, 'member'))),
		migrants: members
			.map((m) => expectedRow(m, 'migrant'))
			.filter((row) => Object.keys(row).length > 0)
			.map((row) => expect.objectContaining(row))
	};
}

// Whole households through every module: 30 to 60 s each on a 2-core machine running a second
// worker beside them (two at once in the last test), so these journeys get more than the default minute.
test.describe.configure({ timeout: 150_000 });

test('a household of four with two migrants, through every module in English, is exported with every answer and calculation', async ({
	page,
	request
}) => {
	const place = uniqueName('Martuni');
	const h = household(place);
	const id = await start(page, request, 'en');

	const [beforeSecurity, fromSecurity] = split(h, 'security');
	await interview(page, 'en', beforeSecurity);
	// The list experiment: the household is shown one of the two lists, never both.
	const short = page.getByText(labelOf('g_list_short', 'en'), { exact: true });
	const long = page.getByText(labelOf('g_list_long', 'en'), { exact: true });
	await expect(short.or(long)).toHaveCount(1);
	const shownVersion = (await short.isVisible()) ? 'short' : 'long';
	await interview(page, 'en', fromSecurity);
	await finalize(page, 'en');
	await expect(listed(page, place)).toContainText('Sent');

	const rows = await exportOf(request, id);
	expect(rows).toEqual(expected(h));
	expect(rows.households[0]).toMatchObject({
		consent: 'yes',
		n_members: '4',
		n_migrants: '2',
		n_remitters: '1',
		n_heads: '1',
		n_women_elig: '1',
		inc_employed_n: '2',
		inc_currency: 'amd',
		g_list_version: shownVersion,
		g_list_count: '3',
		help_expect_neighbours: '-2',
		f_would_migrate: '-1',
		// The woman of module F is the wife of the head, who is away in Krasnodar (line 1).
		f_resp_rel: 'spouse',
		f_inlaw_coresident: '0',
		f_hus_visits: 'less_often',
		f_last_visit_year: '2020',
		f_hus_rem_freq: 'never',
		f_away_2y: '1',
		f_no_visit_2y: '1',
		f_no_rem_12m: '1',
		f_virtual_widow: '1'
	});
	expect(rows.members.map((m) => [m.m_line, m.m_name, m.m_rel_head, m.m_away, m.m_employed, m.m_f_elig])).toEqual([
		['1', 'Samvel', 'head', 'yes', '1', '0'],
		['2', 'Anahit', 'spouse', 'no', '0', '1'],
		['3', 'Vardan', 'child', 'yes', '1', '0'],
		['4', 'Lilit', 'child', 'no', '0', '0']
	]);
	expect(rows.members[3]).toMatchObject({ m_marital: '', m_activity: '' }); // not asked of a 12-year-old
	// Each migrant entry joins its member by PARENT_KEY.
	expect(rows.migrants).toEqual([
		expect.objectContaining({
			PARENT_KEY: `${id}/member[1]`,
			KEY: `${id}/member[1]/migrant[1]`,
			mig_dest_city: 'krasnodar',
			mig_expect_return: '-1',
			mig_type: 'long_term',
			rem_freq: 'never',
			rem_trend: 'stopped',
			m_rem_money: '0',
			m_remits: '0',
			rem_amount: '',
			rem_currency: ''
		}),
		expect.objectContaining({
			PARENT_KEY: `${id}/member[3]`,
			KEY: `${id}/member[3]/migrant[1]`,
			mig_dest_city: 'moscow',
			mig_type: 'seasonal',
			rem_freq: 'monthly',
			rem_amount: '240000',
			rem_currency: 'rub',
			rem_channel: 'mto carried',
			m_rem_money: '1',
			m_remits: '1'
		})
	]);
});

test('a refusal at consent finalizes at once and is synced', async ({ page, request }) => {
	const place = uniqueName('Refusal');
	const id = await start(page, request, 'en');
	await interview(page, 'en', { interview: household(place).interview, consent_block: { consent: 'no' } });
	await finalize(page, 'en');
	const item = listed(page, place);
	await expect(item).toContainText('Sent');
	await expect(item).not.toContainText('Ended early');

	const rows = await exportOf(request, id);
	expect(rows.households).toEqual([
		expect.objectContaining({ site_type: 'armenia', settlement: 'other', settlement_other: place, consent: 'no' })
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
	await interview(page, 'en', before);
	const given = Object.fromEntries(Object.entries(h.women).slice(0, 5)) as Answers; // f_husband_away … f_self_view
	await answerScreen(page, 'en', 'women', given, false);

	await page.getByRole('button', { name: 'End interview' }).click();
	const dialog = page.getByRole('dialog', { name: 'End the interview early' });
	await dialog.getByLabel('Why does the interview end here?').fill('Her mother-in-law came home');
	await dialog.getByRole('button', { name: 'End and keep the answers' }).click();
	const item = listed(page, place);
	await expect(item).toContainText('Ended early');
	await expect(item).toContainText('Sent');

	const rows = await exportOf(request, id);
	expect(rows).toEqual(expected({ ...before, women: given }));
	expect(rows.households[0]).toMatchObject({ f_husband_away: 'yes', f_self_view: 'no', f_virtual_widow: '1' });
	for (const name of questionsAfter('f_self_view')) expect(rows.households[0][name], name).toBe('');
});

test('the same household in Armenian gives the same data as in English', async ({ page, browser, request }) => {
	const place = uniqueName('Martuni');
	const h = household(place);
	// Two tablets at once: one interviewer works in English, the other in Armenian.
	const armenian = await browser.newContext();
	const run = async (tablet: Page, lang: Language) => {
		const id = await start(tablet, request, lang);
		await interview(tablet, lang, h);
		await finalize(tablet, lang);
		await expect(listed(tablet, place)).toContainText(t(lang).status_sent);
		return exportOf(request, id);
	};
	const [en, hy] = await Promise.all([run(page, 'en'), run(await armenian.newPage(), 'hy')]);
	await armenian.close();

	expect(hy).toEqual(expected(h));
	// Keys differ by interview; the list experiment's draw is random per household.
	// Keys, the random list draw and the interview's own details (times, language, device) differ by design.
	const details = ['submitted_at', 'started_at', 'finalized_at', 'reference_date', 'language', 'device_id', 'enumerator_id', 'enumerator'];
	const comparable = (rows: Record<string, string>[]) =>
		rows.map(({ KEY, PARENT_KEY, g_list_draw, g_list_version, ...rest }) =>
			Object.fromEntries(Object.entries(rest).filter(([column]) => !details.includes(column)))
		);
	expect(comparable(hy.households)).toEqual(comparable(en.households));
	expect(comparable(hy.members)).toEqual(comparable(en.members));
	expect(comparable(hy.migrants)).toEqual(comparable(en.migrants));
	expect(hy.members).toHaveLength(4);
	expect(hy.migrants).toHaveLength(2);
});
