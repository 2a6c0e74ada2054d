/**
 * Ingest throughput, submissions/s, through store.saveBatch in batches of 100 against a
 * plain insert loop of the same rows into the same engine in the same run:
 *   node scripts/postgres.mjs npx vitest bench --run bench/ingest.bench.ts
 * (without the wrapper, or without PostgreSQL binaries, only SQLite is measured). The rows
 * are the sample household of src/lib/server/testing.ts with a 60-event audit log.
 * "Plain loop" is the floor of what storing costs: a prepared INSERT per row (SQLite) or a
 * parameterized INSERT per row (PostgreSQL), one transaction per 100, into a fresh database
 * with the same tables, no hashing, no duplicate checks. "Plain + hash" is the same loop
 * filling content_hash (sha256 of the canonical JSON): what hashing at insert would cost,
 * and why both stores hash only when an id comes again (storage/decide.ts). Rounds alternate
 * the three so all see the tables grow alike. The table is printed first; vitest's own
 * (batches/s, one batch = 100 submissions) follows.
 */
import { afterAll, bench, describe } from 'vitest';
import Database from 'better-sqlite3';
import pg from 'pg';
import { join } from 'node:path';
import type { Submission } from '../src/lib/wire';
import { sampleSubmission } from '../src/lib/server/testing';
import { submissionHash } from '../src/lib/server/storage/hash';
import { sentColumns, sentValues } from '../src/lib/server/storage/rows';
import { postgresUrl, temporaryDatabase, type TemporaryDatabase } from '../src/lib/server/storage/testing';
import type { Store } from '../src/lib/server/storage/types';
import { perSecond, times, writeFigures, type Figure } from './figures.mjs';

const BATCH = 100;

/** The complete sample household (roster, migrants, calculations) with the audit log a real interview leaves. */
const template: Submission = (() => {
	const events = Array.from({ length: 60 }, (_, i) => ({
		t: 1_796_000_000_000 + i * 7_000,
		type: i % 3 ? 'answer' : 'screen',
		key: `member.${i % 5}.m_age`,
		value: i % 3 ? 20 + i : null
	}));
	return sampleSubmission({ meta: { referenceDate: '2026-11-30', confirmed: ['member.3.m_age'], events } });
})();

const freshBatch = (): Submission[] => Array.from({ length: BATCH }, () => ({ ...template, id: crypto.randomUUID() }));

/** One plain batch: insert rows with no checks, one transaction; `hashed` fills content_hash at insert. */
type PlainLoop = { insert(batch: Submission[], hashed?: boolean): Promise<void>; close(): Promise<void> };

const columns = [...sentColumns, 'enumerator_id', 'content_hash', 'received_at'].join(', ');
const values = (s: Submission, receivedAt: string, hashed = false) => [
	...sentValues(s),
	null,
	hashed ? submissionHash(s) : null,
	receivedAt
];

async function plainLoop(db: TemporaryDatabase): Promise<PlainLoop> {
	if (db.kind === 'sqlite') {
		// The same pragmas the store sets.
		const raw = new Database(join(db.location, 'tun.sqlite'));
		raw.pragma('journal_mode = WAL');
		raw.pragma('synchronous = NORMAL');
		raw.pragma('foreign_keys = ON');
		const insert = raw.prepare(
			`INSERT INTO submissions (${columns}) VALUES (${columns
				.split(',')
				.map(() => '?')
				.join(', ')})`
		);
		const all = raw.transaction((batch: Submission[], at: string, hashed: boolean) => {
			for (const s of batch) insert.run(values(s, at, hashed));
		});
		return { insert: async (batch, hashed = false) => all(batch, new Date().toISOString(), hashed), close: async () => void raw.close() };
	}
	const client = new pg.Client({ connectionString: db.location });
	await client.connect();
	const sql = {
		name: 'plain_insert',
		text: `INSERT INTO submissions (${columns}) VALUES (${columns
			.split(',')
			.map((_, i) => `$${i + 1}`)
			.join(', ')})`
	};
	return {
		async insert(batch, hashed = false) {
			const at = new Date().toISOString();
			await client.query('BEGIN');
			try {
				for (const s of batch) await client.query({ ...sql, values: values(s, at, hashed) });
				await client.query('COMMIT');
			} catch (error) {
				await client.query('ROLLBACK');
				throw error;
			}
		},
		close: () => client.end()
	};
}

interface Setup {
	kind: Store['kind'];
	store: Store;
	plain: PlainLoop;
	dispose(): Promise<void>;
}

async function setUp(kind: Store['kind']): Promise<Setup> {
	const forStore = await temporaryDatabase(kind);
	// Its own database with the very tables the store created: nothing shared but the engine.
	const forPlain = await temporaryDatabase(kind);
	const plain = await plainLoop(forPlain);
	return {
		kind,
		store: forStore.store,
		plain,
		async dispose() {
			await plain.close();
			await Promise.all([forStore.dispose(), forPlain.dispose()]);
		}
	};
}

async function timed(run: () => Promise<unknown>): Promise<number> {
	const start = performance.now();
	await run();
	return performance.now() - start;
}

async function measure({ store, plain }: Setup, rounds: number) {
	const sent: Submission[][] = [];
	for (let i = 0; i < 5; i++) {
		await plain.insert(freshBatch());
		await store.saveBatch(freshBatch(), null);
	}
	const ms = { plain: 0, hashed: 0, save: 0, resend: 0 };
	for (let r = 0; r < rounds; r++) {
		const [a, b, c] = [freshBatch(), freshBatch(), freshBatch()];
		ms.plain += await timed(() => plain.insert(a));
		ms.hashed += await timed(() => plain.insert(c, true));
		ms.save += await timed(() => store.saveBatch(b, null));
		sent.push(b);
	}
	// Batches sent again (a device that never got the answer): all duplicates.
	for (const b of sent) ms.resend += await timed(() => store.saveBatch(b, null));
	const rate = (total: number) => (rounds * BATCH) / (total / 1000);
	return { plain: rate(ms.plain), hashed: rate(ms.hashed), save: rate(ms.save), resend: rate(ms.resend) };
}

const kinds: Store['kind'][] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
const rounds = { sqlite: 200, postgres: 100 };
const figures: Figure[] = [];
const lines = [
	'',
	`ingest in batches of ${BATCH}, submissions of ~${(JSON.stringify(template).length / 1024).toFixed(1)} KB JSON: submissions/s`
];
lines.push('engine   | plain loop | plain + hash | saveBatch (new) | ratio to plain | to plain + hash | saveBatch (all duplicates)');
for (const kind of kinds) {
	const setup = await setUp(kind);
	try {
		const r = await measure(setup, rounds[kind]);
		const n = (x: number) => Math.round(x).toLocaleString('en').padStart(10);
		const ratio = (x: number) => x.toFixed(2).padStart(14);
		lines.push(
			`${kind.padEnd(8)} | ${n(r.plain)} | ${n(r.hashed).padStart(12)} | ${n(r.save).padStart(15)} | ${ratio(r.save / r.plain)} | ${ratio(r.save / r.hashed).padStart(15)} | ${n(r.resend)}`
		);
		figures.push(
			{
				figure: `ingest into ${kind}, batches of ${BATCH}: saveBatch (new)`,
				value: perSecond(r.save, 'submissions'),
				baseline: `plain insert loop ${perSecond(r.plain, 'submissions')}, with hashing ${perSecond(r.hashed, 'submissions')}`,
				ratio: times(r.save / r.plain)
			},
			{
				figure: `ingest into ${kind}: saveBatch of duplicates (a batch sent again)`,
				value: perSecond(r.resend, 'submissions'),
				baseline: `plain insert loop ${perSecond(r.plain, 'submissions')}`,
				ratio: times(r.resend / r.plain)
			}
		);
	} finally {
		await setup.dispose();
	}
}
if (!postgresUrl) figures.push({ figure: 'ingest into postgres', value: 'SKIPPED: TUN_PG_URL is not set', baseline: '' });
writeFigures('ingest', figures);
if (!postgresUrl) lines.push('postgres | SKIPPED: TUN_PG_URL is not set (run through node scripts/postgres.mjs)');
console.log([...lines, ''].join('\n'));

for (const kind of kinds) {
	describe(`ingest into ${kind}, one batch of ${BATCH}`, async () => {
		const setup = await setUp(kind);
		afterAll(() => setup.dispose());
		bench('plain insert loop', () => setup.plain.insert(freshBatch()), { time: 500 });
		bench('store.saveBatch', async () => void (await setup.store.saveBatch(freshBatch(), null)), { time: 500 });
	});
}
