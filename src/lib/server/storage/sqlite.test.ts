import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openSqliteStore } from './sqlite';
import { pilotSubmission, temporaryStore } from '../testing';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
	await Promise.all(cleanup.map((c) => c()));
	cleanup = [];
});

function fresh() {
	const t = temporaryStore();
	cleanup.push(t.dispose);
	return t;
}

describe('SQLite submission store', () => {
	it('stores a submission exactly as sent', async () => {
		const { store } = fresh();
		const s = pilotSubmission({ answers: { resp_name: 'Анна 👩‍🌾 \u200f', hh_size: 2, site_type: 'russia' } });
		expect(await store.saveBatch([s])).toEqual(['created']);
		expect(await store.getSubmission(s.id)).toMatchObject(s);
		expect(await store.listSubmissions('household_pilot')).toHaveLength(1);
	});

	it('answers duplicate for the same content and changes nothing', async () => {
		const { store } = fresh();
		const s = pilotSubmission();
		await store.saveBatch([s]);
		const before = await store.getSubmission(s.id);
		// Same content, keys in another order: still the same submission.
		const reversed = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
		const reordered = { ...reversed(s), answers: reversed(s.answers) };
		expect(await store.saveBatch([reordered])).toEqual(['duplicate']);
		expect(await store.getSubmission(s.id)).toEqual(before);
	});

	it('answers conflict for other content under a known id, keeps the first and the second aside', async () => {
		const { store, dir } = fresh();
		const s = pilotSubmission();
		await store.saveBatch([s]);
		const other = { ...s, answers: { ...s.answers, hh_size: 9 } };
		expect(await store.saveBatch([other])).toEqual(['conflict']);
		expect((await store.getSubmission(s.id))?.answers.hh_size).toBe(2);
		const raw = new Database(join(dir, 'tun.sqlite'), { readonly: true });
		const kept = raw.prepare('SELECT content FROM submission_conflicts WHERE id = ?').all(s.id) as { content: string }[];
		raw.close();
		expect(kept.map((k) => JSON.parse(k.content).answers.hh_size)).toEqual([9]);
	});

	it('decides each item of one batch in order, the repeat of an id within it included', async () => {
		const { store } = fresh();
		const a = pilotSubmission();
		const b = pilotSubmission();
		expect(await store.saveBatch([a, b, a, { ...b, language: 'ru' as const }])).toEqual([
			'created',
			'created',
			'duplicate',
			'conflict'
		]);
	});

	it('keeps its data across a restart, in WAL mode, in DATA_DIR', async () => {
		const { store, dir } = fresh();
		const s = pilotSubmission();
		await store.saveBatch([s]);
		await store.close();
		const again = openSqliteStore(dir);
		cleanup.unshift(() => again.close());
		expect(await again.getSubmission(s.id)).toMatchObject({ id: s.id });
		const raw = new Database(join(dir, 'tun.sqlite'), { readonly: true });
		expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
		raw.close();
	});
});
