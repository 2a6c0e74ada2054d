/**
 * POST /api/admin/import's work on both stores (PostgreSQL with TUN_PG_URL): a tablet's backup
 * file, its finalized interviews under sync's rules and its drafts kept apart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findForm } from '$lib/forms';
import type { BackupFile, BackupInterview, Submission } from '$lib/wire';
import { importBackup, type ImportResponse } from './import';
import { checkBatchText } from './submissions';
import { postgresUrl, temporaryDatabase, type TemporaryDatabase } from './storage/testing';
import type { Enumerator, Store } from './storage/types';
import { sampleSubmission } from './testing';
import { flagArrivals } from './quality/run';

const kinds: Store['kind'][] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
const sample = sampleSubmission();
const fresh = (overrides: Partial<Submission> = {}): Submission => ({ ...sample, id: crypto.randomUUID(), ...overrides });
/** How many batches the checker was given: sync's own limit of 100 holds for an import too. */
let checks: number;
const check = async (text: string) => {
	checks++;
	expect((JSON.parse(text) as { submissions: unknown[] }).submissions.length).toBeLessThanOrEqual(100);
	return checkBatchText(text, findForm);
};

function draftOf(id: string, place: string, updatedAt: string): BackupInterview {
	return {
		id,
		status: 'draft',
		draft: {
			id,
			formId: sample.formId,
			formVersion: sample.formVersion,
			deviceId: 'tablet-7',
			status: 'draft',
			startedAt: '2026-12-01T08:00:00.000Z',
			updatedAt,
			language: 'hy',
			answers: { site_type: 'armenia', settlement: 'other', settlement_other: place },
			position: { screen: 1, open: {}, reached: 1 }
		}
	};
}

const finalizedOf = (s: Submission, status: 'finalized' | 'sent' = 'finalized'): BackupInterview => ({ id: s.id, status, submission: s });

function backupOf(enumerator: { id: string | null; name: string | null }, interviews: BackupInterview[]): BackupFile {
	const counts = { draft: 0, finalized: 0, sent: 0 };
	for (const i of interviews) counts[i.status]++;
	return {
		format: 'tun-backup',
		version: 1,
		createdAt: '2026-12-03T18:00:00.000Z',
		appVersion: 'test',
		deviceId: 'tablet-7',
		server: 'https://survey.example.org',
		enumerator,
		counts,
		interviews
	};
}

describe.each(kinds)('%s store: importing a backup file', (kind) => {
	let db: TemporaryDatabase;
	let store: Store;
	let ani: Enumerator;
	const run = (file: unknown): Promise<ImportResponse> =>
		importBackup(typeof file === 'string' ? file : JSON.stringify(file), store, check);
	const refusedWith = (error: RegExp) => ({ status: 400, body: { error: expect.stringMatching(error), problems: expect.any(Array) } });
	/** Nothing of the file reached the store. */
	async function nothingStored() {
		expect(await store.listSubmissions(sample.formId)).toEqual([]);
		expect(await store.listDrafts()).toEqual([]);
		expect(await store.listConflicts()).toEqual([]);
	}

	beforeEach(async () => {
		db = await temporaryDatabase(kind);
		store = db.store;
		ani = await store.createEnumerator('Ani', 'female', 'hash-ani');
		checks = 0;
	});
	afterEach(() => db.dispose());

	it("flags the interviews it created, as sync's arrivals are flagged, and not those it already had", async () => {
		const quick = fresh({
			meta: {
				events: [
					{ t: '2026-11-30T08:00:00.000Z', type: 'start' },
					{ t: '2026-11-30T08:07:00.000Z', type: 'finalize' }
				]
			}
		});
		const file = backupOf({ id: ani.id, name: 'Ani' }, [finalizedOf(quick)]);
		const seen: string[][] = [];
		const arrived = async (created: Submission[]) => {
			seen.push(created.map((s) => s.id));
			await flagArrivals(store, async (id, version) => findForm(id, version), created);
		};
		expect((await importBackup(JSON.stringify(file), store, check, arrived)).status).toBe(200);
		expect((await importBackup(JSON.stringify(file), store, check, arrived)).status).toBe(200);
		expect(seen).toEqual([[quick.id], []]);
		expect((await store.flagsOf([quick.id])).get(quick.id)).toEqual([
			{ flag: 'speeder', reason: '7 minutes on screens, under 20', minutes: 7, threshold: 20 }
		]);
	});

	it('stores finalized and sent interviews under the enumerator the file names, as sync would; drafts apart', async () => {
		const a = fresh();
		const b = fresh();
		const draftId = crypto.randomUUID();
		const file = backupOf({ id: ani.id, name: 'Ani' }, [
			finalizedOf(a),
			finalizedOf(b, 'sent'),
			draftOf(draftId, 'Dilijan', '2026-12-02T10:00:00.000Z')
		]);
		expect(await run(file)).toEqual({
			status: 200,
			body: {
				results: [
					{ id: a.id, status: 'created' },
					{ id: b.id, status: 'created' }
				],
				drafts: 1
			}
		});
		expect(await store.getSubmission(a.id)).toMatchObject({ ...a, enumeratorId: ani.id, enumeratorSex: 'female' });
		// Drafts are never among the submissions (what the export reads).
		expect((await store.listSubmissions(sample.formId)).map((s) => s.id)).toEqual([a.id, b.id]);
		const [kept] = await store.listDrafts();
		expect(kept).toMatchObject({ id: draftId, enumeratorId: ani.id, deviceId: 'tablet-7', updatedAt: '2026-12-02T10:00:00.000Z' });
		expect(JSON.parse(kept.content)).toEqual(file.interviews[2].draft);

		// The same file again: duplicates, and the draft is not doubled.
		expect(await run(file)).toEqual({
			status: 200,
			body: {
				results: [
					{ id: a.id, status: 'duplicate' },
					{ id: b.id, status: 'duplicate' }
				],
				drafts: 1
			}
		});
		expect(await store.listDrafts()).toEqual([kept]);
	});

	it('answers each interview as sync does: conflict for other content under a stored id, invalid with errors', async () => {
		const stored = fresh();
		expect(await store.saveBatch([stored], null)).toEqual(['created']);
		const changed = { ...stored, finalizedAt: '2026-11-30T09:10:00.000Z' };
		const unknown = fresh({ formVersion: '2099-01-01' });
		const ok = fresh();
		const result = await run(backupOf({ id: ani.id, name: 'Ani' }, [finalizedOf(changed), finalizedOf(unknown), finalizedOf(ok)]));
		expect(result).toEqual({
			status: 200,
			body: {
				results: [
					{ id: stored.id, status: 'conflict' },
					{ id: unknown.id, status: 'invalid', errors: [{ path: 'formVersion', message: expect.stringContaining('does not know form') }] },
					{ id: ok.id, status: 'created' }
				],
				drafts: 0
			}
		});
		expect((await store.listConflicts()).map((c) => c.id)).toEqual([stored.id]);
		expect(await store.getSubmission(unknown.id)).toBeUndefined();
	});

	it('checks a large file 100 interviews at a time and answers each in the order of the file', async () => {
		const items = Array.from({ length: 230 }, () => fresh());
		items[150] = { ...items[150], language: 'xx' as Submission['language'] };
		const result = await run(
			backupOf(
				{ id: ani.id, name: 'Ani' },
				items.map((s) => finalizedOf(s))
			)
		);
		expect(checks).toBe(3);
		expect(result.status).toBe(200);
		const results = (result.body as { results: { id: string; status: string }[] }).results;
		expect(results.map((r) => r.id)).toEqual(items.map((s) => s.id));
		expect(results.map((r, n) => (n === 150 ? r.status === 'invalid' : r.status === 'created')).every(Boolean)).toBe(true);
		expect(await store.listSubmissions(sample.formId)).toHaveLength(229);
	});

	it('keeps the newest copy of a draft, whatever the order the files come in', async () => {
		const id = crypto.randomUUID();
		const older = backupOf({ id: ani.id, name: 'Ani' }, [draftOf(id, 'Old', '2026-12-02T10:00:00.000Z')]);
		const newer = backupOf({ id: ani.id, name: 'Ani' }, [draftOf(id, 'New', '2026-12-02T11:00:00.000Z')]);
		expect((await run(newer)).body).toEqual({ results: [], drafts: 1 });
		expect((await run(older)).body).toEqual({ results: [], drafts: 1 });
		const place = async () =>
			(JSON.parse((await store.listDrafts())[0].content) as { answers: { settlement_other: string } }).answers.settlement_other;
		expect(await place()).toBe('New');
		// One file holding both copies keeps the newer one too.
		const other = crypto.randomUUID();
		await run(
			backupOf({ id: ani.id, name: 'Ani' }, [
				draftOf(other, 'Newest', '2026-12-03T09:00:00.000Z'),
				draftOf(other, 'Older', '2026-12-03T08:00:00.000Z')
			])
		);
		const drafts = await store.listDrafts();
		expect(drafts).toHaveLength(2);
		expect(JSON.parse(drafts.find((d) => d.id === other)!.content)).toMatchObject({ answers: { settlement_other: 'Newest' } });
	});

	it('refuses a file that names no enumerator, or one this server does not know, and stores nothing', async () => {
		const items = [finalizedOf(fresh()), draftOf(crypto.randomUUID(), 'Ani', '2026-12-02T10:00:00.000Z')];
		expect(await run(backupOf({ id: null, name: 'Ani' }, items))).toEqual(refusedWith(/does not name its enumerator's id \(Ani\)/));
		const stranger = crypto.randomUUID();
		expect(await run(backupOf({ id: stranger, name: 'Aram' }, items))).toEqual(
			refusedWith(new RegExp(`unknown enumerator: this server has no enumerator with the id "${stranger}" \\(Aram\\)`))
		);
		await nothingStored();
	});

	it('refuses what is not a backup file, saying what is wrong, and stores nothing', async () => {
		const good = backupOf({ id: ani.id, name: 'Ani' }, [finalizedOf(fresh())]);
		expect(await run('{"format": "tun-backup", ')).toEqual(refusedWith(/not valid JSON/));
		expect(await run([good])).toEqual(refusedWith(/not a Tun backup/));
		expect(await run({ ...good, format: 'odk' })).toEqual(refusedWith(/not a Tun backup/));
		expect(await run({ ...good, version: 2 })).toEqual(refusedWith(/version 2, made by a newer Tun: this server reads version 1/));

		const broken = await run({
			...good,
			counts: { draft: 0, finalized: 0, sent: 0 },
			interviews: [
				{ ...good.interviews[0], id: 'not-a-uuid' },
				{ id: crypto.randomUUID(), status: 'draft' }
			]
		});
		expect(broken.status).toBe(400);
		const problems = (broken.body as { problems: { path: string; message: string }[] }).problems;
		expect(problems).toEqual(
			expect.arrayContaining([
				{ path: 'interviews.0.id', message: 'id must be a UUID' },
				{ path: 'interviews.1', message: 'a draft carries "draft" and no "submission"' }
			])
		);
		expect(broken.body).toMatchObject({ error: expect.stringMatching(/^the backup file is not valid: /) });

		// A draft with a NUL character: no store could keep it; nothing of the file is stored.
		const nul = draftOf(crypto.randomUUID(), 'bad\u0000place', '2026-12-02T10:00:00.000Z');
		expect(await run(backupOf({ id: ani.id, name: 'Ani' }, [finalizedOf(fresh()), nul]))).toEqual(
			refusedWith(/a draft in the file breaks a limit: interviews\.1\.draft\.answers\.settlement_other: NUL characters are not allowed/)
		);
		await nothingStored();
	});

	it('writes interviews and drafts in one transaction: a failure stores neither', async () => {
		const s = fresh();
		const draft = {
			id: crypto.randomUUID(),
			formId: s.formId,
			formVersion: s.formVersion,
			deviceId: 'd',
			updatedAt: '2026-12-02T10:00:00.000Z',
			content: '{}'
		};
		// A draft credited to nobody the store knows breaks the foreign key after the interviews were written.
		await expect(store.importBackup([s], ani.id, [{ ...draft, enumeratorId: 'nobody' }])).rejects.toThrow();
		await nothingStored();
		expect(await store.importBackup([s], ani.id, [{ ...draft, enumeratorId: ani.id }])).toEqual(['created']);
		expect(await store.importBackup([s], ani.id, [{ ...draft, enumeratorId: ani.id }])).toEqual(['duplicate']);
		expect(await store.listDrafts()).toHaveLength(1);
	});
});
