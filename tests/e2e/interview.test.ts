import { expect, test, type Page } from '@playwright/test';
import { answerYesNo, asAdmin, labels, next, provision, question, uniqueName, useEnglish } from './helpers';

test.beforeEach(async ({ page, request }) => {
	await provision(page, request);
	await page.goto('/');
	await useEnglish(page);
	await page.getByRole('button', { name: 'New interview' }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
});

const roster = (page: Page) => page.getByRole('region', { name: 'Household members' });
const entry = (page: Page, n: number) => roster(page).getByRole('listitem').filter({ has: page.getByText(`${n}.`, { exact: true }) }).first();

async function addMember(page: Page, name: string, sex: 'Male' | 'Female', age: string | 'dont_know', away: 'Yes' | 'No') {
	await page.getByRole('button', { name: 'Add an entry: Household members' }).click();
	await page.getByLabel(labels.memberName).fill(name);
	await page.getByRole('radio', { name: sex, exact: true }).check();
	if (age === 'dont_know') await question(page, labels.age).getByRole('button', { name: "Don't know" }).click();
	else await page.getByLabel(labels.age).fill(age);
	await answerYesNo(page, labels.away, away);
}

async function addTrip(page: Page, destination: string, year: string) {
	await page.getByRole('button', { name: 'Add an entry: Trips away' }).click();
	const trip = page.getByRole('region', { name: 'Trips away' }).getByRole('listitem').last();
	await trip.getByRole('radio', { name: destination }).check();
	await trip.getByLabel(labels.tripYear).fill(year);
}

test('a household of three with trips: back to change an answer, reload mid-screen, switch language, finalize', async ({
	page,
	request
}) => {
	const id = new URL(page.url()).searchParams.get('id');
	const name = uniqueName('Karine');
	await page.getByRole('radio', { name: 'Elsewhere in Armenia' }).check();
	await page.getByLabel(labels.name).fill(name);
	await next(page);
	await page.getByLabel(labels.size).fill('3');
	await answerYesNo(page, labels.land, 'Yes');
	await next(page);

	await addMember(page, 'Aram', 'Male', '44', 'Yes');
	await addTrip(page, 'Moscow', '2019');
	await addTrip(page, 'Krasnodar', '2021');
	await expect(page.getByRole('region', { name: 'Trips away' }).getByRole('listitem')).toHaveText([/Moscow, 2019/, /Krasnodar, 2021/]);
	await addMember(page, 'Karine', 'Female', '40', 'No');
	await expect(page.getByRole('region', { name: 'Trips away' })).toHaveCount(0);
	await addMember(page, 'Davit', 'Male', 'dont_know', 'No');
	await expect(question(page, labels.age)).toContainText("Answer: Don't know");

	// Reload with the third entry open: the interviewer continues where they were.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Household members' })).toBeVisible();
	await expect(page.getByLabel(labels.memberName)).toHaveValue('Davit');
	await expect(roster(page).getByRole('listitem')).toHaveText([/Aram, Male, 44/, /Karine, Female, 40/, /Davit, Male, Don't know/]);
	await next(page);

	await expect(page.getByRole('heading', { name: 'Land' })).toBeVisible();
	await page.getByLabel(labels.hectares).pressSequentially('1,05');
	await expect(page.getByLabel(labels.hectares)).toHaveValue('1,05');
	await page.getByLabel(labels.hectares).fill('1,5');
	await page.getByRole('checkbox', { name: 'Grain' }).check();

	// Switch to Russian mid-interview and back: nothing typed is lost.
	await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
	await expect(page.getByRole('heading', { name: 'Земля' })).toBeVisible();
	await expect(page.getByLabel('Сколько гектаров обрабатывает домохозяйство?')).toHaveValue('1.5');
	await expect(page.getByRole('checkbox', { name: 'Зерновые' })).toBeChecked();
	await page.getByRole('combobox', { name: 'Язык' }).selectOption('en');
	await next(page);
	await expect(page.getByRole('heading', { name: 'Closing' })).toBeVisible();
	await next(page);
	await expect(page.getByRole('heading', { name: 'Review and finalize' })).toBeVisible();

	// Jump back and change an answer that hides a later section.
	const sections = page.getByRole('navigation', { name: 'Sections' });
	await expect(sections.getByRole('button')).toHaveText(['Interview', 'Household', 'Household members', 'Land', 'Closing']);
	await sections.getByRole('button', { name: 'Household', exact: true }).click();
	await answerYesNo(page, labels.land, 'No');
	await expect(sections.getByRole('button')).toHaveText(['Interview', 'Household', 'Household members', 'Closing']);
	await next(page);
	await next(page);
	await expect(page.getByRole('heading', { name: 'Closing' })).toBeVisible();
	await next(page);
	await expect(page.getByText('Everything required is answered.')).toBeVisible();
	await page.getByRole('button', { name: 'Finalize interview' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: name })).toContainText('Sent');

	// The answers of the hidden section stay out of the data; rosters join back by key.
	const get = async (file: string) =>
		(await (await request.get(`/api/admin/export/household_pilot/${file}`, { headers: asAdmin })).text()).split('\r\n').filter((l) => l.includes(id!));
	expect(await get('household_pilot.csv')).toEqual([`armenia,${name},3,no,,,3,1,,,${id}`]);
	expect(await get('household_pilot-member.csv')).toEqual([
		`Aram,male,44,yes,1,${id},${id}/member[1]`,
		`Karine,female,40,no,0,${id},${id}/member[2]`,
		`Davit,male,-1,no,0,${id},${id}/member[3]`
	]);
	expect(await get('household_pilot-trip.csv')).toEqual([
		`moscow,2019,${id}/member[1],${id}/member[1]/trip[1]`,
		`krasnodar,2021,${id}/member[1],${id}/member[1]/trip[2]`
	]);
});

test('hard checks block Next, soft ones warn and can be confirmed; removing an entry asks first', async ({ page }) => {
	await page.getByRole('radio', { name: 'Russia' }).check();
	await page.getByLabel(labels.name).fill('Ani');
	await next(page);
	await page.getByLabel(labels.size).fill('22');
	await expect(question(page, labels.size).getByRole('alert')).toHaveText('More than 15 people, or fewer than one, is unusual: check and confirm.');
	await question(page, labels.size).getByRole('checkbox', { name: 'I checked: the answer is correct' }).check();
	await answerYesNo(page, labels.land, 'No');
	await next(page);

	await addMember(page, 'Old', 'Female', '140', 'No');
	await expect(question(page, labels.age).getByRole('alert')).toHaveText('Age must be between 0 and 110.');
	await next(page);
	await expect(page.getByRole('heading', { name: 'Household members' })).toBeVisible();

	await entry(page, 1).getByRole('button', { name: 'Remove' }).click();
	await expect(page.getByRole('alertdialog')).toContainText('Remove this entry and its answers?');
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(roster(page).getByRole('listitem')).toHaveCount(1);
	await entry(page, 1).getByRole('button', { name: 'Remove' }).click();
	await page.getByRole('button', { name: 'Yes, remove' }).click();
	await expect(page.getByText('No entries yet.')).toBeVisible();
	await next(page);
	await next(page);
	await expect(page.getByRole('heading', { name: 'Review and finalize' })).toBeVisible();
	await expect(page.getByText('Unusual answers (confirmed or to check):')).toBeVisible();
});

test('ending the interview early keeps what was answered and finalizes it as a break-off', async ({ page }) => {
	const name = uniqueName('Lusine');
	await page.getByRole('radio', { name: 'Martuni district' }).check();
	await page.getByLabel(labels.name).fill(name);
	await next(page);
	await page.getByRole('button', { name: 'End interview' }).click();
	const dialog = page.getByRole('dialog', { name: 'End the interview early' });
	await expect(dialog.getByRole('button', { name: 'End and keep the answers' })).toBeDisabled();
	await dialog.getByLabel('Why does the interview end here?').fill('A neighbour called her away');
	await dialog.getByRole('button', { name: 'End and keep the answers' }).click();
	const item = page.getByRole('listitem').filter({ hasText: name });
	await expect(item).toContainText('Ended early');
	await expect(item).toContainText('Sent');
});
