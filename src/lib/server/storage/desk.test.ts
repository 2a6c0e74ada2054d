/**
 * The desk's filtering and paging in SQL (Store.deskPage), on SQLite and (with TUN_PG_URL)
 * PostgreSQL: a few hundred submissions of several enumerators, days, settlements and review
 * states; walking the pages returns every matching submission exactly once, newest first, and
 * `total` counts them. The migration fills the desk's columns of rows stored before it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { ReviewState, Submission } from '$lib/wire';
import { postgresUrl, temporaryDatabase, undoDeskSql, undoQualitySql, undoResolutionSql, type TemporaryDatabase } from './testing';
import { localDay, type DeskFilter } from './desk';
import type { Store } from './types';

const kinds: Store['kind'][] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
const definition = (version: string) => readFileSync(`src/lib/forms/household_migration.${version}.json`, 'utf8');
const publish = (store: Store, version: string) =>
	store.publishForm({
		id: 'household_migration',
		version,
		definition: definition(version),
		hash: `hash-${version}`,
		publishedAt: new Date().toISOString()
	});

const settlements = ['martuni_town', 'chartar', 'other', 'yerevan'];
const states: ReviewState[] = ['received', 'hasIssues', 'approved', 'rejected'];

/** Submission n of the seed: its enumerator, day, settlement and break-off follow n. */
function seeded(n: number, formVersion = '2026-12-01'): Submission {
	const day = 1 + (n % 6);
	return {
		id: crypto.randomUUID(),
		formId: 'household_migration',
		formVersion,
		deviceId: `device-${n % 3}`,
		startedAt: `2026-12-0${day}T12:${String(n % 60).padStart(2, '0')}:00.000Z`,
		finalizedAt: `2026-12-0${day}T13:00:00.000Z`,
		language: 'hy',
		answers: {
			site_type: 'martuni',
			settlement: settlements[n % 4],
			consent: 'no',
			...(n % 4 === 2 ? { settlement_other: `Place ${n}` } : {})
		},
		...(n % 7 === 0 ? { meta: { breakOff: { at: 'consent', reason: 'left' } } } : {})
	};
}

/** Every page of a query, walked with the cursor: the ids in order, and each page's total. */
async function walk(store: Store, filter: DeskFilter, limit: number) {
	const ids: string[] = [];
	const totals = new Set<number>();
	let before: number | undefined;
	for (let pages = 0; pages < 1000; pages++) {
		const page = await store.deskPage({ formId: 'household_migration', limit, ...filter, ...(before ? { before } : {}) });
		expect(page.rows.length).toBeLessThanOrEqual(limit);
		ids.push(...page.rows.map((r) => r.id));
		totals.add(page.total);
		if (!page.more) return { ids, totals: [...totals] };
		expect(page.rows.length).toBe(limit);
		before = page.rows.at(-1)!.seq;
	}
	throw new Error('the pages never ended');
}

describe.each(kinds)('%s store: the desk', (kind) => {
	let db: TemporaryDatabase;
	let store: Store;
	const all: (Submission & { enumeratorId: string; reviewState: ReviewState })[] = [];
	beforeEach(async () => {
		db = await temporaryDatabase(kind);
		store = db.store;
		all.length = 0;
		await publish(store, '2026-12-01');
		await publish(store, '2026-12-15');
		const enumerators = [await store.createEnumerator('Ani', 'female', 'h-ani'), await store.createEnumerator('Aram', 'male', 'h-aram')];
		for (let batch = 0; batch < 3; batch++) {
			const items = Array.from({ length: 100 }, (_, i) => seeded(batch * 100 + i));
			const enumerator = enumerators[batch % 2];
			expect(new Set(await store.saveBatch(items, enumerator.id))).toEqual(new Set(['created']));
			all.push(...items.map((s) => ({ ...s, enumeratorId: enumerator.id, reviewState: 'received' as ReviewState })));
		}
		for (const [n, s] of all.entries()) {
			if (n % 5 !== 0) continue;
			s.reviewState = states[(n / 5) % 4];
			await store.setReview(s.id, { state: s.reviewState, comment: null, by: 'test', at: new Date().toISOString() });
		}
	});
	afterEach(() => db.dispose());

	const newestFirst = () => [...all].reverse();

	it('pages through every submission once, newest first, and counts them', async () => {
		const { ids, totals } = await walk(store, {}, 37);
		expect(ids).toEqual(newestFirst().map((s) => s.id));
		expect(totals).toEqual([300]);
		const first = await store.deskPage({ formId: 'household_migration', limit: 1 });
		const s = all.at(-1)!;
		expect(first.rows[0]).toMatchObject({
			id: s.id,
			formVersion: '2026-12-01',
			enumerator: 'Ani',
			startedAt: s.startedAt,
			finalizedAt: s.finalizedAt,
			reviewState: s.reviewState,
			settlement: s.answers.settlement,
			breakOff: Boolean(s.meta?.breakOff)
		});
		expect(await store.deskPage({ formId: 'another_form', limit: 50 })).toEqual({ rows: [], more: false, total: 0 });
	});

	it('filters by enumerator, days, settlements and review states, each page and the total agreeing', async () => {
		const aram = (await store.listEnumerators()).find((e) => e.name === 'Aram')!.id;
		const cases: [DeskFilter, (s: (typeof all)[number]) => boolean][] = [
			[{ enumerator: aram }, (s) => s.enumeratorId === aram],
			[{ from: '2026-12-03', to: '2026-12-04' }, (s) => localDay(s.startedAt) >= '2026-12-03' && localDay(s.startedAt) <= '2026-12-04'],
			[{ settlements: ['other', 'chartar'] }, (s) => ['other', 'chartar'].includes(s.answers.settlement as string)],
			[{ review: ['hasIssues', 'rejected'] }, (s) => ['hasIssues', 'rejected'].includes(s.reviewState)],
			[
				{ enumerator: aram, review: ['received'], settlements: ['martuni_town'], from: '2026-12-02' },
				(s) =>
					s.enumeratorId === aram &&
					s.reviewState === 'received' &&
					s.answers.settlement === 'martuni_town' &&
					localDay(s.startedAt) >= '2026-12-02'
			],
			[{ settlements: [] }, () => false]
		];
		for (const [filter, keeps] of cases) {
			const expected = newestFirst()
				.filter(keeps)
				.map((s) => s.id);
			const { ids, totals } = await walk(store, filter, 23);
			expect(ids, JSON.stringify(filter)).toEqual(expected);
			expect(totals, JSON.stringify(filter)).toEqual([expected.length]);
		}
	});

	it('fills the desk columns of submissions stored before its migration', async () => {
		await store.close();
		const back = kind === 'sqlite' ? 'PRAGMA user_version = 7;' : 'DELETE FROM schema_migrations WHERE version >= 9;';
		await db.exec(`${undoQualitySql}
			${undoDeskSql}
			${undoResolutionSql}
			${back}`);
		const again = await db.open();
		const { ids } = await walk(again, { settlements: ['yerevan'], from: '2026-12-06' }, 500);
		const expected = newestFirst().filter((s) => s.answers.settlement === 'yerevan' && localDay(s.startedAt) >= '2026-12-06');
		expect(expected.length).toBeGreaterThan(0);
		expect(ids).toEqual(expected.map((s) => s.id));
		const page = await again.deskPage({ formId: 'household_migration', limit: 500 });
		expect(page.rows.filter((r) => r.breakOff).length).toBe(all.filter((s) => s.meta?.breakOff).length);
	});

	it("reads the settlement again for the whole form when a version changes the form's place question", async () => {
		const fresh = await temporaryDatabase(kind);
		try {
			// Only the first version, which declares no place: no settlement is kept.
			await publish(fresh.store, '2026-12-01');
			const early = seeded(1);
			await fresh.store.saveBatch([early], null);
			expect((await fresh.store.deskPage({ formId: 'household_migration', limit: 5 })).rows[0].settlement).toBeNull();
			// The second version declares `settlement` as the place: the stored answer counts now, and new ones at once.
			await publish(fresh.store, '2026-12-15');
			const later = seeded(2, '2026-12-15');
			await fresh.store.saveBatch([later], null);
			const rows = (await fresh.store.deskPage({ formId: 'household_migration', limit: 5 })).rows;
			expect(rows.map((r) => [r.id, r.settlement])).toEqual([
				[later.id, 'other'],
				[early.id, 'chartar']
			]);
		} finally {
			await fresh.dispose();
		}
	});
});
