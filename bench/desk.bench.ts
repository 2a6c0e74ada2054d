/**
 * The supervisor's table of submissions with 100,000 stored (GET /api/admin/submissions):
 *   node scripts/postgres.mjs npx vitest bench --run bench/desk.bench.ts
 * (TUN_BENCH_DESK=<n> for another size; without the wrapper, SQLite only). Each store is filled
 * through store.saveBatch (so the desk's columns are filled as on arrival) with households of
 * 8 enumerators over 10 days in 4 settlements, one in 50 reviewed. A request is what the route
 * does after its admin check: the query parameters read (desk.ts), the page and its count
 * from the store, the items made and the answer's JSON written. Beside each, in the same
 * process on the same store, the baseline: the export's read of 50 rows by keyset
 * (store.submissionPage), the cheapest page read the store has. Median and p95 of 40 requests.
 */
import { afterAll, bench, describe } from 'vitest';
import { readFileSync } from 'node:fs';
import { forms } from '../src/lib/forms';
import { deskAnswer, parseDeskQuery } from '../src/lib/server/desk';
import { postgresUrl, temporaryDatabase, type TemporaryDatabase } from '../src/lib/server/storage/testing';
import type { Store } from '../src/lib/server/storage/types';
import type { ReviewState, Submission } from '../src/lib/wire';
import { ms, times, writeFigures, type Figure } from './figures.mjs';

const COUNT = Number(process.env.TUN_BENCH_DESK ?? 100_000);
const BATCH = 1_000;
const formId = 'household_migration';
const versions = forms.filter((f) => f.definition.id === formId);
const settlements = ['martuni_town', 'chartar', 'other', 'yerevan'];
const states: ReviewState[] = ['hasIssues', 'approved', 'rejected'];

function household(n: number, enumerators: readonly string[]): [Submission, string] {
	const day = 1 + (n % 10);
	const at = `2026-12-${String(day).padStart(2, '0')}T${String(8 + (n % 9)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00.000Z`;
	return [
		{
			id: crypto.randomUUID(),
			formId,
			formVersion: '2026-12-01',
			deviceId: `tablet-${n % 8}`,
			startedAt: at,
			finalizedAt: at.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`),
			language: 'hy',
			answers: {
				site_type: 'martuni',
				settlement: settlements[n % 4],
				consent: n % 9 ? 'yes' : 'no',
				...(n % 4 === 2 ? { settlement_other: `Place ${n % 40}` } : {})
			},
			...(n % 23 === 0 ? { meta: { breakOff: { at: 'consent', reason: 'left' } } } : {})
		},
		enumerators[n % enumerators.length]
	];
}

async function seeded(kind: Store['kind']): Promise<{ db: TemporaryDatabase; enumerators: string[]; seconds: number }> {
	const db = await temporaryDatabase(kind);
	const { store } = db;
	const start = performance.now();
	for (const version of ['2026-12-01', '2026-12-15'])
		await store.publishForm({
			id: formId,
			version,
			definition: readFileSync(`src/lib/forms/household_migration.${version}.json`, 'utf8'),
			hash: `hash-${version}`,
			publishedAt: new Date().toISOString()
		});
	const enumerators: string[] = [];
	for (let i = 0; i < 8; i++)
		enumerators.push((await store.createEnumerator(`Enumerator ${i}`, i % 2 ? 'male' : 'female', `hash-${i}`)).id);
	for (let at = 0; at < COUNT; at += BATCH) {
		const byEnumerator = new Map<string, Submission[]>();
		for (let n = at; n < Math.min(COUNT, at + BATCH); n++) {
			const [submission, enumerator] = household(n, enumerators);
			byEnumerator.set(enumerator, [...(byEnumerator.get(enumerator) ?? []), submission]);
			if (n % 50 === 0) byEnumerator.set(`review:${n}`, [submission]); // reviewed below, once stored
		}
		for (const [who, batch] of byEnumerator) if (!who.startsWith('review:')) await store.saveBatch(batch, who);
		for (const [who, [submission]] of byEnumerator)
			if (who.startsWith('review:'))
				await store.setReview(submission.id, {
					state: states[Number(who.slice(7)) % 3],
					comment: null,
					by: 'Bench',
					at: new Date().toISOString()
				});
	}
	return { db, enumerators, seconds: (performance.now() - start) / 1000 };
}

/** Median and p95 of `rounds` runs, in ms. */
async function timed(rounds: number, run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
	const ms: number[] = [];
	for (let i = 0; i < 3; i++) await run();
	for (let i = 0; i < rounds; i++) {
		const start = performance.now();
		await run();
		ms.push(performance.now() - start);
	}
	ms.sort((a, b) => a - b);
	return { p50: ms[Math.floor(rounds / 2)], p95: ms[Math.min(rounds - 1, Math.ceil(rounds * 0.95) - 1)] };
}

/** One request's work after the admin check: parameters read, page and count from the store, items made, JSON written. */
async function request(store: Store, params: string): Promise<number> {
	const query = parseDeskQuery(new URLSearchParams(params), formId, versions);
	if (typeof query === 'string') throw new Error(query);
	const body = JSON.stringify(deskAnswer(await store.deskPage(query), versions));
	return body.length;
}

const kinds: Store['kind'][] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
/** The figures for the one table of `npm run bench`. */
const figures: Figure[] = [];
let kept: TemporaryDatabase | undefined;
const lines = ['', `the desk's table, ${COUNT.toLocaleString('en')} submissions stored: one request, ms (median / p95 of 40)`];
lines.push('store    | seeded in | query                             | request         | baseline: submissionPage(50) | ratio');
for (const kind of kinds) {
	const { db, enumerators, seconds } = await seeded(kind);
	try {
		const store = db.store;
		const baseline = await timed(40, () => store.submissionPage(formId, undefined, 50));
		const deep = (await store.deskPage({ formId, limit: 1, before: Math.round(COUNT * 0.1) })).rows[0]?.seq;
		const cases: [string, string][] = [
			['first page, no filter', ''],
			['first page, one enumerator', `enumerator=${enumerators[3]}`],
			['first page, one settlement', 'settlement=chartar'],
			['first page, reviewed "has issues"', 'review=hasIssues'],
			['two days, one enumerator', `from=2026-12-03&to=2026-12-04&enumerator=${enumerators[5]}`],
			['500 rows a page', 'limit=500'],
			['page at 90 % depth (cursor)', `cursor=${Buffer.from(`tun-desk:${deep}`).toString('base64url')}`]
		];
		for (const [name, params] of cases) {
			const t = await timed(40, () => request(store, params));
			if (name.startsWith('first page') || name.includes('depth'))
				figures.push({
					figure: `${kind}, ${COUNT.toLocaleString('en')} stored: ${name}, p50 (p95)`,
					value: `${ms(t.p50)} (${ms(t.p95)})`,
					baseline: `submissionPage(50) ${ms(baseline.p50)}`,
					ratio: times(t.p50 / baseline.p50)
				});
			const f = (x: number) => x.toFixed(1).padStart(6);
			lines.push(
				`${kind.padEnd(8)} | ${`${seconds.toFixed(0)} s`.padStart(9)} | ${name.padEnd(33)} | ${f(t.p50)} / ${f(t.p95)} | ${f(baseline.p50)} / ${f(baseline.p95)}              | ${(t.p50 / baseline.p50).toFixed(1).padStart(5)}`
			);
		}
	} finally {
		// SQLite's stays open for vitest's own figures below.
		if (kind === 'sqlite') kept = db;
		else await db.dispose();
	}
}
if (!postgresUrl) lines.push('postgres | SKIPPED: TUN_PG_URL is not set (run through node scripts/postgres.mjs)');
console.log([...lines, ''].join('\n'));

writeFigures('desk', figures);

describe(`desk, ${COUNT.toLocaleString('en')} submissions in SQLite`, () => {
	afterAll(() => kept?.dispose());
	bench('first page (request)', async () => void (await request(kept!.store, '')), { time: 1000 });
	bench('baseline: submissionPage(50)', async () => void (await kept!.store.submissionPage(formId, undefined, 50)), { time: 1000 });
});
