/**
 * Settling a conflict (Store.resolveConflicts) on SQLite and (with TUN_PG_URL) PostgreSQL:
 * the choice is recorded with who and when; `new` replaces the stored content (desk columns
 * and credit follow it); afterwards either content is a duplicate and a third one a conflict.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Submission } from '$lib/wire';
import { postgresUrl, temporaryDatabase, undoQualitySql, undoResolutionSql, type TemporaryDatabase } from './testing';
import type { Store } from './types';

const kinds: Store['kind'][] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

/** A refusal in `settlement`, started on `day` of December 2026. */
function refusal(settlement: string, day = 3): Submission {
	return {
		id: crypto.randomUUID(),
		formId: 'household_migration',
		formVersion: '2026-12-01',
		deviceId: 'tablet-1',
		startedAt: `2026-12-0${day}T12:00:00.000Z`,
		finalizedAt: `2026-12-0${day}T12:20:00.000Z`,
		language: 'hy',
		answers: { site_type: 'martuni', settlement, consent: 'no' }
	};
}

describe.each(kinds)('%s store: settling conflicts', (kind) => {
	let db: TemporaryDatabase;
	let store: Store;
	beforeEach(async () => {
		db = await temporaryDatabase(kind);
		store = db.store;
		// The later version declares the place question the desk's settlement reads.
		for (const version of ['2026-12-01', '2026-12-15'])
			await store.publishForm({
				id: 'household_migration',
				version,
				definition: readFileSync(`src/lib/forms/household_migration.${version}.json`, 'utf8'),
				hash: `hash-${version}`,
				publishedAt: new Date().toISOString()
			});
	});
	afterEach(() => db.dispose());

	it('keeps the stored version: the choice recorded with who and when; either content is then a duplicate, a third a conflict', async () => {
		const ani = await store.createEnumerator('Ani', 'female', 'hash-ani');
		const s = refusal('chartar');
		await store.saveBatch([s], null);
		const other = { ...s, language: 'ru' as const };
		expect(await store.saveBatch([other], ani.id)).toEqual(['conflict']);
		const before = await store.getSubmission(s.id);

		const at = '2026-12-05T18:00:00.000Z';
		expect(await store.resolveConflicts(s.id, 'stored', 'Լուսինե', at)).toEqual({ id: s.id, keep: 'stored', by: 'Լուսինե', at });
		expect(await store.getSubmission(s.id)).toEqual(before);
		expect(await store.listConflicts()).toEqual([]);
		expect(await store.listConflicts(true)).toEqual([
			{
				id: s.id,
				enumeratorId: ani.id,
				receivedAt: expect.any(String),
				submission: other,
				resolution: { keep: 'stored', by: 'Լուսինե', at, stored: before }
			}
		]);

		expect(await store.saveBatch([other, s, { ...s }], ani.id)).toEqual(['duplicate', 'duplicate', 'duplicate']);
		const third = { ...s, language: 'en' as const };
		expect(await store.saveBatch([third], ani.id)).toEqual(['conflict']);
		expect((await store.listConflicts()).map((c) => c.submission)).toEqual([third]);
		// Settled already: nothing open for it but the third.
		expect(await store.resolveConflicts(s.id, 'stored', 'Լուսինե', at)).toBeDefined();
		expect(await store.resolveConflicts(s.id, 'stored', 'Լուսինե', at)).toBeUndefined();
	});

	it('keeps the new version: the newest conflicting content replaces the stored one, its desk columns and its sender', async () => {
		const [ani, aram] = [
			await store.createEnumerator('Ani', 'female', 'hash-ani'),
			await store.createEnumerator('Aram', 'male', 'hash-aram')
		];
		const s = refusal('chartar', 3);
		await store.saveBatch([s], ani.id);
		await store.setReview(s.id, { state: 'hasIssues', comment: 'ask again', by: 'Լուսինե', at: '2026-12-04T10:00:00.000Z' });
		const older = { ...s, language: 'ru' as const };
		const newest = { ...refusal('yerevan', 5), id: s.id, meta: { breakOff: { at: 'consent', reason: 'left' } } } as Submission;
		expect(await store.saveBatch([older], ani.id)).toEqual(['conflict']);
		expect(await store.saveBatch([newest], aram.id)).toEqual(['conflict']);
		const before = (await store.getSubmission(s.id))!;

		const at = '2026-12-06T09:00:00.000Z';
		expect(await store.resolveConflicts(s.id, 'new', 'Լուսինե', at)).toEqual({ id: s.id, keep: 'new', by: 'Լուսինե', at });
		const after = await store.getSubmission(s.id);
		// The content as the newest conflict sent it, credited to its sender; the id's review and arrival stay.
		expect(after).toEqual({
			...newest,
			enumeratorId: aram.id,
			enumeratorSex: 'male',
			receivedAt: before.receivedAt,
			reviewState: 'hasIssues'
		});
		// The desk reads the new day, settlement and break-off.
		const page = await store.deskPage({ formId: 'household_migration', limit: 5 });
		expect(page.rows.map((r) => [r.id, r.settlement, r.breakOff, r.enumeratorId])).toEqual([[s.id, 'yerevan', true, aram.id]]);
		expect((await store.deskPage({ formId: 'household_migration', limit: 5, to: '2026-12-04' })).total).toBe(0);
		// Both open conflicts settled by the one choice, each keeping the version stored until then.
		const settled = await store.listConflicts(true);
		expect(settled.map((c) => [c.submission, c.resolution?.keep, c.resolution?.stored])).toEqual([
			[older, 'new', before],
			[newest, 'new', before]
		]);
		expect(await store.listSubmissions('household_migration')).toHaveLength(1);

		// Any of the three contents is a duplicate now; a fourth is a conflict.
		expect(await store.saveBatch([s, older, newest], ani.id)).toEqual(['duplicate', 'duplicate', 'duplicate']);
		expect(await store.saveBatch([{ ...s, deviceId: 'tablet-2' }], ani.id)).toEqual(['conflict']);
		expect(await store.getSubmission(s.id)).toEqual(after);
	});

	it('answers undefined for an unknown id, and for a submission without an open conflict', async () => {
		const s = refusal('chartar');
		await store.saveBatch([s], null);
		expect(await store.resolveConflicts(crypto.randomUUID(), 'new', 'Լուսինե', '2026-12-06T09:00:00.000Z')).toBeUndefined();
		expect(await store.resolveConflicts(s.id, 'new', 'Լուսինե', '2026-12-06T09:00:00.000Z')).toBeUndefined();
		expect(await store.getSubmission(s.id)).toMatchObject({ answers: s.answers });
	});

	it('settles the conflicts of a database made before the resolution columns (its migration)', async () => {
		const s = refusal('chartar');
		await store.saveBatch([s], null);
		expect(await store.saveBatch([{ ...s, language: 'ru' }], null)).toEqual(['conflict']);
		await store.close();
		const back = kind === 'sqlite' ? 'PRAGMA user_version = 8;' : 'DELETE FROM schema_migrations WHERE version >= 10;';
		await db.exec(`${undoQualitySql}
			${undoResolutionSql}
			${back}`);
		const again = await db.open();
		expect((await again.listConflicts()).map((c) => [c.id, c.resolution])).toEqual([[s.id, null]]);
		expect(await again.resolveConflicts(s.id, 'stored', 'Լուսինե', '2026-12-06T09:00:00.000Z')).toBeDefined();
		expect(await again.saveBatch([{ ...s, language: 'ru' }], null)).toEqual(['duplicate']);
		await again.close();
	});
});
