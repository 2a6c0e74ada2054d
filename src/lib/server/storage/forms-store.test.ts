/** The published-forms part of the store contract, the same on SQLite and PostgreSQL. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash } from './hash';
import { postgresUrl, temporaryDatabase, type TemporaryDatabase } from './testing';
import type { PublishedForm, Store } from './types';

const kinds: Store['kind'][] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

function form(id: string, version: string, definition: object, publishedAt = new Date().toISOString()): PublishedForm {
	return { id, version, definition: JSON.stringify(definition, null, '\t'), hash: contentHash(definition), publishedAt };
}

describe.each(kinds)('%s store: published forms (contract)', (kind) => {
	let db: TemporaryDatabase;
	let store: Store;
	beforeEach(async () => {
		db = await temporaryDatabase(kind);
		store = db.store;
	});
	afterEach(() => db.dispose());

	it('keeps a definition as the text published and gives it back by id and version', async () => {
		const published = form('f', '1', { id: 'f', version: '1', title: { hy: 'Հարց', ru: 'Вопрос «ё»', en: 'Q 👍🏽' }, b: 1, a: 2 });
		expect(await store.publishForm(published)).toBe('created');
		expect(await store.getForm('f', '1')).toEqual(published);
		expect(await store.getForm('f', '2')).toBeUndefined();
		expect(await store.getForm('g', '1')).toBeUndefined();
	});

	it('the same version again: "same" for equal content, "conflict" for other, and the first stays', async () => {
		const first = form('f', '1', { a: 1, b: [1, 2] }, '2026-12-01T10:00:00.000Z');
		expect(await store.publishForm(first)).toBe('created');
		// Key order and spacing differ, the content does not.
		const again = { ...form('f', '1', { b: [1, 2], a: 1 }), definition: '{"b":[1,2],"a":1}' };
		expect(await store.publishForm(again)).toBe('same');
		expect(await store.publishForm(form('f', '1', { a: 1, b: [2, 1] }))).toBe('conflict');
		expect(await store.getForm('f', '1')).toEqual(first);
		expect(await store.listForms()).toHaveLength(1);
	});

	it('lists every version in the order published, without definitions', async () => {
		await store.publishForm(form('f', '2026-12-01', { v: 1 }, '2026-12-01T10:00:00.000Z'));
		await store.publishForm(form('other', '1', { v: 2 }, '2026-12-01T11:00:00.000Z'));
		// Published later, though its version sorts first: publication order is what counts.
		await store.publishForm(form('f', '2026-01-01', { v: 3 }, '2026-12-01T12:00:00.000Z'));
		expect(await store.listForms()).toEqual([
			{ id: 'f', version: '2026-12-01', hash: contentHash({ v: 1 }), publishedAt: '2026-12-01T10:00:00.000Z' },
			{ id: 'other', version: '1', hash: contentHash({ v: 2 }), publishedAt: '2026-12-01T11:00:00.000Z' },
			{ id: 'f', version: '2026-01-01', hash: contentHash({ v: 3 }), publishedAt: '2026-12-01T12:00:00.000Z' }
		]);
	});

	it('two instances publishing one version at once: one creates, the other finds the same', async () => {
		const other = await db.open();
		for (let round = 0; round < 5; round++) {
			const f = form('race', String(round), { round });
			const outcomes = await Promise.all([store.publishForm(f), other.publishForm(f)]);
			expect(outcomes.sort()).toEqual(['created', 'same']);
		}
		expect(await other.listForms()).toHaveLength(5);
	});

	it('published forms outlast a restart', async () => {
		const f = form('f', '1', { kept: true });
		await store.publishForm(f);
		await store.close();
		const reopened = await db.open();
		expect(await reopened.getForm('f', '1')).toEqual(f);
		expect(await reopened.publishForm(f)).toBe('same');
	});
});
