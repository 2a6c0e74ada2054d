/**
 * The supervisor's desk, Conflicts: a tablet sends other content under an interview id already
 * stored; the supervisor sees both versions side by side, field by field, what differs marked
 * (at 360 px wide too), keeps the new one after a confirmation, sees who settled it and when,
 * and the export holds the new content.
 */
import { expect, test } from '@playwright/test';
import { adminToken } from '../../playwright.config';
import { createEnumerator, exportRows, uniqueName, useEnglish } from './helpers';

function refusal(place: string) {
	return {
		id: crypto.randomUUID(),
		formId: 'household_migration',
		formVersion: '2026-12-01',
		deviceId: 'conflicts-test',
		startedAt: '2026-11-27T08:00:00Z',
		finalizedAt: '2026-11-27T08:15:00Z',
		language: 'hy',
		answers: { site_type: 'armenia', settlement: 'other', settlement_other: place, consent: 'no' }
	};
}

test('a supervisor compares a conflict side by side and keeps the new version; the export holds it', async ({ page, request }) => {
	const [ani, aram] = [await createEnumerator(request, uniqueName('Side Ani')), await createEnumerator(request, uniqueName('Side Aram'))];
	const first = refusal(uniqueName('Stored village'));
	const second = { ...first, answers: { ...first.answers, settlement_other: uniqueName('New village') } };
	for (const [enumerator, item, status] of [
		[ani, first, 'created'],
		[aram, second, 'conflict']
	] as const) {
		const sent = await request.post('/api/submissions', {
			headers: { authorization: `Bearer ${enumerator.token}` },
			data: { submissions: [item] }
		});
		expect((await sent.json()).results).toEqual([{ id: item.id, status }]);
	}

	await page.goto('/admin');
	await useEnglish(page);
	await page.getByLabel('Your name (recorded with your review actions)').fill('Conflict supervisor');
	await page.getByLabel('Admin token').fill(adminToken);
	await page.getByRole('button', { name: 'Sign in' }).click();

	const card = page.getByRole('article', { name: `Interview id ${first.id}` });
	await expect(card).toBeVisible();
	await expect(card).toContainText(`Sent again on`);
	await expect(card).toContainText(aram.name);
	await expect(card.getByRole('columnheader')).toHaveText(['Question', 'Stored version', 'New version']);
	const row = (label: string) => card.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label }) });
	// The answer that changed, marked; one that did not, not marked; the sender, marked.
	const place = row('Name of the settlement');
	await expect(place.getByRole('cell')).toHaveText([first.answers.settlement_other, second.answers.settlement_other]);
	await expect(place.getByRole('rowheader')).toContainText('(differs)');
	const consent = row('Does the respondent agree to take part in the interview?');
	await expect(consent.getByRole('cell')).toHaveText(['No', 'No']);
	await expect(consent.getByRole('rowheader')).not.toContainText('(differs)');
	await expect(row('Enumerator').getByRole('cell')).toHaveText([ani.name, aram.name]);
	await expect(row('Tablet').getByRole('rowheader')).not.toContainText('(differs)');

	// At 360 px wide: nothing wider than the screen, the two versions still side by side.
	await page.setViewportSize({ width: 360, height: 740 });
	await card.scrollIntoViewIfNeeded();
	expect(await card.evaluate((el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= 360)).toBe(true);
	const [stored, sent] = [await place.getByRole('cell').nth(0).boundingBox(), await place.getByRole('cell').nth(1).boundingBox()];
	expect(stored!.y).toBe(sent!.y);
	expect(stored!.x + stored!.width).toBeLessThanOrEqual(sent!.x);

	// Keep new: asked first; cancelling changes nothing.
	await card.getByRole('button', { name: 'Keep new' }).click();
	const confirm = card.getByRole('alertdialog');
	await expect(confirm).toContainText(`Replace the stored version of interview ${first.id} with the new one?`);
	await confirm.getByRole('button', { name: 'Cancel' }).click();
	await expect(confirm).toHaveCount(0);
	await card.getByRole('button', { name: 'Keep new' }).click();
	await card.getByRole('alertdialog').getByRole('button', { name: 'Yes, keep new' }).click();

	const said = page.getByRole('status').filter({ hasText: first.id });
	await expect(said).toBeFocused();
	await expect(said).toContainText(`${first.id}: kept the new version; Conflict supervisor,`);
	await expect(card).toHaveCount(0);
	await expect(page.getByRole('list', { name: 'Settled conflicts' }).getByRole('listitem').filter({ hasText: first.id })).toContainText(
		'kept the new version; Conflict supervisor'
	);

	const rows = (await exportRows(request)).filter((r) => r.KEY === first.id);
	expect(rows).toEqual([expect.objectContaining({ settlement_other: second.answers.settlement_other, enumerator_id: aram.id })]);
	// The tablet that sent the first version sends it again: already here, nothing changes.
	const again = await request.post('/api/submissions', {
		headers: { authorization: `Bearer ${ani.token}` },
		data: { submissions: [first] }
	});
	expect((await again.json()).results).toEqual([{ id: first.id, status: 'duplicate' }]);
});
