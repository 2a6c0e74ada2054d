/**
 * A member who lives away, paged through part by part in Armenian on an 800×1280 tablet and a
 * 360×740 phone: his own questions, then his migration entry, itself in two parts (the
 * migration, the money he sends). Each part opens at its top with the person named above it;
 * "Next part" with an answer missing shows that question; a reload comes back on the same
 * part; the screen's Next finds a problem on a part not shown and shows it.
 */
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { hy } from '../../src/lib/i18n/hy';
import { exactly, provision, uniqueName } from './helpers';
import { answerScreen, driver, household, labelOf, type Answers } from './household';
import type { Question, Repeat } from '../../src/lib/form/schema';

const sizes = [
	{ tag: 'tablet', width: 800, height: 1280 },
	{ tag: 'phone', width: 360, height: 740 }
];

const part = (k: number, n: number, label?: string) =>
	(label ? hy.entry_part_named.replace('{label}', label) : hy.entry_part).replace('{k}', String(k)).replace('{n}', String(n));

/** The answers among `answers` to the items `names` (and everything inside them). */
function only(answers: Answers, names: string[]): Answers {
	const inside = new Set(driver.questionsUnder(names.map((n) => driver.node(n).item)).map((q) => q.name));
	return Object.fromEntries(Object.entries(answers).filter(([name]) => inside.has(name)));
}

/** The question block of `name` inside `scope`, by its Armenian label. */
const block = (scope: Locator, name: string) =>
	scope.locator('.question').filter({ has: scope.page().getByText(exactly(labelOf(name, 'hy'))) });

async function shot(page: Page, info: TestInfo, name: string) {
	const path = info.outputPath(`${name}.png`);
	await page.screenshot({ path });
	await info.attach(name, { path, contentType: 'image/png' });
}

/** After a part change: the part's heading focused and in view, and the people it is about named on screen above it. */
async function onPart(heading: Locator, people: Locator[]) {
	await expect(heading).toBeFocused();
	await expect(heading).toBeInViewport();
	const top = (await heading.boundingBox())!.y;
	for (const person of people) {
		await expect(person).toBeInViewport();
		expect((await person.boundingBox())!.y).toBeLessThan(top);
	}
}

for (const size of sizes) {
	test(`${size.tag} ${size.width}×${size.height}, in Armenian: a member who lives away is paged through his parts, named at the top of each`, async ({
		page,
		request
	}, info) => {
		test.setTimeout(120_000);
		await page.setViewportSize({ width: size.width, height: size.height });
		await provision(page, request);
		await page.goto('/');
		await page.getByRole('button', { name: hy.new_interview, exact: true }).click();
		const h = household(uniqueName('Գորիս'));
		await answerScreen(page, 'hy', 'interview', h.interview as Answers);
		await answerScreen(page, 'hy', 'consent_block', h.consent_block as Answers);
		await answerScreen(page, 'hy', 'respondent', h.respondent as Answers);

		const roster = page.getByRole('region', { name: labelOf('member', 'hy'), exact: true });
		await roster.getByRole('button', { name: `${hy.add_entry}: ${labelOf('member', 'hy')}` }).click();
		const samvel = (h.member as Answers[])[0];
		const member = roster.locator(':scope > ol > li').first();
		const memberItems = (driver.node('member').item as Repeat).items;
		const own = memberItems.filter((i) => i.type !== 'repeat').map((i) => i.name);
		await driver.answerAll(member, 'hy', memberItems, only(samvel, own), h, true);

		// Living away for work brings his migration entry: the member now has two parts, on the first.
		const memberPart = member.locator(':scope > .entry > .parts > .part');
		await expect(memberPart).toHaveText(part(1, 2));
		const name = member.locator(':scope > .line').getByText(/^Samvel, /);
		await expect(name).toBeVisible();
		await expect(member.getByRole('button', { name: hy.close_entry })).toHaveCount(0);

		// Next part: his migration, the entry's line with his name above it.
		await member.getByRole('button', { name: hy.next_part, exact: true }).click();
		await expect(memberPart).toHaveText(part(2, 2, labelOf('migrant', 'hy')));
		await onPart(memberPart, [name]);
		await expect(block(member, 'm_name')).toHaveCount(0);
		const migration = member.getByRole('region', { name: labelOf('migrant', 'hy'), exact: true });
		const migrant = migration.locator(':scope > ol > li').first();
		const migrantPart = migrant.locator(':scope > .entry > .parts > .part');
		await expect(migrantPart).toHaveText(part(1, 2));

		// His migration's Next part with nothing answered: the first question to answer in view, focused, marked.
		await migrant.getByRole('button', { name: hy.next_part, exact: true }).click();
		const country = block(migrant, 'mig_dest_country');
		await expect(country.getByRole('radio').first()).toBeFocused();
		await expect(country).toBeInViewport();
		await expect(country.getByRole('alert')).toHaveText(hy.error_required);
		await expect(name).toBeInViewport();
		await expect(migrantPart).toHaveText(part(1, 2));
		await shot(page, info, `${size.tag}-1-next-part-refused`);

		// Answered, Next part: the money he sends, named by him and by his migration.
		const migrantItems = (driver.node('migrant').item as Repeat).items;
		const plain = migrantItems.filter((i) => i.type !== 'group').map((i) => i.name);
		await driver.answerAll(migrant, 'hy', migrantItems, only(samvel, plain), h, true);
		await migrant.getByRole('button', { name: hy.next_part, exact: true }).click();
		await expect(migrantPart).toHaveText(part(2, 2, labelOf('remit', 'hy')));
		const destination = driver.choiceLabel(driver.node('mig_dest_country').item as Question, samvel.mig_dest_country as string, 'hy');
		const where = migrant.locator(':scope > .line').getByText(new RegExp(`^${destination}, `));
		await onPart(migrantPart, [name, where]);
		await expect(block(migrant, 'rem_freq')).toBeVisible();
		await shot(page, info, `${size.tag}-2-remittances`);

		// Deep in the part the people stay named at the top.
		await block(migrant, 'rem_reverse').scrollIntoViewIfNeeded();
		await expect(name).toBeInViewport();
		await expect(where).toBeInViewport();

		// A reload (once the tablet has saved) comes back on the same part of each entry.
		await expect(page.getByText(hy.all_saved, { exact: true })).toBeVisible();
		await page.reload();
		await expect(migrantPart).toHaveText(part(2, 2, labelOf('remit', 'hy')));
		await expect(memberPart).toHaveText(part(2, 2, labelOf('migrant', 'hy')));
		await expect(block(migrant, 'rem_freq')).toBeVisible();

		// Back a part, then the screen's Next: the money part is missing answers, and is brought back with its first one focused.
		await migrant.getByRole('button', { name: hy.previous_part, exact: true }).click();
		await onPart(migrantPart, [name]);
		await expect(migrantPart).toHaveText(part(1, 2));
		await page.getByRole('button', { name: hy.next, exact: true }).click();
		await expect(migrantPart).toHaveText(part(2, 2, labelOf('remit', 'hy')));
		const frequency = block(migrant, 'rem_freq');
		await expect(frequency.getByRole('radio').first()).toBeFocused();
		await expect(frequency).toBeInViewport();

		// Answered: the member's last part ends with Done, which closes him.
		const remit = driver.node('remit').item as { items: { name: string }[] };
		await driver.answerAll(
			migrant,
			'hy',
			migrantItems,
			only(
				samvel,
				remit.items.map((i) => i.name)
			),
			h,
			true
		);
		await expect(migrant.getByRole('button', { name: hy.next_part, exact: true })).toHaveCount(0);
		const done = member.getByRole('button', { name: hy.close_entry, exact: true });
		await done.scrollIntoViewIfNeeded();
		await expect(member.getByRole('button', { name: hy.previous_part, exact: true })).toHaveCount(2);
		await shot(page, info, `${size.tag}-3-last-part-foot`);
		await done.click();
		await expect(member.getByRole('button', { name: hy.edit_entry, exact: true })).toBeFocused();
		await expect(member).toContainText(hy.entry_complete);

		// Opened again, he is where he was left: his migration, on its money part.
		await member.getByRole('button', { name: hy.edit_entry, exact: true }).click();
		await expect(memberPart).toBeFocused();
		await expect(memberPart).toHaveText(part(2, 2, labelOf('migrant', 'hy')));
		await member.locator(':scope > .entry > .parts > .foot').getByRole('button', { name: hy.previous_part, exact: true }).click();
		await onPart(memberPart, [name]);
		await expect(memberPart).toHaveText(part(1, 2));
		await expect(block(member, 'm_name')).toBeInViewport();
		await shot(page, info, `${size.tag}-4-member-first-part`);
	});
}
