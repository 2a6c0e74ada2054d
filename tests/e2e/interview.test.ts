import { expect, test, type Page } from '@playwright/test';
import { choose, exactly, exportRows, next, placeOfInterview, provision, Q, question, type, uniqueName, useEnglish } from './helpers';

const M = {
	name: 'First name (or initials only)',
	sex: 'Sex',
	age: 'Age in completed years',
	relation: 'Relationship to the head of the household',
	marital: 'Marital status',
	educ: 'Highest level of education completed',
	activity: 'Main activity now',
	away: 'Does this person live away from the household now (working, studying or for another reason)?',
	monthsAway: 'In the last 12 months, how many months was this person away from home?',
	awayReason: 'Why does this person live away (or, if back now, why was he or she away)?',
	returned: 'Has this person ever been away for three months or more to work or live elsewhere, and then come back to live here?',
	husbandAway: 'Does her husband (or partner) live away from the household now, working or living elsewhere?',
	refugee: 'Did this person come to Nagorno Karabakh as a refugee or displaced person before 2020 (for example, from Baku)?',
	country: 'In which country does this person live or work (or did so most recently)?'
};

test.beforeEach(async ({ page, request }) => {
	await provision(page, request);
	await page.goto('/');
	await useEnglish(page);
	await page.getByRole('button', { name: 'New interview' }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
});

const roster = (page: Page) => page.getByRole('region', { name: 'Household members' });
const migration = (page: Page) => page.getByRole('region', { name: "Migration: this person's time away" });

interface Member {
	name: string;
	sex: 'Male' | 'Female';
	age: string | 'dont_know';
	relation: string;
	away: 'Yes' | 'No';
}

/** Adds a member and answers the roster questions that apply to an adult. */
async function addMember(page: Page, m: Member) {
	await page.getByRole('button', { name: 'Add an entry: Household members' }).click();
	await type(page, M.name, m.name);
	await choose(page, M.sex, m.sex);
	if (m.age === 'dont_know') await question(page, M.age).getByRole('button', { name: "Don't know" }).click();
	else await type(page, M.age, m.age);
	await choose(page, M.relation, m.relation);
	await choose(page, M.marital, m.relation === 'Son or daughter' ? 'Never married' : 'Married, with civil registration');
	await choose(page, M.educ, 'Complete secondary school');
	await choose(page, M.activity, 'Employed (for wages or self-employed)');
	await choose(page, M.away, m.away);
	await type(page, M.monthsAway, m.away === 'Yes' ? '12' : '0');
	if (m.away === 'Yes') await choose(page, M.awayReason, 'Work');
	else await choose(page, M.returned, 'No');
	if (m.sex === 'Female' && m.away === 'No' && m.relation !== 'Son or daughter') await choose(page, M.husbandAway, 'No');
	await choose(page, M.refugee, 'No');
}

async function toRoster(page: Page, place: string) {
	await placeOfInterview(page, place);
	await next(page);
	await choose(page, Q.consent, 'Yes');
	await next(page);
	await choose(page, Q.respSex, 'Female');
	await type(page, Q.respAge, '40');
	await choose(page, 'What is your relationship to the head of the household?', 'Husband or wife');
	await choose(page, 'Where did your household live in January 2023?', 'In Martuni town');
	await choose(page, 'Where in Martuni district did your household live before it left the district?', 'Martuni town');
	await type(page, 'In which year did your household leave Martuni district?', '2023');
	await type(page, 'In which year did the household move to where it lives now?', '2023');
	await choose(
		page,
		'Since 1989, have you or any member of your household been forced to leave your place of residence because of conflict?',
		'No'
	);
	await next(page);
	await expect(page.getByRole('heading', { name: 'Household members' })).toBeVisible();
}

test('a roster of three with a nested migrant entry: checks, reload mid-entry, language switch, back-jump that hides the rest, finalize', async ({
	page,
	request
}) => {
	const id = new URL(page.url()).searchParams.get('id')!;
	const place = uniqueName('Goris');
	await toRoster(page, place);

	await addMember(page, { name: 'Arsen', sex: 'Male', age: '140', relation: 'Head of household', away: 'No' });
	await expect(question(page, M.age).getByRole('alert')).toHaveText(
		'Age must be 0 to 110, and the head of the household must be at least 15.'
	);
	await type(page, M.age, '45');
	await expect(question(page, M.age).getByRole('alert')).toHaveCount(0);
	await addMember(page, { name: 'Anahit', sex: 'Female', age: '40', relation: 'Husband or wife', away: 'No' });
	await addMember(page, { name: 'Vardan', sex: 'Male', age: '40', relation: 'Son or daughter', away: 'Yes' });

	// A son as old as his mother: a soft warning the interviewer may confirm.
	const relation = question(page, M.relation);
	await expect(relation.getByRole('alert')).toContainText('A son or daughter is normally at least 12 years younger');
	await relation.getByRole('checkbox', { name: 'I checked: the answer is correct' }).check();
	await type(page, M.age, '22');
	await expect(relation.getByRole('alert')).toHaveCount(0);

	// Away now: his member entry gains a second part, his migration entry inside it.
	await expect(page.getByRole('heading', { name: 'Part 1 of 2', exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Next part' }).click();
	await expect(migration(page)).toBeVisible();
	await choose(page, M.country, 'Russia');
	await choose(page, 'In which city or place?', 'Moscow');
	// Back on his own questions: not away after all, and the migration part goes; away again, it comes back with its answers.
	await page.getByRole('button', { name: 'Previous part' }).click();
	await choose(page, M.away, 'No');
	await type(page, M.monthsAway, '0');
	await expect(migration(page)).toHaveCount(0);
	await choose(page, M.away, 'Yes');
	await type(page, M.monthsAway, '12');
	await page.getByRole('button', { name: 'Next part' }).click();
	await expect(question(page, 'In which city or place?').getByRole('radio', { name: 'Moscow' })).toBeChecked();

	// Reload with the third entry open on its migration part (once saved): the interviewer continues where they were.
	await expect(page.getByText('All answers are saved on this device.')).toBeVisible();
	await page.reload();
	await expect(migration(page).getByRole('listitem', { name: 'Entry 1: Russia, Moscow' })).toBeVisible();
	await page.getByRole('button', { name: 'Previous part' }).click();
	await expect(page.getByLabel(exactly(M.name))).toHaveValue('Vardan');
	for (const entry of [
		'Entry 1: Arsen, Male, 45, Head of household',
		'Entry 2: Anahit, Female, 40, Husband or wife',
		'Entry 3: Vardan, Male, 22, Son or daughter'
	]) {
		await expect(roster(page).getByRole('listitem', { name: entry })).toBeVisible();
	}

	// Remove an entry only after confirming.
	await addMember(page, { name: 'Extra', sex: 'Female', age: 'dont_know', relation: 'Other relative', away: 'No' });
	const extra = roster(page).getByRole('listitem').filter({ hasText: 'Extra' }).first();
	await expect(extra).toContainText("Don't know");
	await extra.getByRole('button', { name: 'Remove' }).first().click();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await extra.getByRole('button', { name: 'Remove' }).first().click();
	await page.getByRole('button', { name: 'Yes, remove' }).click();
	await expect(roster(page).getByText('Extra')).toHaveCount(0);

	// Switch to Russian mid-interview and back: nothing typed is lost.
	await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
	await expect(page.getByRole('heading', { name: 'Члены домохозяйства' })).toBeVisible();
	await expect(page.getByRole('listitem', { name: /^Запись 3: Vardan, Мужской, 22, .+$/ })).toBeVisible();
	await page
		.getByRole('listitem', { name: /^Запись 3/ })
		.getByRole('button', { name: 'Изменить' })
		.click();
	// He opens on the part he was left on, his own questions.
	await expect(page.getByRole('heading', { name: 'Часть 1 из 2', exact: true })).toBeFocused();
	await expect(page.getByLabel(exactly('Имя (только имя или инициалы)'))).toHaveValue('Vardan');
	await page.getByRole('combobox', { name: 'Язык' }).selectOption('en');

	// Jump back and change an answer that hides every later section.
	const sections = page.getByRole('navigation', { name: 'Sections' });
	await expect(sections.getByRole('button')).toContainText([
		'Place of the interview',
		'Consent',
		'Respondent and residence',
		'Household members'
	]);
	await sections.getByRole('button', { name: 'Consent', exact: true }).click();
	await choose(page, Q.consent, 'No');
	await expect(sections.getByRole('button')).toHaveText(['Place of the interview', 'Consent']);
	await next(page);
	await expect(page.getByText('Everything required is answered.')).toBeVisible();
	// Finalizing locks the interview: it asks first, and Cancel leaves the draft as it was.
	await page.getByRole('button', { name: 'Finalize interview' }).click();
	const ask = page.getByRole('alertdialog', { name: /^Finalize the interview\?/ });
	await expect(ask).toContainText('can no longer be changed');
	await ask.getByRole('button', { name: 'Cancel' }).click();
	await expect(ask).toHaveCount(0);
	await expect(page.getByText('This interview is finalized')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Finalize interview' })).toBeEnabled();
	await page.getByRole('button', { name: 'Finalize interview' }).click();
	await page.getByRole('button', { name: 'Yes, finalize' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: place })).toContainText('Sent');

	// What the hidden sections held stays out of the data.
	expect((await exportRows(request)).filter((r) => r.KEY === id)).toEqual([
		expect.objectContaining({ consent: 'no', resp_sex: '', n_members: '' })
	]);
	expect((await exportRows(request, 'member')).filter((r) => r.PARENT_KEY === id)).toEqual([]);
});

test('ending the interview early keeps what was answered and finalizes it as a break-off', async ({ page, request }) => {
	const id = new URL(page.url()).searchParams.get('id')!;
	const place = uniqueName('Lusine');
	await toRoster(page, place);
	// Ending early is in the interview's menu.
	await page.getByRole('button', { name: 'Menu', exact: true }).click();
	await page.getByRole('button', { name: 'End interview' }).click();
	const dialog = page.getByRole('dialog', { name: 'End the interview early' });
	await expect(dialog.getByRole('button', { name: 'End and keep the answers' })).toBeDisabled();
	await dialog.getByLabel('Why does the interview end here?').fill('A neighbour called her away');
	await dialog.getByRole('button', { name: 'End and keep the answers' }).click();
	const item = page.getByRole('listitem').filter({ hasText: place });
	await expect(item).toContainText('Ended early');
	await expect(item).toContainText('Sent');
	expect((await exportRows(request)).filter((r) => r.KEY === id)).toEqual([
		expect.objectContaining({ consent: 'yes', resp_sex: 'female', resp_age: '40', n_members: '0' })
	]);
});

test('the location is recorded from the device once the respondent agreed, or a reason is given when there is no fix', async ({
	page,
	context,
	request
}) => {
	const id = new URL(page.url()).searchParams.get('id')!;
	await context.grantPermissions(['geolocation']);
	await context.setGeolocation({ latitude: 39.5067, longitude: 46.3431, accuracy: 12 });
	const gps = page.getByRole('group', { name: 'Location of the dwelling (GPS)' });
	const place = uniqueName('Taghavard');
	await placeOfInterview(page, place);
	await next(page);
	// Not before consent.
	await expect(gps).toHaveCount(0);
	await choose(page, Q.consent, 'Yes');
	await gps.getByRole('button', { name: 'Record location' }).click();
	await expect(gps).toContainText('39.50670, 46.34310 (±12 m)');
	// Ending early is in the interview's menu.
	await page.getByRole('button', { name: 'Menu', exact: true }).click();
	await page.getByRole('button', { name: 'End interview' }).click();
	const dialog = page.getByRole('dialog', { name: 'End the interview early' });
	await dialog.getByLabel('Why does the interview end here?').fill('Called away after agreeing');
	await dialog.getByRole('button', { name: 'End and keep the answers' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: place })).toContainText('Sent');
	expect((await exportRows(request)).find((r) => r.KEY === id)?.gps).toBe('39.5067 46.3431 12');

	// Indoors, no fix: the interviewer says why. A tablet that refuses the location says so in the interface's words.
	await context.clearPermissions();
	await page.getByRole('button', { name: 'New interview' }).click();
	await placeOfInterview(page, uniqueName('Basement'));
	await next(page);
	await choose(page, Q.consent, 'Yes');
	await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
	await page.getByRole('button', { name: 'Определить местоположение' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Устройство не смогло' })).toHaveText(
		'Устройство не смогло определить местоположение: Планшет не разрешает приложению определять местоположение (проверьте настройки сайта в браузере).'
	);
	// A switch of language keeps the interview as it is: the failed fix has already pressed "No location" and offers the reason.
	await page.getByRole('combobox', { name: 'Язык' }).selectOption('en');
	await expect(gps.getByRole('button', { name: 'No location' })).toHaveAttribute('aria-pressed', 'true');
	await gps.getByLabel('Why is there no location?').fill('Basement flat, no signal');
	await expect(page.getByText('All answers are saved on this device.')).toBeVisible();
	await page.reload();
	await expect(gps.getByLabel('Why is there no location?')).toHaveValue('Basement flat, no signal');
});

test('a text field takes at most its max_length (2,000 characters by default) and says so', async ({ page }) => {
	await choose(page, Q.site, 'Armenia');
	await choose(page, Q.settlement, 'Another place (specify)');
	const field = page.getByLabel(exactly(Q.settlementOther));
	await field.fill('Ա'.repeat(2100));
	await expect(field).toHaveValue('Ա'.repeat(2000));
	await expect(question(page, Q.settlementOther).getByRole('status')).toHaveText('You have reached the limit of 2000 characters.');
	await field.press('Backspace');
	await expect(question(page, Q.settlementOther).getByRole('status')).toHaveCount(0);
	await next(page);
	await expect(page.getByText(Q.consent)).toBeVisible();
});

test('the system Back button goes back a screen, Forward returns, and neither leaves the interview or loses an answer', async ({
	page
}) => {
	const place = uniqueName('Masis');
	await toRoster(page, place);
	const url = page.url();
	await page.goBack();
	await expect(page.getByRole('heading', { name: 'Respondent and residence' })).toBeVisible();
	await expect(page.getByLabel(exactly(Q.respAge))).toHaveValue('40');
	await page.goBack();
	await expect(page.getByRole('heading', { name: 'Consent' })).toBeVisible();
	expect(page.url()).toBe(url);
	await page.goForward();
	await expect(page.getByRole('heading', { name: 'Respondent and residence' })).toBeVisible();
	// The interface's own Back and Next keep working with the history, and a reload keeps the place.
	await next(page);
	await expect(page.getByRole('heading', { name: 'Household members' })).toBeVisible();
	// The screen reached is written to the tablet before the reload (a reload in the same instant could come back one screen earlier).
	await expect(page.getByText('All answers are saved on this device.')).toBeVisible();
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Household members' })).toBeVisible();
	await page.goBack();
	await expect(page.getByRole('heading', { name: 'Respondent and residence' })).toBeVisible();
	// From the first screen, Back leaves for the list, where the draft waits.
	await page.goBack();
	await page.goBack();
	await expect(page.getByRole('heading', { name: 'Place of the interview' })).toBeVisible();
	await page.goBack();
	await expect(page.getByRole('listitem').filter({ hasText: place })).toContainText('Draft');
});

test('deep in a member who lives away, the person stays named at the top of the screen', async ({ page }) => {
	await page.setViewportSize({ width: 800, height: 1280 });
	await toRoster(page, uniqueName('Goris'));
	await addMember(page, { name: 'Aram', sex: 'Male', age: '45', relation: 'Head of household', away: 'Yes' });
	const entry = page.getByRole('listitem', { name: /^Entry 1: Aram/ });
	await entry.getByRole('button', { name: 'Next part' }).click();
	// The migration part of an entry is longer than the screen: its last question is far below the entry's line.
	const last = migration(page).getByRole('group').last();
	await last.scrollIntoViewIfNeeded();
	await expect(last).toBeInViewport();
	await expect(entry.getByText(/^Aram, /)).toBeInViewport();
	await expect(entry.getByText('Incomplete', { exact: true }).first()).toBeInViewport();
});
