/**
 * The export read from a real store page by page: the same files as the whole list gives,
 * the filters applied while reading, and a submission arriving during the export in none
 * of its files.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { forms } from '$lib/forms';
import { head2, household2, migrant2, restOfInterview, wife2 } from '$lib/forms/samples-v2';
import type { Submission } from '$lib/wire';
import { tableCsv } from './csv';
import { submissionFilter } from './export-filter';
import { storeSource, tableStream } from './export-source';
import { archiveFiles, archiveOptions, archiveStream, type ArchiveOptions } from './export-zip';
import { sampleSubmission } from './testing';
import { postgresUrl, temporaryDatabase, type TemporaryDatabase } from './storage/testing';
import type { Store } from './storage/types';

const kinds: Store['kind'][] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
const formId = forms[0].definition.id;

/** A version-2 household started on a given day, with `members` members (a migrant among them from three on). */
function household(day: string, members: number): Submission {
	const roster = [head2(), wife2(), ...(members > 2 ? [migrant2(3)] : [])].slice(0, members);
	return sampleSubmission({
		formVersion: '2026-12-15',
		startedAt: `2026-12-${day}T08:00:00.000Z`,
		answers: household2({ member: roster, ...restOfInterview(), resp_name: `Household of ${day}/${members}` })
	});
}

/** The archive's files as text (a byte-order mark kept). */
async function unzipped(chunks: AsyncIterable<Uint8Array>): Promise<Map<string, string>> {
	const parts: Uint8Array[] = [];
	for await (const chunk of chunks) parts.push(chunk);
	return new Map(
		Object.entries(unzipSync(new Uint8Array(Buffer.concat(parts)))).map(([name, bytes]) => [name, Buffer.from(bytes).toString('utf8')])
	);
}

describe.each(kinds)('the export read from the %s store page by page', (kind) => {
	let db: TemporaryDatabase;
	let store: Store;
	beforeEach(async () => {
		db = await temporaryDatabase(kind);
		store = db.store;
		const a = await store.createEnumerator('Անի', 'female', 'hash-a');
		const b = await store.createEnumerator('Бабкен', 'male', 'hash-b');
		await store.saveBatch([household('16', 3), household('17', 2), household('18', 3)], a.id);
		await store.saveBatch([household('16', 1), { ...household('17', 3), formId: 'other_form' }], b.id);
		await store.saveBatch([household('19', 3), household('20', 2), household('21', 3)], a.id);
	});
	afterEach(() => db.dispose());

	const options = (query = '') => ({ ...(archiveOptions(new URLSearchParams(query), forms) as ArchiveOptions) });

	it('writes the same files, page by page, as from the whole list, with the count of what it holds', async () => {
		const all = await store.listSubmissions(formId);
		expect(all).toHaveLength(7);
		for (const query of ['', 'codes=cb&split_multiple=1&split_geo=1&bom=1']) {
			const { source, count } = await storeSource(store, formId, undefined, 2);
			expect(count).toBe(7);
			const files = await unzipped(archiveStream(forms, source, options(query)));
			const expected = archiveFiles(forms, all, options(query));
			expect([...files.keys()]).toEqual([...expected.keys()]);
			for (const [name, text] of expected) expect(files.get(name), name).toBe(text);
			expect(files.get(`${formId}-member.csv`)!.trim().split('\r\n').length - 1).toBe(3 + 2 + 3 + 1 + 3 + 2 + 3);
		}
	}, 30_000);

	it('applies the filters while reading, and counts what they keep', async () => {
		const query = new URLSearchParams('from=2026-12-17&to=2026-12-20');
		const keep = submissionFilter(query, forms);
		if (typeof keep === 'string') throw new Error(keep);
		const { source, count } = await storeSource(store, formId, keep, 2);
		const kept = (await store.listSubmissions(formId)).filter(keep);
		expect(kept.map((s) => s.startedAt.slice(8, 10))).toEqual(['17', '18', '19', '20']);
		expect(count).toBe(4);
		const files = await unzipped(archiveStream(forms, source, options()));
		for (const [name, text] of archiveFiles(forms, kept, options())) expect(files.get(name), name).toBe(text);
	});

	it('leaves out of every file a submission that arrives while the archive is written', async () => {
		const { source } = await storeSource(store, formId, undefined, 2);
		const before = await store.listSubmissions(formId);
		const pieces = archiveStream(forms, source, options());
		const first = await pieces.next();
		await store.saveBatch([household('22', 3)], null);
		const files = await unzipped(
			(async function* () {
				if (!first.done) yield first.value;
				yield* pieces;
			})()
		);
		for (const [name, text] of archiveFiles(forms, before, options())) expect(files.get(name), name).toBe(text);
	});

	it('streams a single table as the single-table URL writes it', async () => {
		const all = await store.listSubmissions(formId);
		const { source } = await storeSource(store, formId, undefined, 3);
		for (const table of ['', 'member', 'migrant']) {
			let text = '';
			for await (const piece of tableStream(forms, table, source, { caucasusBarometerCodes: true })) text += piece;
			expect(text, table).toBe(tableCsv(forms, table, all, { caucasusBarometerCodes: true }));
		}
	});
});
