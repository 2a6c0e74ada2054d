/**
 * The home screen's lists read through indexes (home-lists.ts): counts of every list, the
 * newest drafts and waiting interviews first and at most HOME_LIMIT of each until all are
 * asked for, sent ones of today only until the folded list opens, the active enumerator's only.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { TunDatabase, type Interview } from './db';
import { HOME_LIMIT, homeLists } from './home-lists';
import { setAccount, setActive } from './settings';

let db: TunDatabase;
let ani: string;
let gor: string;
beforeEach(async () => {
	db = new TunDatabase(`home-${crypto.randomUUID()}`);
	await db.open();
	gor = await setAccount(db, { token: 'g', server: 'https://survey.example.org', name: 'Gor', setUpAt: '2026-12-01T07:00:00.000Z' });
	ani = await setAccount(db, { token: 'a', server: 'https://survey.example.org', name: 'Ani', setUpAt: '2026-12-01T08:00:00.000Z' });
});
afterEach(async () => {
	db.close();
	await Dexie.delete(db.name);
});

const now = new Date();
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000).toISOString();
const daysAgo = (d: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - d, 12).toISOString();

function interview(n: number, status: Interview['status'], enumerator: string, updatedAt: string, sentAt?: string): Interview {
	return {
		id: `i-${n}`,
		formId: 'household_migration',
		formVersion: '2026-12-15',
		deviceId: 'd',
		enumerator,
		status,
		language: 'hy',
		startedAt: updatedAt,
		updatedAt,
		referenceDate: updatedAt.slice(0, 10),
		answers: {},
		instanceName: `Household ${n}`,
		...(status !== 'draft' ? { finalizedAt: updatedAt } : {}),
		...(sentAt ? { sentAt } : {})
	} as Interview;
}

describe("the home screen's lists", () => {
	it('count every list, show the newest drafts and waiting ones up to the limit, and the ones sent today', async () => {
		const rows: Interview[] = [];
		let n = 0;
		for (let i = 0; i < HOME_LIMIT + 20; i++) rows.push(interview(n++, 'draft', ani, daysAgo(i % 30)));
		for (let i = 0; i < 7; i++) rows.push(interview(n++, 'finalized', ani, daysAgo(4 + i)));
		// Sent today, more than a list shows (the first finalized days ago), and 30 sent on earlier days.
		const today = n;
		for (let i = 0; i < HOME_LIMIT + 5; i++)
			rows.push(interview(n++, 'sent', ani, daysAgo(9 - (i % 3)), new Date(now.getTime() - i * 1000).toISOString()));
		for (let i = 0; i < 30; i++) rows.push(interview(n++, 'sent', ani, daysAgo(3 + i), daysAgo(2 + i)));
		// Gor's, on the same tablet.
		for (let i = 0; i < 5; i++) rows.push(interview(n++, i % 2 ? 'sent' : 'draft', gor, hoursAgo(i), i % 2 ? hoursAgo(0) : undefined));
		await db.interviews.bulkAdd(rows);

		const home = await homeLists(db, { allSent: false, all: [], everything: false });
		expect(home.counts).toEqual({ draft: HOME_LIMIT + 20, finalized: 7, sent: HOME_LIMIT + 35 });
		expect(home.lists.draft).toHaveLength(HOME_LIMIT);
		const drafts = rows.filter((r) => r.enumerator === ani && r.status === 'draft');
		const newest = [...drafts].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, HOME_LIMIT);
		expect(home.lists.draft.map((i) => i.updatedAt)).toEqual(newest.map((i) => i.updatedAt));
		expect(home.lists.finalized.map((i) => i.id)).toEqual(rows.filter((r) => r.status === 'finalized').map((r) => r.id));
		// The newest sent first: the one sent a moment ago, then the one before…
		expect(home.lists.sent.map((i) => i.id)).toEqual(Array.from({ length: HOME_LIMIT }, (_, i) => `i-${today + i}`));
		expect(home.sentEarlier).toBe(30);
		expect(home.oldestUnsent).toBe(daysAgo(10));

		const all = await homeLists(db, { allSent: true, all: ['draft'], everything: false });
		expect(all.lists.draft).toHaveLength(HOME_LIMIT + 20);
		expect(all.lists.sent).toHaveLength(HOME_LIMIT + 35);

		// A search reads every interview of the active enumerator.
		const everything = await homeLists(db, { allSent: false, all: [], everything: true });
		expect(everything.lists.draft).toHaveLength(HOME_LIMIT + 20);
		expect(everything.lists.sent).toHaveLength(HOME_LIMIT + 35);

		await setActive(db, gor);
		const his = await homeLists(db, { allSent: false, all: [], everything: false });
		expect(his.counts).toEqual({ draft: 3, finalized: 0, sent: 2 });
		expect(his.lists.sent).toHaveLength(2);
		expect(his.oldestUnsent).toBeUndefined();
	});
});
