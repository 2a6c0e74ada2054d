import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import definition from '$lib/forms/household_migration.2026-12-01.json' with { type: 'json' };
import { TunDatabase } from './db';
import { CHECKED_BY, formFor } from './device-forms';
import { storeForm } from './forms';

let db: TunDatabase;
let name: string;
const opened: TunDatabase[] = [];
beforeEach(async () => {
	name = `device-forms-${crypto.randomUUID()}`;
	db = new TunDatabase(name);
	await db.open();
});
afterEach(async () => {
	for (const other of opened.splice(0)) other.close();
	db.close();
	await Dexie.delete(name);
});

/** The same database opened again: a new page load, with no compiled form in memory. */
async function reopened(): Promise<TunDatabase> {
	const again = new TunDatabase(name);
	await again.open();
	opened.push(again);
	return again;
}

describe('form versions on the device', () => {
	it('keep the definition as the schema accepted it, with the app version that checked it, beside the JSON as published', async () => {
		// Spaces the schema trims: what is kept checked is the trimmed text.
		const published = { ...structuredClone(definition), instance_name: `  ${definition.instance_name}  ` };
		await storeForm(db, published, '2026-11-30T08:00:00Z');
		const stored = await db.forms.get([definition.id, definition.version]);
		expect(stored?.definition).toEqual(published);
		expect(stored?.checked?.by).toBe(CHECKED_BY);
		expect((stored?.checked?.definition as { instance_name: string }).instance_name).toBe(definition.instance_name);
		const form = await formFor(await reopened(), definition.id, definition.version);
		expect(form?.definition.instance_name).toBe(definition.instance_name);
		expect(form?.screens.length).toBeGreaterThan(3);
	});

	it('stored before checks were kept, or checked by another version of the app: checked again when opened, and the check kept', async () => {
		await db.forms.put({
			id: definition.id,
			version: definition.version,
			definition,
			publishedAt: '2026-11-30T08:00:00Z',
			title: definition.title
		});
		const form = await formFor(await reopened(), definition.id, definition.version);
		expect(form?.definition.version).toBe(definition.version);
		expect((await db.forms.get([definition.id, definition.version]))?.checked?.by).toBe(CHECKED_BY);

		await db.forms.update([definition.id, definition.version], { checked: { by: 'an-older-app', definition: { broken: true } } });
		const again = await formFor(await reopened(), definition.id, definition.version);
		expect(again?.nodes.size).toBe(form?.nodes.size);
		expect((await db.forms.get([definition.id, definition.version]))?.checked?.by).toBe(CHECKED_BY);
	});

	it('a kept definition the schema of this version refuses does not open', async () => {
		const broken = { ...structuredClone(definition), items: [] };
		await db.forms.put({
			id: definition.id,
			version: definition.version,
			definition: broken,
			publishedAt: '2026-11-30T08:00:00Z',
			title: definition.title
		});
		expect(await formFor(await reopened(), definition.id, definition.version)).toBeUndefined();
		expect((await db.forms.get([definition.id, definition.version]))?.checked).toBeUndefined();
	});
});
