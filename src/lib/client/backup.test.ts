import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findForm, household20261201 } from '$lib/forms';
import { importBackup } from '$lib/server/import';
import { checkBatchText } from '$lib/server/submissions';
import { temporaryDatabase } from '$lib/server/storage/testing';
import type { Store } from '$lib/server/storage/types';
import { backupFileSchema, type Submission } from '$lib/wire';
import { exportBackup, filenamePart } from './backup';
import { TunDatabase } from './db';
import { finalizeInterview, saveDraft, startInterview, toSubmission } from './interviews';
import { sendOutbox, type PostBatch } from './outbox';
import { getAccount, getDeviceId, setAccount } from './settings';
import { confirmAccount } from './setup';

const TOKEN = 'tok_' + 'k3Jq9XvB2mZp8RtY6wLs4NcD1fHa7GeU5iOb0QxVyTj';

let db: TunDatabase;
let store: Store;
let dispose: () => Promise<void>;

beforeEach(async () => {
	db = new TunDatabase(`backup-${crypto.randomUUID()}`);
	({ store, dispose } = await temporaryDatabase('sqlite'));
});
afterEach(async () => {
	db.close();
	await dispose();
});

const refusal = { site_type: 'armenia', settlement: 'other', consent: 'no' };

async function finalized(place: string): Promise<string> {
	const id = await startInterview(db, household20261201, 'en');
	await saveDraft(db, id, { answers: { ...refusal, settlement_other: place } });
	expect(await finalizeInterview(db, household20261201, id)).toEqual({ status: 'finalized' });
	return id;
}

async function draft(place: string): Promise<string> {
	const id = await startInterview(db, household20261201, 'hy');
	await saveDraft(db, id, { answers: { site_type: 'armenia', settlement: 'other', settlement_other: place } });
	return id;
}

/** Every string in a JSON value, keys included. */
function strings(value: unknown, into: string[] = []): string[] {
	if (typeof value === 'string') into.push(value);
	else if (Array.isArray(value)) for (const v of value) strings(v, into);
	else if (value && typeof value === 'object')
		for (const [k, v] of Object.entries(value)) {
			into.push(k);
			strings(v, into);
		}
	return into;
}

const server =
	(s: Store): PostBatch =>
	async (submissions: Submission[]) => {
		const { receiveBatch } = await import('$lib/server/submissions');
		const res = await receiveBatch({ submissions }, s, findForm);
		return new Response(JSON.stringify(res.body), { status: res.status });
	};

describe('the backup file', () => {
	it('holds every interview with its status, names enumerator and device, and never the token', async () => {
		await setAccount(db, {
			token: TOKEN,
			server: 'https://survey.example.org',
			name: 'Անահիտ Պետրոսյան',
			enumeratorId: 'enum-1',
			setUpAt: '2026-11-30T07:00:00.000Z'
		});
		const sentId = await finalized('Sent place');
		expect(await sendOutbox(db, server(store))).toEqual({ status: 'done', sent: 1, rejected: 0 });
		const finalId = await finalized('Waiting place');
		const draftId = await draft('Draft place');

		const now = new Date(2026, 11, 3, 18, 30);
		const backup = await exportBackup(db, now);
		const deviceId = await getDeviceId(db);
		expect(backup.filename).toBe(`tun-backup-Անահիտ-Պետրոսյան-${deviceId.slice(0, 8)}-2026-12-03.json`);
		expect(backup.blob.type).toBe('application/json');
		expect(await backup.blob.text()).toBe(backup.text);

		const file = backupFileSchema.parse(JSON.parse(backup.text));
		expect(file).toMatchObject({
			format: 'tun-backup',
			version: 1,
			createdAt: now.toISOString(),
			deviceId,
			server: 'https://survey.example.org',
			enumerator: { id: 'enum-1', name: 'Անահիտ Պետրոսյան' },
			counts: { draft: 1, finalized: 1, sent: 1 }
		});
		expect(typeof file.appVersion).toBe('string');
		expect(file.interviews.map((i) => [i.id, i.status])).toEqual([
			[sentId, 'sent'],
			[finalId, 'finalized'],
			[draftId, 'draft']
		]);

		// Finalized and sent interviews carry exactly what the outbox sends.
		for (const id of [sentId, finalId]) {
			const entry = file.interviews.find((i) => i.id === id)!;
			expect(entry.submission).toEqual(toSubmission((await db.interviews.get(id))!));
			expect(entry.draft).toBeUndefined();
		}
		expect(file.interviews.find((i) => i.id === sentId)?.sentAt).toBe((await db.interviews.get(sentId))?.sentAt);
		// A draft carries everything the device has of it, irrelevant answers and its audit log included.
		const draftEntry = file.interviews.find((i) => i.id === draftId)!;
		expect(draftEntry.submission).toBeUndefined();
		expect(draftEntry.draft).toEqual(JSON.parse(JSON.stringify(await db.interviews.get(draftId))));
		expect(draftEntry.draft?.answers).toMatchObject({ settlement_other: 'Draft place' });

		// The token is nowhere: not as a value, not as a key, not inside a longer string.
		expect(backup.text).not.toContain(TOKEN);
		expect(strings(JSON.parse(backup.text)).filter((s) => s.includes(TOKEN))).toEqual([]);
		expect(strings(JSON.parse(backup.text))).toContain('Draft place');
	});

	it('says so when the server never confirmed the enumerator', async () => {
		await setAccount(db, { token: TOKEN, server: 'https://survey.example.org', name: null, setUpAt: '2026-11-30T07:00:00.000Z' });
		const backup = await exportBackup(db, new Date(2026, 11, 3));
		const file = backupFileSchema.parse(JSON.parse(backup.text));
		expect(file.enumerator).toEqual({ id: null, name: null });
		expect(file.interviews).toEqual([]);
		expect(backup.filename).toMatch(/^tun-backup-unknown-[0-9a-f]{8}-2026-12-03\.json$/);
		expect(backup.text).not.toContain(TOKEN);
	});

	it('a tablet the server never confirmed learns its enumerator when the server answers, and its next backup names them', async () => {
		await setAccount(db, { token: TOKEN, server: 'https://survey.example.org', name: null, setUpAt: '2026-11-30T07:00:00.000Z' });
		const offline = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
		expect(await confirmAccount(db, offline)).toBe(false);
		const refused = (async () => Response.json({ error: 'revoked' }, { status: 401 })) as typeof fetch;
		expect(await confirmAccount(db, refused)).toBe(false);
		expect((await getAccount(db))?.enumeratorId).toBeUndefined();

		const asked: string[] = [];
		const server = (async (input: string | URL | Request, init?: RequestInit) => {
			asked.push(`${String(input)} ${new Headers(init?.headers).get('authorization')}`);
			return Response.json({ id: 'enum-9', name: 'Aram', sex: 'male' });
		}) as typeof fetch;
		expect(await confirmAccount(db, server)).toBe(true);
		expect(asked).toEqual([`https://survey.example.org/api/me Bearer ${TOKEN}`]);
		expect(await getAccount(db)).toMatchObject({ token: TOKEN, name: 'Aram', enumeratorId: 'enum-9' });
		// Known now: no second request.
		expect(await confirmAccount(db, server)).toBe(true);
		expect(asked).toHaveLength(1);
		const file = backupFileSchema.parse(JSON.parse((await exportBackup(db)).text));
		expect(file.enumerator).toEqual({ id: 'enum-9', name: 'Aram' });
	});

	it('makes file name parts of any script, without separators', () => {
		expect(filenamePart('Ани Петрова / Ani')).toBe('Ани-Петрова-Ani');
		expect(filenamePart('../..')).toBe('unknown');
		expect(filenamePart('a'.repeat(60))).toHaveLength(40);
	});

	it('imported on the server: its finalized interviews are stored under the enumerator it names, its drafts kept apart', async () => {
		const ani = await store.createEnumerator('Ani', 'female', 'hash-ani');
		await setAccount(db, {
			token: TOKEN,
			server: 'https://survey.example.org',
			name: 'Ani',
			enumeratorId: ani.id,
			setUpAt: '2026-11-30T07:00:00.000Z'
		});
		const one = await finalized('Gyumri');
		const two = await finalized('Vanadzor');
		const open = await draft('Dilijan');
		const check = async (text: string) => checkBatchText(text, findForm);

		const first = await importBackup((await exportBackup(db)).text, store, check);
		expect(first).toEqual({
			status: 200,
			body: {
				results: [
					{ id: one, status: 'created' },
					{ id: two, status: 'created' }
				],
				drafts: 1
			}
		});
		const stored = await store.getSubmission(one);
		expect(stored).toMatchObject({ enumeratorId: ani.id, enumeratorSex: 'female' });
		expect(stored?.answers).toMatchObject({ settlement_other: 'Gyumri' });
		// The same submission the outbox would send: syncing it later is a duplicate.
		expect(await sendOutbox(db, server(store))).toEqual({ status: 'done', sent: 2, rejected: 0 });
		expect((await store.listSubmissions('household_migration')).map((s) => s.id)).toEqual([one, two]);
		expect((await store.listDrafts()).map((d) => [d.id, d.enumeratorId])).toEqual([[open, ani.id]]);

		const again = await importBackup((await exportBackup(db)).text, store, check);
		expect(again).toEqual({
			status: 200,
			body: {
				results: [
					{ id: one, status: 'duplicate' },
					{ id: two, status: 'duplicate' }
				],
				drafts: 1
			}
		});
		expect(await store.listDrafts()).toHaveLength(1);
	});
});
