/**
 * The flags as the server keeps them, on SQLite and (with TUN_PG_URL) PostgreSQL: computed when
 * submissions arrive (a duplicate household flags both; a location far from its place's other
 * interviews), filtered by the desk in SQL, shown per submission, counted per flag, computed
 * again for every stored submission when the thresholds change; a failure while flagging
 * loses no submission.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { forms } from '$lib/forms';
import { head2, household2, wife2 } from '$lib/forms/samples-v2';
import type { Submission } from '$lib/wire';
import { saveChecked } from '../submissions';
import { postgresUrl, temporaryDatabase, undoQualitySql, type TemporaryDatabase } from '../storage/testing';
import type { Store } from '../storage/types';
import { DEFAULT_THRESHOLDS, flagArrivals, flagUnflagged, recomputeAll, type FindCompiled } from './run';
import { householdOf } from './place';

const kinds: Store['kind'][] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
const v2 = forms[1];
const findForm: FindCompiled = async (id, version) => forms.find((f) => f.definition.id === id && f.definition.version === version);
const at = (minute: number) => new Date(Date.UTC(2026, 11, 16, 9, 0) + minute * 60_000).toISOString();

/** A consenting household of v2 at a point, its interview `minutes` long by its audit log. */
function household(minutes: number, point: { lat: number; lon: number }, extra: Record<string, unknown> = {}): Submission {
	return {
		id: crypto.randomUUID(),
		formId: 'household_migration',
		formVersion: '2026-12-15',
		deviceId: 'd-1',
		startedAt: at(0),
		finalizedAt: at(minutes),
		language: 'hy',
		answers: household2({ gps: { ...point, accuracy: 10 }, member: [head2(), wife2()], ...extra }),
		meta: {
			events: [
				{ t: at(0), type: 'start' },
				{ t: at(minutes / 2), type: 'answer', path: 'consent', value: 'yes' },
				{ t: at(minutes), type: 'finalize' }
			]
		}
	};
}

const flagsOf = async (store: Store, id: string) => ((await store.flagsOf([id])).get(id) ?? []).map((f) => f.flag);

describe.each(kinds)('%s store: data-quality flags', (kind) => {
	let db: TemporaryDatabase;
	let store: Store;
	beforeEach(async () => {
		db = await temporaryDatabase(kind);
		store = db.store;
		await store.publishForm({
			id: 'household_migration',
			version: '2026-12-15',
			definition: readFileSync('src/lib/forms/household_migration.2026-12-15.json', 'utf8'),
			hash: 'h',
			publishedAt: at(0)
		});
	});
	afterEach(async () => {
		await db.dispose();
	});

	const arrive = async (items: Submission[]) => {
		expect(await store.saveBatch(items, null)).toEqual(items.map(() => 'created'));
		await flagArrivals(store, findForm, items);
	};

	it('keeps the thresholds, null until set', async () => {
		expect(await store.getQualityThresholds()).toBeNull();
		await store.setQualityThresholds({ ...DEFAULT_THRESHOLDS, speederMinutes: 12.5 });
		await store.setQualityThresholds({ ...DEFAULT_THRESHOLDS, speederMinutes: 30 });
		expect(await store.getQualityThresholds()).toEqual({ ...DEFAULT_THRESHOLDS, speederMinutes: 30 });
	});

	it('flags on arrival, filters the desk by flag in SQL, and counts per flag', async () => {
		const yerevan = { lat: 40.18, lon: 44.51 };
		const near = [0, 1, 2].map((n) =>
			household(40, { lat: yerevan.lat + n * 0.001, lon: yerevan.lon }, { member: [head2({ m_name: `Name ${n}` })] })
		);
		await arrive(near);
		const speeder = household(12, yerevan, { member: [head2({ m_name: 'Quick' })] });
		const far = household(40, { lat: 40.5, lon: 44.51 }, { member: [head2({ m_name: 'Far' })] });
		await arrive([speeder, far]);
		expect(await flagsOf(store, speeder.id)).toEqual(['speeder']);
		expect((await store.flagsOf([speeder.id])).get(speeder.id)![0]).toMatchObject({
			reason: '12 minutes on screens, under 20',
			minutes: 12
		});
		const farFlag = (await store.flagsOf([far.id])).get(far.id)![0];
		expect(farFlag).toMatchObject({ flag: 'location', km: 35.5, place: 'yerevan', reason: '35.5 km from the median of Yerevan, over 5' });
		for (const s of near) expect(await flagsOf(store, s.id)).toEqual([]);

		const desk = (flags: ('speeder' | 'location' | 'duplicate')[]) => store.deskPage({ formId: 'household_migration', limit: 10, flags });
		const speeders = await desk(['speeder']);
		expect(speeders.rows.map((r) => r.id)).toEqual([speeder.id]);
		expect(speeders.total).toBe(1);
		expect(speeders.rows[0].flags.map((f) => f.flag)).toEqual(['speeder']);
		expect((await desk(['speeder', 'location'])).rows.map((r) => r.id)).toEqual([far.id, speeder.id]);
		expect((await desk(['duplicate'])).total).toBe(0);
		expect((await store.deskPage({ formId: 'household_migration', limit: 10 })).total).toBe(5);
		expect(await store.flagCounts()).toEqual({ speeder: 1, straightLining: 0, dontKnow: 0, duplicate: 0, location: 1, answerChanges: 0 });
	});

	it('flags both households of a duplicate found on arrival, each naming the other', async () => {
		const first = household(40, { lat: 40.18, lon: 44.51 });
		const other = household(40, { lat: 40.18, lon: 44.51 }, { settlement: 'chartar', site_type: 'martuni' });
		await arrive([first, other]);
		expect(await flagsOf(store, first.id)).toEqual([]);
		const again = household(45, { lat: 40.18, lon: 44.51 }, { member: [wife2({ m_name: 'ANAHIT' }), head2()] });
		await arrive([again]);
		const flags = await store.flagsOf([first.id, again.id, other.id]);
		expect(flags.get(first.id)).toEqual([{ flag: 'duplicate', reason: `same place and roster as ${again.id}`, others: [again.id] }]);
		expect(flags.get(again.id)).toEqual([{ flag: 'duplicate', reason: `same place and roster as ${first.id}`, others: [first.id] }]);
		expect(flags.has(other.id)).toBe(false);
		expect(await store.sameHousehold('household_migration', (await store.qualityPage(0, 10))[0].household!, 10)).toEqual([
			first.id,
			again.id
		]);
	});

	it('computes every stored submission again when the thresholds change, and keeps the duplicates', async () => {
		const a = household(15, { lat: 40.18, lon: 44.51 });
		const b = household(25, { lat: 40.18, lon: 44.51 });
		const c = household(35, { lat: 40.18, lon: 44.51 }, { member: [head2()] });
		await arrive([a, b, c]);
		expect(await flagsOf(store, a.id)).toEqual(['speeder', 'duplicate']);
		expect(await flagsOf(store, b.id)).toEqual(['duplicate']);
		expect(await recomputeAll(store, findForm, { ...DEFAULT_THRESHOLDS, speederMinutes: 30 })).toMatchObject({ speeder: 2, duplicate: 2 });
		expect(await flagsOf(store, b.id)).toEqual(['speeder', 'duplicate']);
		expect(await flagsOf(store, c.id)).toEqual([]);
		expect(await recomputeAll(store, findForm, { ...DEFAULT_THRESHOLDS, speederMinutes: 10 })).toMatchObject({ speeder: 0, duplicate: 2 });
		expect((await store.deskPage({ formId: 'household_migration', limit: 10, flags: ['speeder'] })).total).toBe(0);
	});

	it('fills what rows stored without flags lack (a duplicate among them too)', async () => {
		const a = household(15, { lat: 40.18, lon: 44.51 });
		const b = household(45, { lat: 40.18, lon: 44.51 });
		expect(await store.saveBatch([a, b], null)).toEqual(['created', 'created']);
		expect(await store.flagCounts()).toMatchObject({ speeder: 0, duplicate: 0 });
		await recomputeAll(store, findForm, DEFAULT_THRESHOLDS);
		expect(await flagsOf(store, a.id)).toEqual(['speeder', 'duplicate']);
		expect(await flagsOf(store, b.id)).toEqual(['duplicate']);
	});

	it('flags at start the submissions stored before its migration', async () => {
		const a = household(15, { lat: 40.18, lon: 44.51 });
		const b = household(45, { lat: 40.18, lon: 44.51 });
		expect(await store.saveBatch([a, b], null)).toEqual(['created', 'created']);
		await store.close();
		await db.exec(
			`${undoQualitySql} ${kind === 'sqlite' ? 'PRAGMA user_version = 9;' : 'DELETE FROM schema_migrations WHERE version >= 11;'}`
		);
		const again = await db.open();
		expect(await again.flagCounts()).toMatchObject({ speeder: 0, duplicate: 0 });
		await flagUnflagged(again, findForm);
		expect(await flagsOf(again, a.id)).toEqual(['speeder', 'duplicate']);
		expect(await flagsOf(again, b.id)).toEqual(['duplicate']);
		store = again;
	});

	it('a failure while flagging is logged, and the submissions stay stored', async () => {
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		const s = household(5, { lat: 40.18, lon: 44.51 });
		const broken: FindCompiled = async () => {
			throw new Error('the registry is down');
		};
		const answered = await saveChecked(
			{ status: 200, results: [{ id: s.id, status: 'created' }], valid: [{ index: 0, submission: s }] },
			store,
			null,
			(created) => flagArrivals(store, broken, created)
		);
		expect(answered).toEqual({ status: 200, body: { results: [{ id: s.id, status: 'created' }] } });
		expect((await store.getSubmission(s.id))?.id).toBe(s.id);
		expect(error).toHaveBeenCalledWith(expect.stringContaining('could not be computed (they are stored)'), expect.any(Error));
		error.mockRestore();
		// The next start flags what was never flagged, and only that.
		const other = household(5, { lat: 40.18, lon: 44.51 }, { member: [head2({ m_name: 'Other' })] });
		await arrive([other]);
		await store.saveQuality([{ id: other.id, names: ['speeder'], flags: [] }]);
		await flagUnflagged(store, findForm);
		expect(await flagsOf(store, s.id)).toEqual(['speeder']);
		expect(await flagsOf(store, other.id)).toEqual([]);
		expect(await store.qualityPage(0, 10, true)).toEqual([]);
	});
});

// v2's member roster tells households apart; the e2e and the API tests send its households.
it('the household questionnaire v2 tells households apart by its member roster', () => {
	expect(householdOf(v2)?.roster).toBe('member');
});
