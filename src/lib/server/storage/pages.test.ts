import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Submission } from '$lib/wire';
import { sampleSubmission } from '../testing';
import { submissionPages } from './pages';
import { postgresUrl, temporaryDatabase, type TemporaryDatabase } from './testing';
import type { Store } from './types';

const kinds: Store['kind'][] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

const sample = sampleSubmission();
const form = sample.formId;
const fresh = (overrides: Partial<Submission> = {}): Submission => ({ ...sample, id: crypto.randomUUID(), ...overrides });

describe.each(kinds)('%s store: reading a form page by page', (kind) => {
	let db: TemporaryDatabase;
	let store: Store;
	/** Seven submissions of the form, received in this order, with another form's between them. */
	let ids: string[];
	beforeEach(async () => {
		db = await temporaryDatabase(kind);
		store = db.store;
		const ours = Array.from({ length: 7 }, () => fresh());
		// Ids in reverse order of arrival: the order must be the order received, not the ids'.
		ours.forEach((s, i) => (s.id = `${9 - i}-${s.id}`));
		await store.saveBatch([ours[0], ours[1], fresh({ formId: 'other_form' })], null);
		await store.saveBatch([ours[2]], null);
		await store.saveBatch([fresh({ formId: 'other_form' }), ...ours.slice(3)], null);
		ids = ours.map((s) => s.id);
	});
	afterEach(() => db.dispose());

	it('pages in the order received, other forms left out, the last page short, then nothing', async () => {
		const first = await store.submissionPage(form, undefined, 3);
		expect(first.map((s) => s.id)).toEqual(ids.slice(0, 3));
		expect(first[0]).toEqual(await store.getSubmission(ids[0]));
		expect((await store.submissionPage(form, ids[2], 3)).map((s) => s.id)).toEqual(ids.slice(3, 6));
		expect((await store.submissionPage(form, ids[5], 3)).map((s) => s.id)).toEqual([ids[6]]);
		expect(await store.submissionPage(form, ids[6], 3)).toEqual([]);
		expect(await store.submissionPage('nope', undefined, 3)).toEqual([]);
		expect((await store.submissionPage('other_form', undefined, 10)).length).toBe(2);
		expect((await store.submissionPage(form, undefined, 100)).map((s) => s.id)).toEqual(
			(await store.listSubmissions(form)).map((s) => s.id)
		);
	});

	it('counts a form and names its newest submission', async () => {
		expect(await store.countSubmissions(form)).toEqual({ count: 7, last: ids[6] });
		expect(await store.countSubmissions('other_form')).toMatchObject({ count: 2 });
		expect(await store.countSubmissions('nope')).toEqual({ count: 0, last: undefined });
	});

	it('reads every submission once through pages of any size, a full last page included', async () => {
		for (const pageSize of [1, 3, 7, 100]) {
			const pages: string[][] = [];
			for await (const page of submissionPages(store, form, { pageSize })) pages.push(page.map((s) => s.id));
			expect(pages.flat()).toEqual(ids);
			expect(pages.every((p) => p.length <= pageSize)).toBe(true);
		}
	});

	it('stops at the submission that was newest when the read began, and filters page by page', async () => {
		const { last } = await store.countSubmissions(form);
		await store.saveBatch([fresh()], null);
		const read: string[] = [];
		for await (const page of submissionPages(store, form, { through: last, pageSize: 2 })) read.push(...page.map((s) => s.id));
		expect(read).toEqual(ids);
		const kept: string[] = [];
		for await (const page of submissionPages(store, form, { through: last, pageSize: 3, keep: (s) => ids.indexOf(s.id) % 2 === 0 }))
			kept.push(...page.map((s) => s.id));
		expect(kept).toEqual([ids[0], ids[2], ids[4], ids[6]]);
	});
});
