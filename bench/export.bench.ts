/**
 * The export of 100,000 households with their rosters, streamed from a SQLite store:
 *   npx vitest bench --run bench/export.bench.ts   (TUN_BENCH_HOUSEHOLDS=<n> for another size)
 * A temporary store (in the system's temp directory) is filled with version-2 households of
 * four members (the head, his wife, a son, a man away in Moscow with his migrant entry) and
 * a 30-event audit log each, straight through SQL (the store's own tables and columns).
 * Then the main table and the member table are written as the archive writes them (pages of
 * 500 submissions read from the store, rows made and turned into CSV page by page, the
 * scripts' column stats gathered) to a null sink, and beside it, in the same process, the
 * same cells (after our cell formatting: codes, the formula guard) written by csv-stringify.
 * Each is run over the first tenth of the households and over all of them: peak memory
 * (RSS and V8 heap, sampled after every page and every 25 ms), and the live heap (after a
 * collection every 10 pages; before the run in brackets) that does not grow with the
 * households is what "flat" means (the peaks follow when V8 chooses to collect). One table is printed; vitest's own figures (one page of
 * member rows, our writer against csv-stringify) follow.
 */
import { afterAll, bench, describe } from 'vitest';
import Database from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { forms } from '../src/lib/forms';
import { head2, household2, migrant2, restOfInterview, son2, wife2 } from '../src/lib/forms/samples-v2';
import type { Submission } from '../src/lib/wire';
import { cellText, csvRecords, exportColumns, quoted, tableFile, tableRows, type Column } from '../src/lib/server/csv';
import { archiveOptions, archiveParts, identifyingNames, type ArchiveOptions, type ArchivePart } from '../src/lib/server/export-zip';
import { submissionPages } from '../src/lib/server/storage/pages';
import { sentColumns, sentValues } from '../src/lib/server/storage/rows';
import { temporaryDatabase } from '../src/lib/server/storage/testing';
import type { Store, StoredSubmission } from '../src/lib/server/storage/types';
import { ms as fmt, perSecond, times, writeFigures, type Figure } from './figures.mjs';

const HOUSEHOLDS = Number(process.env.TUN_BENCH_HOUSEHOLDS ?? 100_000);
const SMALL = Math.round(HOUSEHOLDS / 10);
const formId = forms[0].definition.id;
const options = archiveOptions(new URLSearchParams()) as ArchiveOptions;

const template: Submission = {
	id: '',
	formId,
	formVersion: '2026-12-15',
	deviceId: 'tablet-07',
	startedAt: '2026-12-16T08:00:00.000Z',
	finalizedAt: '2026-12-16T08:50:00.000Z',
	language: 'hy',
	answers: household2({
		member: [head2(), wife2(), son2(), migrant2(4)],
		...restOfInterview(),
		resp_name: 'Անահիտ Գրիգորյան',
		h_notes: '=1+1 said the respondent'
	}),
	meta: {
		referenceDate: '2026-12-16',
		events: Array.from({ length: 30 }, (_, i) => ({
			t: 1_797_000_000_000 + i * 7_000,
			type: i % 3 ? 'answer' : 'screen_enter',
			path: `member.${i % 4}.m_age`,
			value: i % 3 ? 20 + i : null
		}))
	}
};

/** Fills the store's submissions table straight through SQL: the ids in the order received. */
function seed(location: string, count: number): string[] {
	const db = new Database(join(location, 'tun.sqlite'));
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = OFF');
	const insert = db.prepare(
		`INSERT INTO submissions (${sentColumns.join(', ')}, received_at) VALUES (${sentColumns.map(() => '?').join(', ')}, ?)`
	);
	const values = sentValues(template);
	const ids: string[] = [];
	const batch = db.transaction((from: number, to: number) => {
		for (let i = from; i < to; i++) {
			const id = crypto.randomUUID();
			ids.push(id);
			values[0] = id;
			insert.run(...values, new Date(Date.UTC(2026, 11, 16, 9) + i * 1000).toISOString());
		}
	});
	for (let at = 0; at < count; at += 10_000) batch(at, Math.min(count, at + 10_000));
	db.close();
	return ids;
}

// A collection before each run, so a run's peak is its own and not the garbage of the one before.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Run {
	rows: number;
	bytes: number;
	ms: number;
	peakRss: number;
	peakHeap: number;
	/** Heap in use after a collection, before the run. */
	baseHeap: number;
	/** The most heap in use after a collection, taken every 10 pages: what the run holds, garbage aside. */
	liveHeap: number;
	/** The longest page (read from the store, parsed, rows made, CSV): about the longest the event loop is held, as the export yields between pages. */
	longestPage: number;
}

/** Runs `write` over every page up to `through`, sampling memory; what it writes goes nowhere but its length. */
async function measured(
	store: Store,
	through: string,
	write: (page: readonly StoredSubmission[]) => { rows: number; text: string }
): Promise<Run> {
	gc();
	const baseHeap = process.memoryUsage().heapUsed;
	let peakRss = 0;
	let peakHeap = 0;
	const sample = () => {
		const m = process.memoryUsage();
		peakRss = Math.max(peakRss, m.rss);
		peakHeap = Math.max(peakHeap, m.heapUsed);
	};
	const ticker = setInterval(sample, 25);
	let rows = 0;
	let bytes = 0;
	let pages = 0;
	let liveHeap = 0;
	let longestPage = 0;
	const start = performance.now();
	let pageStart = start;
	try {
		for await (const page of submissionPages(store, formId, { through })) {
			const out = write(page);
			longestPage = Math.max(longestPage, performance.now() - pageStart);
			rows += out.rows;
			bytes += out.text.length;
			sample();
			if (++pages % 10 === 0) {
				gc();
				liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed);
			}
			pageStart = performance.now();
		}
	} finally {
		clearInterval(ticker);
	}
	return { rows, bytes, ms: performance.now() - start, peakRss, peakHeap, baseHeap, liveHeap, longestPage };
}

/** The archive's own part for a table (header, then a page at a time, stats gathered). */
function archivePart(table: string): ArchivePart {
	for (const part of archiveParts(forms, options)) if (part.name === tableFile(formId, table)) return part;
	throw new Error(`no part for ${table}`);
}

/** The columns that part writes: the table's, identifying ones apart. */
function pickOf(table: string): Column[] {
	const secret = identifyingNames(forms);
	return exportColumns(forms, table, { ...options, odk: true, codes: true }).filter((c) => !(c.question && secret.has(c.question)));
}

/** Rows a page makes in a table: a household each, or its members. */
const rowCount = (table: string, page: readonly StoredSubmission[]) =>
	table ? page.reduce((n, s) => n + ((s.answers[table] as unknown[] | undefined)?.length ?? 0), 0) : page.length;

const ours = (table: string) => {
	const part = archivePart(table);
	return (page: readonly StoredSubmission[]) => ({ rows: rowCount(table, page), text: part.page!(page) });
};

const theirs = (table: string) => {
	const pick = pickOf(table);
	const cells = (page: readonly StoredSubmission[]) => tableRows(forms, table, page).map((row) => pick.map((c) => cellText(c.cell(row))));
	return (page: readonly StoredSubmission[]) => {
		const records = cells(page);
		return { rows: rowCount(table, page), text: stringify(records, { record_delimiter: 'windows' }) };
	};
};

const db = await temporaryDatabase('sqlite');
const seedStart = performance.now();
const ids = seed(db.location, HOUSEHOLDS);
const seedMs = performance.now() - seedStart;

// The same bytes, or the comparison means nothing: one page of each table through both.
const firstPage = await db.store.submissionPage(formId, undefined, 500);
const same = ['', 'member'].every((table) => {
	const part = archivePart(table);
	return part.page!(firstPage) === theirs(table)(firstPage).text;
});

const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
const lines = [
	'',
	`export of ${HOUSEHOLDS.toLocaleString('en')} households (4 members, 1 migrant, 30 audit events each) from SQLite, pages of 500; seeded in ${(seedMs / 1000).toFixed(1)} s`,
	`same bytes from both writers on a page of each table: ${same ? 'yes' : 'NO'}`,
	'table  | writer        | households | rows      | rows/s  | MB written | peak RSS | peak heap | live heap (before) | longest page | s'
];
const figures: Figure[] = [];
for (const table of ['', 'member']) {
	for (const count of [SMALL, HOUSEHOLDS]) {
		const rates: Record<string, { rate: number; ms: number; longestPage: number; peakRss: number }> = {};
		for (const [name, writer] of [
			['ours', ours],
			['csv-stringify', theirs]
		] as const) {
			const r = await measured(db.store, ids[count - 1], writer(table));
			rates[name] = { rate: r.rows / (r.ms / 1000), ms: r.ms, longestPage: r.longestPage, peakRss: r.peakRss };
			lines.push(
				[
					(table || 'main').padEnd(6),
					name.padEnd(13),
					count.toLocaleString('en').padStart(10),
					r.rows.toLocaleString('en').padStart(9),
					Math.round(r.rows / (r.ms / 1000))
						.toLocaleString('en')
						.padStart(7),
					(r.bytes / 2 ** 20).toFixed(0).padStart(10),
					mb(r.peakRss).padStart(8),
					mb(r.peakHeap).padStart(9),
					`${mb(r.liveHeap)} (${mb(r.baseHeap)})`.padStart(18),
					`${Math.round(r.longestPage)} ms`.padStart(12),
					(r.ms / 1000).toFixed(1)
				].join(' | ')
			);
		}
		if (count === HOUSEHOLDS)
			figures.push({
				figure: `export of ${count.toLocaleString('en')} households from SQLite, ${table || 'main'} table (longest page ${fmt(rates.ours.longestPage)}, peak RSS ${mb(rates.ours.peakRss)})`,
				value: `${perSecond(rates.ours.rate, 'rows')} (${(rates.ours.ms / 1000).toFixed(1)} s)`,
				baseline: `csv-stringify ${perSecond(rates['csv-stringify'].rate, 'rows')}`,
				ratio: times(rates.ours.rate / rates['csv-stringify'].rate)
			});
	}
}
writeFigures('export', figures);

// The writers alone on the same cells (the member rows of the first page), alternated, best of
// 30 each: the least disturbed run of each, on a machine other work shares.
{
	const pick = pickOf('member');
	const cells = tableRows(forms, 'member', firstPage).map((row) => pick.map((c) => cellText(c.cell(row))));
	const best = { ours: Infinity, theirs: Infinity };
	const time = (write: () => unknown) => {
		const start = performance.now();
		write();
		return performance.now() - start;
	};
	for (let round = 0; round < 30; round++) {
		best.ours = Math.min(
			best.ours,
			time(() => cells.map((r) => r.map(quoted).join(',') + '\r\n').join(''))
		);
		best.theirs = Math.min(
			best.theirs,
			time(() => stringify(cells, { record_delimiter: 'windows' }))
		);
	}
	const perSecond = (ms: number) => Math.round(cells.length / (ms / 1000)).toLocaleString('en');
	lines.push(
		`the writer alone, ${cells.length.toLocaleString('en')} member rows already made into cells, best of 30: ours ${best.ours.toFixed(1)} ms (${perSecond(best.ours)} rows/s), csv-stringify ${best.theirs.toFixed(1)} ms (${perSecond(best.theirs)} rows/s)`
	);
}
console.log([...lines, ''].join('\n'));

describe('member rows of 500 households: the writer alone, on cells already made', () => {
	afterAll(() => db.dispose());
	const pick = pickOf('member');
	const rows = tableRows(forms, 'member', firstPage);
	const cells = rows.map((row) => pick.map((c) => cellText(c.cell(row))));
	bench('ours (quoting and joining)', () => void cells.map((r) => r.map(quoted).join(',') + '\r\n').join(''), { time: 1500 });
	bench('csv-stringify', () => void stringify(cells, { record_delimiter: 'windows' }), { time: 1500 });
	bench('ours with the cells made (csvRecords)', () => void csvRecords(rows, pick), { time: 1500 });
});
