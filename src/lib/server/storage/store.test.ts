import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Submission } from '$lib/wire';
import { sampleSubmission } from '../testing';
import { openStore } from './index';
import { postgresUrl, temporaryDatabase, undoQualitySql, type TemporaryDatabase } from './testing';
import { submissionHash } from './hash';
import type { SaveOutcome, Store } from './types';

if (!postgresUrl) {
	console.warn(
		'!!! PostgreSQL contract tests SKIPPED: TUN_PG_URL is not set. Run `node scripts/postgres.mjs npx vitest run src/lib/server/storage` to include them.'
	);
}

const kinds: Store['kind'][] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

/** Rows of the store's own tables, read past the store. */
async function rows(db: TemporaryDatabase, sql: string): Promise<Record<string, unknown>[]> {
	if (db.kind === 'sqlite') {
		const raw = new Database(join(db.location, 'tun.sqlite'), { readonly: true });
		try {
			return raw.prepare(sql).all() as Record<string, unknown>[];
		} finally {
			raw.close();
		}
	}
	const client = new pg.Client({ connectionString: db.location });
	await client.connect();
	try {
		return (await client.query(sql)).rows;
	} finally {
		await client.end();
	}
}

const sorted = (outcomes: SaveOutcome[]) => [...outcomes].sort();

// The engine computes the sample's answers: once is enough, each test gets new ids.
const sample = sampleSubmission();
const form = sample.formId;
const fresh = (overrides: Partial<Submission> = {}): Submission => ({ ...sample, id: crypto.randomUUID(), ...overrides });

describe.each(kinds)('%s store (contract)', (kind) => {
	let db: TemporaryDatabase;
	let store: Store;
	beforeEach(async () => {
		db = await temporaryDatabase(kind);
		store = db.store;
	});
	afterEach(() => db.dispose());

	it('says which kind it is', () => {
		expect(store.kind).toBe(kind);
	});

	it('stores a submission exactly as sent and returns it as sent', async () => {
		const tricky = {
			armenian: 'Անահիտ Գրիգորյան, Երևան',
			cyrillic: 'Анна Сергеевна Ёлкина',
			emoji: '👩‍🌾🏳️‍🌈👍🏽',
			rtl: '\u200fשלום\u200f مرحبا',
			// Decomposed on purpose: a normalising store would turn it into é / Ա̈ precomposed.
			combining: 'e\u0301 A\u030a Ա\u0308',
			quotes: 'a "quoted" \\ back\\slash\n\ttab'
		};
		const s = fresh({
			deviceId: 'tablet-Ա-📱',
			answers: {
				...sample.answers,
				resp_name: `${tricky.cyrillic} ${tricky.emoji} \u200f`,
				notes: tricky,
				big: 12345678901234,
				ratio: 0.1
			},
			meta: { referenceDate: '2026-11-30', confirmed: ['member.1.m_age'], events: [{ t: 1, type: 'answer', value: tricky.combining }] }
		});
		expect(await store.saveBatch([s], null)).toEqual(['created']);
		const got = await store.getSubmission(s.id);
		expect(got).toEqual({ ...s, enumeratorId: null, enumeratorSex: null, receivedAt: expect.any(String), reviewState: 'received' });
		expect((got?.answers.notes as typeof tricky).combining).toBe(tricky.combining);
		expect(got?.answers.resp_name).toBe(s.answers.resp_name);
		expect(new Date(got!.receivedAt).toISOString()).toBe(got!.receivedAt);
		expect(await store.listSubmissions(form)).toEqual([got]);
		expect(await store.getSubmission(crypto.randomUUID())).toBeUndefined();
	});

	it('lists the submissions of one form in the order received', async () => {
		const [a, b, c] = [fresh(), fresh({ formId: 'other_form' }), fresh()];
		await store.saveBatch([c], null);
		await store.saveBatch([b, a], null);
		expect((await store.listSubmissions(form)).map((s) => s.id)).toEqual([c.id, a.id]);
		expect((await store.listSubmissions('other_form')).map((s) => s.id)).toEqual([b.id]);
		expect(await store.listSubmissions('nope')).toEqual([]);
	});

	it("keeps a submission's review: the state on the submission, every step in order, nothing for an unknown id", async () => {
		const [a, b] = [fresh(), fresh()];
		await store.saveBatch([a, b], null);
		expect(await store.getReview(a.id)).toEqual({ id: a.id, reviewState: 'received', history: [] });
		const first = {
			state: 'hasIssues' as const,
			comment: 'Ages of the children do not add up — Անահիտ',
			by: 'Lusine',
			at: '2026-12-01T18:00:00.000Z'
		};
		expect(await store.setReview(a.id, first)).toEqual({ id: a.id, reviewState: 'hasIssues', history: [first] });
		const second = { state: 'approved' as const, comment: null, by: 'Aram', at: '2026-12-02T09:00:00.000Z' };
		expect(await store.setReview(a.id, second)).toEqual({ id: a.id, reviewState: 'approved', history: [first, second] });
		expect((await store.getSubmission(a.id))?.reviewState).toBe('approved');
		expect((await store.listSubmissions(form)).map((s) => [s.id, s.reviewState])).toEqual([
			[a.id, 'approved'],
			[b.id, 'received']
		]);
		expect(await store.setReview(crypto.randomUUID(), second)).toBeUndefined();
		expect(await store.getReview(crypto.randomUUID())).toBeUndefined();
		// A resend of the same content is still a duplicate and leaves the review alone.
		expect(await store.saveBatch([a], null)).toEqual(['duplicate']);
		expect((await store.getReview(a.id))?.history).toHaveLength(2);
	});

	it("keeps each tablet's latest report per enumerator, listed the latest first with the enumerator's name", async () => {
		const anna = await store.createEnumerator('Աննա', 'female', `hash-${crypto.randomUUID()}`);
		const boris = await store.createEnumerator('Борис', 'male', `hash-${crypto.randomUUID()}`);
		expect(await store.listDevices()).toEqual([]);
		await store.reportDevice({ deviceId: 'tab-1', waiting: 3, drafts: 1, appVersion: 'a' }, anna.id, '2026-12-01T10:00:00.000Z');
		await store.reportDevice({ deviceId: 'tab-1', waiting: 0, drafts: 2, appVersion: 'b' }, anna.id, '2026-12-01T12:00:00.000Z');
		// A second enumerator on the same tablet is a row of its own.
		await store.reportDevice({ deviceId: 'tab-1', waiting: 5, drafts: 0, appVersion: 'b' }, boris.id, '2026-12-01T11:00:00.000Z');
		expect(await store.listDevices()).toEqual([
			{
				deviceId: 'tab-1',
				enumeratorId: anna.id,
				enumerator: 'Աննա',
				waiting: 0,
				drafts: 2,
				appVersion: 'b',
				reportedAt: '2026-12-01T12:00:00.000Z'
			},
			{
				deviceId: 'tab-1',
				enumeratorId: boris.id,
				enumerator: 'Борис',
				waiting: 5,
				drafts: 0,
				appVersion: 'b',
				reportedAt: '2026-12-01T11:00:00.000Z'
			}
		]);
	});

	it('answers duplicate for the same content with keys in another order, and changes nothing', async () => {
		const s = fresh();
		await store.saveBatch([s], null);
		const before = await store.getSubmission(s.id);
		const reversed = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
		const reordered = { ...reversed(s), answers: reversed(s.answers) };
		expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(s));
		expect(await store.saveBatch([reordered], null)).toEqual(['duplicate']);
		expect(await store.getSubmission(s.id)).toEqual(before);
		expect(await store.listConflicts()).toEqual([]);
	});

	it('answers conflict for other content under a known id: keeps the first, lists the second with its enumerator', async () => {
		const enumerator = await store.createEnumerator('Ani', 'female', 'hash-ani');
		const s = fresh();
		await store.saveBatch([s], null);
		const other = { ...s, answers: { ...s.answers, resp_age: 99 } };
		expect(await store.saveBatch([other], enumerator.id)).toEqual(['conflict']);
		// The same conflicting content again is kept once; a third version is kept too.
		expect(await store.saveBatch([other], enumerator.id)).toEqual(['conflict']);
		const third = { ...s, answers: { ...s.answers, resp_age: 3 } };
		expect(await store.saveBatch([third], null)).toEqual(['conflict']);

		expect((await store.getSubmission(s.id))?.answers.resp_age).toBe(s.answers.resp_age);
		const conflicts = await store.listConflicts();
		expect(conflicts).toEqual([
			{ id: s.id, enumeratorId: enumerator.id, receivedAt: expect.any(String), submission: other, resolution: null },
			{ id: s.id, enumeratorId: null, receivedAt: expect.any(String), submission: third, resolution: null }
		]);
		expect(await store.listSubmissions(form)).toHaveLength(1);
	});

	it('decides each item of one batch in order, repeats of an id within it included', async () => {
		const a = fresh();
		const b = fresh();
		const b2 = { ...b, language: 'ru' as const };
		expect(await store.saveBatch([a, b, a, b2, b2, b], null)).toEqual([
			'created',
			'created',
			'duplicate',
			'conflict',
			'conflict',
			'duplicate'
		]);
		expect((await store.getSubmission(b.id))?.language).toBe(b.language);
		expect((await store.listConflicts()).map((c) => c.submission)).toEqual([b2]);
		expect((await store.listSubmissions(form)).map((s) => s.id)).toEqual([a.id, b.id]);
		// Against stored rows the next batch decides the same way.
		const c = fresh();
		expect(await store.saveBatch([b2, c, a, c], null)).toEqual(['conflict', 'created', 'duplicate', 'duplicate']);
		expect(await store.saveBatch([], null)).toEqual([]);
	});

	it('hashes a submission only when its id comes again, and keeps that hash', async () => {
		const s = fresh();
		const hashOf = async (id: string) => (await rows(db, `SELECT content_hash FROM submissions WHERE id = '${id}'`))[0].content_hash;
		await store.saveBatch([s], null);
		expect(await hashOf(s.id)).toBeNull();
		expect(await store.saveBatch([s], null)).toEqual(['duplicate']);
		expect(await hashOf(s.id)).toBe(submissionHash(s));
		expect(await store.saveBatch([s, { ...s, language: 'ru' }], null)).toEqual(['duplicate', 'conflict']);
	});

	it('decides against a hash kept at insert, as PostgreSQL kept them before hashing became lazy', async () => {
		const s = fresh();
		await store.saveBatch([s], null);
		await db.exec(`UPDATE submissions SET content_hash = '${submissionHash(s)}' WHERE id = '${s.id}'`);
		expect(await store.saveBatch([{ ...s }, { ...s, language: 'ru' }], null)).toEqual(['duplicate', 'conflict']);
	});

	it('records the enumerator whose token sent each submission', async () => {
		const enumerator = await store.createEnumerator('Ani', 'female', 'hash-ani');
		const [a, b] = [fresh(), fresh()];
		await store.saveBatch([a], enumerator.id);
		await store.saveBatch([b], null);
		expect((await store.getSubmission(a.id))?.enumeratorId).toBe(enumerator.id);
		expect((await store.getSubmission(b.id))?.enumeratorId).toBeNull();
	});

	describe('all of a batch or none of it', () => {
		const nothingOf = async (items: Submission[]) => {
			for (const s of items) expect(await store.getSubmission(s.id)).toBeUndefined();
			expect(await store.listConflicts()).toEqual([]);
		};

		it('when an item cannot be serialised', async () => {
			const known = fresh();
			await store.saveBatch([known], null);
			const first = fresh();
			const conflict = { ...known, language: 'ru' as const };
			const broken = fresh({ answers: { hh_size: 10n } });
			await expect(store.saveBatch([first, conflict, broken], null)).rejects.toThrow(/BigInt/);
			await nothingOf([first, broken]);
		});

		it('when the database fails after rows of the batch were written', async () => {
			const known = fresh();
			await store.saveBatch([known], null);
			await db.exec(
				kind === 'sqlite'
					? `CREATE TRIGGER refuse BEFORE INSERT ON conflicts BEGIN SELECT RAISE(ABORT, 'refused by test'); END`
					: `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$;
					   CREATE TRIGGER refuse BEFORE INSERT ON conflicts FOR EACH ROW EXECUTE FUNCTION refuse();`
			);
			// The new items are written before the conflict, whose row the trigger refuses.
			const [first, second] = [fresh(), fresh()];
			await expect(store.saveBatch([first, second, { ...known, language: 'ru' }], null)).rejects.toThrow(/refused by test/);
			await nothingOf([first, second]);
			expect(await store.listSubmissions(form)).toHaveLength(1);
			// The store is still usable after the rollback.
			expect(await store.saveBatch([first], null)).toEqual(['created']);
		});

		it('when the enumerator does not exist', async () => {
			const s = fresh();
			await expect(store.saveBatch([s], 'no-such-enumerator')).rejects.toThrow(/foreign key constraint/i);
			await nothingOf([s]);
		});

		it('when the store was closed', async () => {
			const s = fresh();
			await store.close();
			await expect(store.saveBatch([s], null)).rejects.toThrow(
				kind === 'sqlite' ? 'The database connection is not open' : 'Cannot use a pool after calling end on the pool'
			);
			const again = await db.open();
			expect(await again.getSubmission(s.id)).toBeUndefined();
		});
	});

	describe('concurrent batches', () => {
		it('of the same new id from two callers: one created, one duplicate', async () => {
			const second = await db.open();
			for (let round = 0; round < 10; round++) {
				const s = fresh();
				expect(sorted(await Promise.all([store.saveBatch([s], null), second.saveBatch([{ ...s }], null)]).then((r) => r.flat()))).toEqual([
					'created',
					'duplicate'
				]);
			}
		});

		it('of the same new id with different content: one created, one conflict kept aside', async () => {
			const second = await db.open();
			const s = fresh();
			const other = { ...s, language: 'ru' as const };
			const outcomes = (await Promise.all([store.saveBatch([s], null), second.saveBatch([other], null)])).flat();
			expect(sorted(outcomes)).toEqual(['conflict', 'created']);
			const stored = await store.getSubmission(s.id);
			expect((await store.listConflicts()).map((c) => c.submission.language)).toEqual([stored?.language === 'ru' ? 'hy' : 'ru']);
		});

		it('holding the same ids in opposite orders: each id created exactly once, never an error', async () => {
			const stores = [store, await db.open(), await db.open()];
			for (let round = 0; round < 5; round++) {
				const items = Array.from({ length: 100 }, () => fresh());
				const batches = [items, [...items].reverse(), [...items.slice(50), ...items.slice(0, 50)]];
				const results = await Promise.all(batches.map((batch, n) => stores[n].saveBatch(batch, null)));
				for (const item of items) {
					const outcomes = results.map((r, n) => r[batches[n].indexOf(item)]);
					expect(sorted(outcomes)).toEqual(['created', 'duplicate', 'duplicate']);
				}
			}
			expect(await store.listSubmissions(form)).toHaveLength(500);
		});

		it('mixing stored and new ids in opposite orders: stored ones duplicates, each new one created once', async () => {
			const stores = [store, await db.open(), await db.open()];
			const old = Array.from({ length: 50 }, () => fresh());
			await store.saveBatch(old, null);
			const items = [...old, ...Array.from({ length: 50 }, () => fresh())].sort((a, b) => (a.id < b.id ? -1 : 1));
			const batches = [items, [...items].reverse(), [...items.slice(50), ...items.slice(0, 50)]];
			const results = await Promise.all(batches.map((batch, n) => stores[n].saveBatch(batch, null)));
			for (const item of items) {
				const outcomes = sorted(results.map((r, n) => r[batches[n].indexOf(item)]));
				expect(outcomes).toEqual(old.includes(item) ? ['duplicate', 'duplicate', 'duplicate'] : ['created', 'duplicate', 'duplicate']);
			}
		});

		it('resending the same stored ids in opposite orders: all duplicates, each hash kept once, never an error', async () => {
			const stores = [store, await db.open(), await db.open()];
			const items = Array.from({ length: 100 }, () => fresh());
			await store.saveBatch(items, null);
			const batches = [items, [...items].reverse(), [...items.slice(50), ...items.slice(0, 50)]];
			const results = await Promise.all(batches.map((batch, n) => stores[n].saveBatch(batch, null)));
			expect(results.flat().every((o) => o === 'duplicate')).toBe(true);
			const kept = await rows(db, 'SELECT id, content_hash FROM submissions');
			expect(kept.every((r) => r.content_hash === submissionHash(items.find((s) => s.id === r.id)))).toBe(true);
		});
	});

	it('keeps enumerators by token hash; revoking stops the token at once', async () => {
		const ani = await store.createEnumerator('Անի', 'female', 'hash-ani');
		const boris = await store.createEnumerator('Борис', 'male', 'hash-boris');
		expect(ani).toEqual({ id: expect.any(String), name: 'Անի', sex: 'female', createdAt: expect.any(String), revokedAt: null });
		expect(ani.id).not.toBe(boris.id);
		// Ordered by creation time, then id (both made within one millisecond here).
		const byCreation = [ani, boris].sort((x, y) => x.createdAt.localeCompare(y.createdAt) || (x.id < y.id ? -1 : 1));
		expect(await store.listEnumerators()).toEqual(byCreation);
		expect(await store.findEnumerator('hash-ani')).toEqual(ani);
		expect(await store.findEnumerator('hash-nobody')).toBeUndefined();
		await expect(store.createEnumerator('Ani again', 'female', 'hash-ani')).rejects.toThrow(
			kind === 'sqlite' ? 'UNIQUE constraint failed: enumerators.token_hash' : 'unique constraint "enumerators_token_hash_key"'
		);
		expect(await store.listEnumerators()).toEqual(byCreation);

		expect(await store.revokeEnumerator(ani.id)).toBe(true);
		expect(await store.findEnumerator('hash-ani')).toBeUndefined();
		expect(await store.findEnumerator('hash-boris')).toEqual(boris);
		expect(await store.revokeEnumerator(ani.id)).toBe(false);
		expect(await store.revokeEnumerator('no-such-id')).toBe(false);
		const listed = await store.listEnumerators();
		expect(listed).toEqual(byCreation.map((e) => (e === ani ? { ...ani, revokedAt: expect.any(String) } : e)));
	});

	describe('admin sessions', () => {
		const row = (idHash: string, createdAt = '2026-11-30T08:00:00.000Z') => ({
			idHash,
			name: 'Լուսինե Supervisor',
			tokenFingerprint: 'fp-1',
			createdAt,
			expiresAt: '2026-11-30T20:00:00.000Z'
		});
		const at = (now: string, idleSince: string, tokenFingerprint = 'fp-1') => ({ now, idleSince, tokenFingerprint });

		it('finds a live session by its hash, keeps it alive with each use, and ends it on delete', async () => {
			await store.createAdminSession(row('h1'), '2026-11-30T06:00:00.000Z');
			expect(await store.useAdminSession('h1', at('2026-11-30T09:00:00.000Z', '2026-11-30T07:00:00.000Z'))).toEqual({
				name: 'Լուսինե Supervisor'
			});
			expect(await store.useAdminSession('h2', at('2026-11-30T09:00:00.000Z', '2026-11-30T07:00:00.000Z'))).toBeUndefined();
			// Used at 09:00, so still alive at 10:30 with a two-hour idle limit (idle since 08:30).
			expect(await store.useAdminSession('h1', at('2026-11-30T10:30:00.000Z', '2026-11-30T08:30:00.000Z'))).toEqual({
				name: 'Լուսինե Supervisor'
			});
			await store.deleteAdminSession('h1');
			expect(await store.useAdminSession('h1', at('2026-11-30T10:31:00.000Z', '2026-11-30T08:31:00.000Z'))).toBeUndefined();
		});

		it('refuses a session unused since before the idle limit, past its end, or made under another admin token', async () => {
			await store.createAdminSession(row('idle'), '2026-11-30T06:00:00.000Z');
			await store.createAdminSession(row('old'), '2026-11-30T06:00:00.000Z');
			await store.createAdminSession(row('other'), '2026-11-30T06:00:00.000Z');
			expect(await store.useAdminSession('idle', at('2026-11-30T10:00:01.000Z', '2026-11-30T08:00:01.000Z'))).toBeUndefined();
			expect(await store.useAdminSession('old', at('2026-11-30T20:00:00.000Z', '2026-11-30T07:59:00.000Z'))).toBeUndefined();
			expect(await store.useAdminSession('other', at('2026-11-30T09:00:00.000Z', '2026-11-30T07:00:00.000Z', 'fp-2'))).toBeUndefined();
		});

		it('forgets ended sessions when a new one is made', async () => {
			await store.createAdminSession(row('ended'), '2026-11-30T06:00:00.000Z');
			await store.createAdminSession(row('new', '2026-11-30T21:00:00.000Z'), '2026-11-30T19:00:00.000Z');
			expect((await rows(db, 'SELECT id_hash FROM admin_sessions')).map((r) => r.id_hash)).toEqual(['new']);
		});
	});

	it('counts failed sign-ins per address within a window, and forgets the old ones', async () => {
		for (const minute of ['00', '05', '10'])
			await store.recordSignInFailure('10.0.0.1', `2026-11-30T08:${minute}:00.000Z`, '2026-11-30T07:00:00.000Z');
		await store.recordSignInFailure('10.0.0.2', '2026-11-30T08:11:00.000Z', '2026-11-30T07:00:00.000Z');
		expect(await store.signInFailures('10.0.0.1', '2026-11-30T07:59:00.000Z')).toEqual({ count: 3, oldest: '2026-11-30T08:00:00.000Z' });
		expect(await store.signInFailures('10.0.0.1', '2026-11-30T08:01:00.000Z')).toEqual({ count: 2, oldest: '2026-11-30T08:05:00.000Z' });
		expect(await store.signInFailures('10.0.0.3', '2026-11-30T07:00:00.000Z')).toEqual({ count: 0, oldest: null });
		await store.recordSignInFailure('10.0.0.2', '2026-11-30T08:30:00.000Z', '2026-11-30T08:07:00.000Z');
		expect(await rows(db, 'SELECT address, at FROM sign_in_failures ORDER BY seq')).toEqual([
			{ address: '10.0.0.1', at: '2026-11-30T08:10:00.000Z' },
			{ address: '10.0.0.2', at: '2026-11-30T08:11:00.000Z' },
			{ address: '10.0.0.2', at: '2026-11-30T08:30:00.000Z' }
		]);
	});

	it('keeps its data across a restart', async () => {
		const enumerator = await store.createEnumerator('Ani', 'female', 'hash-ani');
		const s = fresh();
		await store.saveBatch([s], enumerator.id);
		await store.saveBatch([{ ...s, language: 'ru' }], null);
		const before = { s: await store.getSubmission(s.id), conflicts: await store.listConflicts() };
		await store.close();
		const again = await db.open();
		expect(await again.getSubmission(s.id)).toEqual(before.s);
		expect(await again.listConflicts()).toEqual(before.conflicts);
		expect(await again.findEnumerator('hash-ani')).toEqual(enumerator);
		expect(await again.saveBatch([s], null)).toEqual(['duplicate']);
	});

	it('returns identical shapes whichever the engine (no extra fields)', async () => {
		const s = fresh();
		await store.saveBatch([s], null);
		expect(Object.keys((await store.getSubmission(s.id))!).sort()).toEqual(
			[...Object.keys(s), 'enumeratorId', 'enumeratorSex', 'receivedAt', 'reviewState'].sort()
		);
		expect(await rows(db, `SELECT count(*) AS n FROM submissions`)).toEqual([{ n: kind === 'sqlite' ? 1 : '1' }]);
	});
});

describe('SQLite specifics', () => {
	it('keeps its file in DATA_DIR, in WAL mode', async () => {
		const db = await temporaryDatabase('sqlite');
		try {
			await db.store.saveBatch([fresh()], null);
			expect(existsSync(join(db.location, 'tun.sqlite'))).toBe(true);
			const raw = new Database(join(db.location, 'tun.sqlite'), { readonly: true });
			expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
			expect(raw.pragma('user_version', { simple: true })).toBe(11);
			raw.close();
		} finally {
			await db.dispose();
		}
	});

	it('is what openStore opens without a database URL', async () => {
		const db = await temporaryDatabase('sqlite');
		try {
			await db.store.close();
			const store = await openStore({ dataDir: db.location, databaseUrl: '  ' });
			expect(store.kind).toBe('sqlite');
			await store.close();
		} finally {
			await db.dispose();
		}
	});
});

describe.runIf(postgresUrl)('PostgreSQL specifics', () => {
	it('migrates once when two processes open a fresh database at the same time', async () => {
		const db = await temporaryDatabase('postgres');
		try {
			await db.exec(
				'DROP TABLE quality, submission_flags, devices, drafts, reviews, conflicts, submissions, enumerators, admin_sessions, sign_in_failures, forms, deployment, schema_migrations'
			);
			const opened = await Promise.all([db.open(), db.open(), db.open()]);
			expect(opened.map((s) => s.kind)).toEqual(['postgres', 'postgres', 'postgres']);
			expect(await rows(db, 'SELECT version FROM schema_migrations ORDER BY version')).toEqual([
				{ version: 1 },
				{ version: 2 },
				{ version: 3 },
				{ version: 4 },
				{ version: 5 },
				{ version: 6 },
				{ version: 7 },
				{ version: 8 },
				{ version: 9 },
				{ version: 10 },
				{ version: 11 },
				{ version: 12 }
			]);
			expect(await opened[0].saveBatch([fresh()], null)).toEqual(['created']);
		} finally {
			await db.dispose();
		}
	});

	it('keeps the hashes of rows stored before hashing became lazy (migration 3)', async () => {
		const db = await temporaryDatabase('postgres');
		try {
			const old = fresh();
			await db.store.saveBatch([old], null);
			// The database as version 2 left it: every row hashed at insert, the column NOT NULL.
			await db.exec(`UPDATE submissions SET content_hash = '${submissionHash(old)}';
				ALTER TABLE submissions ALTER COLUMN content_hash SET NOT NULL;
				${undoQualitySql}
				DROP TABLE devices, drafts, forms, deployment, reviews;
				ALTER TABLE submissions DROP COLUMN started_day, DROP COLUMN settlement, DROP COLUMN break_off;
				CREATE INDEX submissions_form ON submissions (form_id, seq);
				ALTER TABLE submissions DROP COLUMN review_state;
				ALTER TABLE enumerators DROP COLUMN sex;
				ALTER TABLE submissions DROP COLUMN enumerator_sex;
				ALTER TABLE conflicts DROP COLUMN resolution, DROP COLUMN resolved_by, DROP COLUMN resolved_at, DROP COLUMN stored_content,
					DROP COLUMN stored_hash;
				DELETE FROM schema_migrations WHERE version >= 3;`);
			const store = await db.open();
			expect(await rows(db, 'SELECT max(version) AS version FROM schema_migrations')).toEqual([{ version: 12 }]);
			const added = fresh();
			expect(await store.saveBatch([old, added, { ...old, language: 'ru' }], null)).toEqual(['duplicate', 'created', 'conflict']);
			expect(await rows(db, 'SELECT content_hash FROM submissions ORDER BY seq')).toEqual([
				{ content_hash: submissionHash(old) },
				{ content_hash: null }
			]);
		} finally {
			await db.dispose();
		}
	});

	it('is what openStore opens with a database URL', async () => {
		const db = await temporaryDatabase('postgres');
		try {
			const store = await openStore({ dataDir: '/nonexistent', databaseUrl: db.location });
			expect(store.kind).toBe('postgres');
			await store.close();
		} finally {
			await db.dispose();
		}
	});
});
