/**
 * A shared tablet: two enumerators set up on one device. Each sees only their own
 * interviews, each interview goes with its own enumerator's token, and a 401 stops only
 * that enumerator's sending. The server is the real handler and store, reached in-process.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { liveQuery } from 'dexie';
import { household20261201, findForm } from '$lib/forms';
import { receiveBatch } from '$lib/server/submissions';
import { temporaryDatabase } from '$lib/server/storage/testing';
import type { Store } from '$lib/server/storage/types';
import { backupFileSchema, type Submission } from '$lib/wire';
import { exportBackup } from './backup';
import { TunDatabase } from './db';
import { deviceState } from './device-report';
import { finalizeInterview, listInterviews, saveDraft, startInterview } from './interviews';
import { countWaiting, syncOutbox, type PostBatch } from './outbox';
import { getAccount, listAccounts, setAccount, setActive, type Account } from './settings';
import { confirmAccount } from './setup';

let db: TunDatabase;
let store: Store;
let dispose: () => Promise<void>;
/** Tokens the server no longer takes. */
let refusedTokens: Set<string>;
/** Which token carried each interview that reached the server. */
let carriedBy: Map<string, string>;

beforeEach(async () => {
	db = new TunDatabase(`shared-${crypto.randomUUID()}`);
	({ store, dispose } = await temporaryDatabase('sqlite'));
	refusedTokens = new Set();
	carriedBy = new Map();
});
afterEach(async () => {
	db.close();
	await dispose();
});

/** The server as the tablet reaches it with `account`'s token: a revoked token is a 401, as the API answers it. */
const serverFor =
	(account: Account): PostBatch =>
	async (submissions: Submission[]) => {
		if (refusedTokens.has(account.token)) return Response.json({ error: 'revoked' }, { status: 401 });
		for (const s of submissions) carriedBy.set(s.id, account.token);
		const res = await receiveBatch({ submissions }, store, findForm);
		return Response.json(res.body, { status: res.status });
	};

const ani = { token: 'token-ani', server: 'http://tun.test', name: 'Ani', enumeratorId: 'e-ani', setUpAt: '2026-11-30T08:00:00.000Z' };
const gor = { token: 'token-gor', server: 'http://tun.test', name: 'Gor', enumeratorId: 'e-gor', setUpAt: '2026-11-30T09:00:00.000Z' };

/** A finalized refusal at consent, by the active enumerator, with `place` to tell it apart. */
async function finalized(place: string): Promise<string> {
	const id = await startInterview(db, household20261201, 'en');
	await saveDraft(db, id, { answers: { site_type: 'armenia', settlement: 'other', settlement_other: place, consent: 'no' } });
	expect(await finalizeInterview(db, household20261201, id)).toEqual({ status: 'finalized' });
	return id;
}

const places = async () => (await listInterviews(db)).map((i) => i.answers.settlement_other).sort();

describe('a shared tablet', () => {
	it('a second enumerator is added beside the first; the same enumerator again refreshes their account', async () => {
		const aniKey = await setAccount(db, ani);
		const gorKey = await setAccount(db, gor);
		expect(gorKey).not.toBe(aniKey);
		expect((await listAccounts(db)).map((a) => a.name)).toEqual(['Ani', 'Gor']);
		expect((await getAccount(db))?.key).toBe(gorKey);
		// Ani's link opened again, with a later time: still one account for her, and she is the one working now.
		expect(await setAccount(db, { ...ani, setUpAt: '2026-12-01T08:00:00.000Z' })).toBe(aniKey);
		expect((await listAccounts(db)).map((a) => a.name)).toEqual(['Ani', 'Gor']);
		expect((await getAccount(db))?.name).toBe('Ani');
	});

	it('one enumerator set up twice, once without network, becomes one account when the server confirms who it was', async () => {
		await setAccount(db, { token: 'token-ani-offline', server: 'http://tun.test', name: null, setUpAt: '2026-11-30T07:00:00.000Z' });
		await finalized('Ani offline');
		await setAccount(db, gor);
		const aniKey = await setAccount(db, ani);
		await finalized('Ani online');
		expect((await listAccounts(db)).map((a) => a.name)).toEqual([null, 'Ani', 'Gor']);
		const me = (async (_url: string | URL | Request, init?: RequestInit) => {
			const token = new Headers(init?.headers).get('authorization');
			return Response.json(token === 'Bearer token-ani-offline' ? { id: 'e-ani', name: 'Ani', sex: 'female' } : { error: 'no' }, {
				status: 200
			});
		}) as typeof fetch;
		expect(await confirmAccount(db, me)).toBe(true);
		const accounts = await listAccounts(db);
		expect(accounts.map((a) => [a.name, a.token])).toEqual([
			['Ani', 'token-ani'],
			['Gor', 'token-gor']
		]);
		expect((await getAccount(db))?.name).toBe('Ani');
		expect(accounts[0].key).not.toBe(aniKey);
		expect(await places()).toEqual(['Ani offline', 'Ani online']);
	});

	it('each enumerator sees only their own interviews; a draft started before a switch stays its starter’s', async () => {
		const aniKey = await setAccount(db, ani);
		await finalized('Ani 1');
		const draft = await startInterview(db, household20261201, 'en');
		const gorKey = await setAccount(db, gor);
		await finalized('Gor 1');
		expect(await places()).toEqual(['Gor 1']);
		// The draft Ani left open is finalized while Gor is the active one: it is still Ani's.
		await saveDraft(db, draft, { answers: { site_type: 'armenia', settlement: 'other', settlement_other: 'Ani 2', consent: 'no' } });
		await finalizeInterview(db, household20261201, draft);
		expect(await places()).toEqual(['Gor 1']);
		expect(await countWaiting(db, gorKey)).toBe(1);
		await setActive(db, aniKey);
		expect(await places()).toEqual(['Ani 1', 'Ani 2']);
		expect(await countWaiting(db, aniKey)).toBe(2);
	});

	it("sends each interview with its own enumerator's token, one enumerator after another", async () => {
		await setAccount(db, ani);
		const a = await finalized('Ani 1');
		await setAccount(db, gor);
		const g = await finalized('Gor 1');
		const progress: string[] = [];
		const report = await syncOutbox(db, { onProgress: (done, total) => progress.push(`${done}/${total}`) }, serverFor);
		expect(report).toEqual({ status: 'done', sent: 2, rejected: 0 });
		expect(Object.fromEntries(carriedBy)).toEqual({ [a]: 'token-ani', [g]: 'token-gor' });
		expect(progress.at(-1)).toBe('2/2');
		expect((await store.getSubmission(a))?.answers).toMatchObject({ settlement_other: 'Ani 1' });
	});

	it("a 401 for one enumerator stops only theirs: the other's interviews still go out", async () => {
		const aniKey = await setAccount(db, ani);
		const a = await finalized('Ani 1');
		const gorKey = await setAccount(db, gor);
		const g = await finalized('Gor 1');
		refusedTokens.add('token-ani');

		const report = await syncOutbox(db, {}, serverFor);
		expect(report).toEqual({ status: 'done', sent: 1, rejected: 0, revoked: [{ key: aniKey, name: 'Ani' }] });
		expect((await db.interviews.get(g))?.status).toBe('sent');
		expect((await db.interviews.get(a))?.status).toBe('finalized');
		expect(await store.getSubmission(a)).toBeUndefined();
		const accounts = await listAccounts(db);
		expect(accounts.map((x) => [x.name, x.revoked ?? false])).toEqual([
			['Ani', true],
			['Gor', false]
		]);

		// Gor works on; Ani's token is not tried again, and the report still says whose interviews wait.
		const g2 = await finalized('Gor 2');
		carriedBy.clear();
		expect(await syncOutbox(db, {}, serverFor)).toEqual({ status: 'done', sent: 1, rejected: 0, revoked: [{ key: aniKey, name: 'Ani' }] });
		expect([...carriedBy.keys()]).toEqual([g2]);
		expect(await countWaiting(db, aniKey)).toBe(1);
		expect(await countWaiting(db, gorKey)).toBe(0);
	});

	it('with every enumerator refused, nothing is sent and everything stays', async () => {
		await setAccount(db, ani);
		await finalized('Ani 1');
		refusedTokens.add('token-ani');
		const report = await syncOutbox(db, {}, serverFor);
		expect(report).toMatchObject({ status: 'unauthorized', sent: 0, revoked: [{ name: 'Ani' }] });
		expect(await countWaiting(db)).toBe(1);
	});

	it("reports the device's state and backs up per enumerator", async () => {
		const aniKey = await setAccount(db, ani);
		await finalized('Ani 1');
		await startInterview(db, household20261201, 'en');
		const gorKey = await setAccount(db, gor);
		await finalized('Gor 1');
		expect(await deviceState(db, 'v', aniKey)).toMatchObject({ waiting: 1, drafts: 1 });
		expect(await deviceState(db, 'v', gorKey)).toMatchObject({ waiting: 1, drafts: 0 });

		const file = backupFileSchema.parse(JSON.parse((await exportBackup(db)).text));
		expect(file.enumerator).toEqual({ id: 'e-gor', name: 'Gor' });
		expect(file.interviews.map((i) => i.id)).toEqual((await listInterviews(db)).map((i) => i.id));
		expect(file.interviews).toHaveLength(1);
	});

	it("the home screen's live list follows a switch and an interview being sent", async () => {
		const aniKey = await setAccount(db, ani);
		await finalized('Ani 1');
		const gorKey = await setAccount(db, gor);
		let shown: string[] | undefined;
		const subscription = liveQuery(() => listInterviews(db)).subscribe(
			(list) => (shown = list.map((i) => `${i.answers.settlement_other} ${i.status}`))
		);
		/** Waits on the event loop (no clock) for the list to show `expected`. */
		const until = async (expected: string[]) => {
			for (let i = 0; i < 1000 && JSON.stringify(shown) !== JSON.stringify(expected); i++)
				await new Promise((resolve) => setTimeout(resolve, 1));
			expect(shown).toEqual(expected);
		};
		try {
			await until([]);
			await setActive(db, aniKey);
			await until(['Ani 1 finalized']);
			await syncOutbox(db, {}, serverFor);
			await until(['Ani 1 sent']);
			await setActive(db, gorKey);
			await until([]);
		} finally {
			subscription.unsubscribe();
		}
	});
});
