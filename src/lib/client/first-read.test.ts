/**
 * The interview page's first read (first-read.ts): a new page load reads the draft and its form
 * version straight from IndexedDB, the same rows Dexie would give; a database Dexie must create
 * or upgrade first is left to Dexie.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { household20261201 } from '$lib/forms';
import definition from '$lib/forms/household_migration.2026-12-01.json' with { type: 'json' };
import { TunDatabase } from './db';
import { readInterviewAndForm } from './first-read';
import { storeForm } from './forms';
import { startInterview } from './interviews';
import { InterviewSession } from './session.svelte';

let name: string;
const opened: TunDatabase[] = [];
beforeEach(() => {
	name = `first-read-${crypto.randomUUID()}`;
});
afterEach(async () => {
	for (const db of opened.splice(0)) db.close();
	await Dexie.delete(name);
});

/** A new page load: an instance of the app's database class that has not opened yet. */
function pageLoad(): TunDatabase {
	const db = new TunDatabase(name);
	opened.push(db);
	return db;
}

describe("the interview page's first read", () => {
	it('gives the draft and its form version as Dexie reads them, and the draft opens and saves as before', async () => {
		const before = pageLoad();
		await storeForm(before, definition, '2026-11-30T08:00:00.000Z');
		const id = await startInterview(before, household20261201, 'en');
		const throughDexie = {
			interview: await before.interviews.get(id),
			stored: await before.forms.get([definition.id, definition.version])
		};
		before.close();

		const read = await readInterviewAndForm(pageLoad(), id);
		expect(read).toEqual(throughDexie);

		const session = await InterviewSession.open(pageLoad(), id, 'en');
		session!.answer('site_type', [], 'armenia');
		await session!.flushed();
		const after = pageLoad();
		expect((await after.interviews.get(id))?.answers).toMatchObject({ site_type: 'armenia' });
		expect((await after.interviews.get(id))?.events?.map((e) => e.type)).toContain('resume');
	});

	it('answers no interview for an id the device does not hold', async () => {
		const db = pageLoad();
		await storeForm(db, definition, '2026-11-30T08:00:00.000Z');
		db.close();
		expect(await readInterviewAndForm(pageLoad(), 'no-such-id')).toEqual({ interview: undefined, stored: undefined });
		expect(await InterviewSession.open(pageLoad(), 'no-such-id')).toBeUndefined();
	});

	it('leaves a database at an earlier schema to Dexie, which upgrades it', async () => {
		const earlier = new Dexie(name);
		earlier.version(2).stores({ interviews: 'id, status, updatedAt, finalizedAt', settings: 'key', forms: '[id+version], id' });
		await earlier.open();
		await earlier
			.table('interviews')
			.put({ id: 'old', formId: definition.id, formVersion: definition.version, status: 'draft', updatedAt: '2026-11-01T08:00:00.000Z' });
		earlier.close();

		expect(await readInterviewAndForm(pageLoad(), 'old')).toBeUndefined();
		const upgraded = pageLoad();
		expect((await upgraded.interviews.get('old'))?.enumerator).toBe('');
		expect(upgraded.verno).toBe(4);
	});

	it('creates no database where there is none, and leaves an open database to Dexie', async () => {
		expect(await readInterviewAndForm(pageLoad(), 'any')).toBeUndefined();
		expect(await Dexie.getDatabaseNames()).not.toContain(name);
		const db = pageLoad();
		await db.open();
		expect(await readInterviewAndForm(db, 'any')).toBeUndefined();
	});
});
