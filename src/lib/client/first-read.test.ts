/**
 * The interview page's first read (first-read.ts): an app started on an interview reads the
 * draft and its form version straight from IndexedDB, the same rows Dexie would give, and its
 * first open takes that read once; a database Dexie must create or upgrade is left to Dexie.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { household20261201 } from '$lib/forms';
import definition from '$lib/forms/household_migration.2026-12-01.json' with { type: 'json' };
import { TunDatabase } from './db';
import { DB_NAME } from './db-schema';
import { startFirstRead, takeFirstRead } from './first-read';
import { storeForm } from './forms';
import { startInterview } from './interviews';
import { InterviewSession } from './session.svelte';

const opened: Dexie[] = [];
afterEach(async () => {
	for (const db of opened.splice(0)) db.close();
	await Dexie.delete(DB_NAME);
});

/** The app's database as a page load has it: an instance that has not opened yet. */
function pageLoad(): TunDatabase {
	const db = new TunDatabase();
	opened.push(db);
	return db;
}

/** A device holding the form and one draft on it; the draft's id. */
async function deviceWithDraft(): Promise<string> {
	const db = pageLoad();
	await storeForm(db, definition, '2026-11-30T08:00:00.000Z');
	const id = await startInterview(db, household20261201, 'en');
	db.close();
	return id;
}

describe("the interview page's first read", () => {
	it('gives the draft and its form version as Dexie reads them, and the draft opens and saves as before', async () => {
		const id = await deviceWithDraft();
		const dexie = pageLoad();
		const throughDexie = { interview: await dexie.interviews.get(id), stored: await dexie.forms.get([definition.id, definition.version]) };
		dexie.close();

		startFirstRead(id);
		expect(await takeFirstRead(pageLoad(), id)).toEqual(throughDexie);

		startFirstRead(id);
		const session = await InterviewSession.open(pageLoad(), id, 'en');
		expect(takeFirstRead(pageLoad(), id)).toBeUndefined(); // taken by the open
		session!.answer('site_type', [], 'armenia');
		await session!.flushed();
		const after = pageLoad();
		expect((await after.interviews.get(id))?.answers).toMatchObject({ site_type: 'armenia' });
		expect((await after.interviews.get(id))?.events?.map((e) => e.type)).toContain('resume');
	});

	it('is taken once, by the interview it began for: a later open reads through Dexie and sees what changed since', async () => {
		const id = await deviceWithDraft();
		startFirstRead(id);
		const writer = pageLoad();
		await writer.interviews.update(id, { instanceName: 'changed' });
		expect(takeFirstRead(pageLoad(), 'another-id')).toBeUndefined();
		expect(takeFirstRead(pageLoad(), id)).toBeUndefined();
		expect((await InterviewSession.open(pageLoad(), id))?.interview.instanceName).toBe('changed');
	});

	it('answers no interview for an id the device does not hold', async () => {
		await deviceWithDraft();
		startFirstRead('no-such-id');
		expect(await takeFirstRead(pageLoad(), 'no-such-id')).toEqual({ interview: undefined, stored: undefined });
		startFirstRead('no-such-id');
		expect(await InterviewSession.open(pageLoad(), 'no-such-id')).toBeUndefined();
	});

	it('leaves a database at an earlier schema to Dexie, which upgrades it', async () => {
		const earlier = new Dexie(DB_NAME);
		earlier.version(2).stores({ interviews: 'id, status, updatedAt, finalizedAt', settings: 'key', forms: '[id+version], id' });
		await earlier.open();
		await earlier
			.table('interviews')
			.put({ id: 'old', formId: definition.id, formVersion: definition.version, status: 'draft', updatedAt: '2026-11-01T08:00:00.000Z' });
		earlier.close();

		startFirstRead('old');
		expect(await takeFirstRead(pageLoad(), 'old')).toBeUndefined();
		const upgraded = pageLoad();
		expect((await upgraded.interviews.get('old'))?.enumerator).toBe('');
		expect(upgraded.verno).toBe(4);
	});

	it('creates no database where there is none', async () => {
		startFirstRead('any');
		expect(await takeFirstRead(pageLoad(), 'any')).toBeUndefined();
		expect(await Dexie.getDatabaseNames()).not.toContain(DB_NAME);
	});
});
