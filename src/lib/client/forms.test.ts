import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import definition from '$lib/forms/household_migration.2026-12-01.json' with { type: 'json' };
import { TunDatabase } from './db';
import { downloadForms, formFor, newestForms, storeForm } from './forms';
import { startInterview } from './interviews';
import { InterviewSession } from './session.svelte';
import { getAccount, getDeployment, setAccount } from './settings';
import { setUpDevice } from './setup';

/** The next version of the questionnaire: a copy with one more question at the end. */
const revised = {
	...structuredClone(definition),
	version: '2026-12-15',
	items: [
		...structuredClone(definition.items),
		{ type: 'text', name: 'revision_note', label: { hy: 'Նշում', ru: 'Заметка', en: 'A note' } }
	]
};
/** Another questionnaire of the same team. */
const listing = {
	...structuredClone(definition),
	id: 'dwelling_listing',
	title: { hy: 'Բնակարանների ցուցակ', ru: 'Список жилищ', en: 'Dwelling listing' }
};
const account = { token: 'secret', server: 'http://tun.test', name: 'Ani', setUpAt: '2026-11-30T08:00:00Z' };

const institution = { hy: 'Կովկասյան ինստիտուտ', ru: 'Кавказский институт', en: 'Caucasus Institute' };

type Published = { definition: { id: string; version: string; title: unknown }; publishedAt: string };

/** A server publishing `published` (oldest first); `requests` records what the tablet asked. */
function server(published: Published[], status = 200) {
	const requests: string[] = [];
	const fetcher = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
		const url = new URL(String(input));
		requests.push(url.pathname);
		expect(new Headers(init?.headers).get('authorization')).toBe('Bearer secret');
		if (status !== 200) return Response.json({ error: 'no' }, { status });
		if (url.pathname === '/api/deployment') return Response.json({ institution, contact: null, updatedAt: '2026-11-30T07:00:00.000Z' });
		if (url.pathname === '/api/forms')
			return Response.json(
				published.map((p) => ({
					id: p.definition.id,
					version: p.definition.version,
					title: p.definition.title,
					publishedAt: p.publishedAt
				}))
			);
		const found = published.find((p) => url.pathname === `/api/forms/${p.definition.id}/${p.definition.version}`);
		return found ? Response.json(found.definition) : Response.json({ error: 'unknown' }, { status: 404 });
	});
	return { requests, fetcher: fetcher as unknown as typeof fetch };
}

let db: TunDatabase;
beforeEach(async () => {
	db = new TunDatabase(`forms-${crypto.randomUUID()}`);
	await setAccount(db, account);
});
afterEach(() => db.close());

describe('downloading form versions', () => {
	it('fetches only the versions the device does not hold, and keeps them as published', async () => {
		await storeForm(db, definition, '2026-11-30T08:00:00.000Z');
		const { requests, fetcher } = server([
			{ definition, publishedAt: '2026-11-30T08:00:00.000Z' },
			{ definition: revised, publishedAt: '2026-12-15T09:00:00.000Z' }
		]);
		expect(await downloadForms(db, account, fetcher)).toEqual({ status: 'done', added: ['household_migration@2026-12-15'], refused: [] });
		expect(requests).toEqual(['/api/forms', '/api/forms/household_migration/2026-12-15']);
		const stored = await db.forms.get(['household_migration', '2026-12-15']);
		expect(stored).toMatchObject({ publishedAt: '2026-12-15T09:00:00.000Z', title: definition.title });
		expect(stored?.definition).toEqual(revised);

		// The next sync finds nothing new: only the list is asked for.
		requests.length = 0;
		expect(await downloadForms(db, account, fetcher)).toEqual({ status: 'done', added: [], refused: [] });
		expect(requests).toEqual(['/api/forms']);
	});

	it('refuses a definition that does not compile on the device: nothing stored, the others still come', async () => {
		const broken = { ...structuredClone(definition), version: '2026-12-20', instance_name: 'concat(${no_such_question})' };
		const { fetcher } = server([
			{ definition: broken, publishedAt: '2026-12-01T08:00:00.000Z' },
			{ definition: revised, publishedAt: '2026-12-15T09:00:00.000Z' }
		]);
		expect(await downloadForms(db, account, fetcher)).toEqual({
			status: 'done',
			added: ['household_migration@2026-12-15'],
			refused: ['household_migration@2026-12-20']
		});
		expect(await db.forms.get(['household_migration', '2026-12-20'])).toBeUndefined();
		expect(await formFor(db, 'household_migration', '2026-12-20')).toBeUndefined();
		expect((await newestForms(db)).map((f) => f.version)).toEqual(['2026-12-15']);
	});

	it('a 401 marks the tablet revoked, as the outbox does, and stores nothing', async () => {
		const { requests, fetcher } = server([{ definition, publishedAt: '2026-11-30T08:00:00.000Z' }], 401);
		expect(await downloadForms(db, account, fetcher)).toEqual({ status: 'unauthorized' });
		expect(requests).toEqual(['/api/forms']);
		expect((await getAccount(db))?.revoked).toBe(true);
		expect(await db.forms.count()).toBe(0);
	});

	it('an unreachable server or a gateway leaves the device as it was', async () => {
		const offline = vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch;
		expect(await downloadForms(db, account, offline)).toEqual({ status: 'unreachable' });
		const gateway = server([], 502);
		expect(await downloadForms(db, account, gateway.fetcher)).toEqual({ status: 'unreachable', detail: 'HTTP 502' });
		expect(await db.forms.count()).toBe(0);
		expect((await getAccount(db))?.revoked).toBeUndefined();
	});
});

describe('setting a tablet up', () => {
	const link = '#token=secret&server=http%3A%2F%2Ftun.test';

	it('downloads the published forms once the server confirmed the token', async () => {
		const fresh = new TunDatabase(`setup-${crypto.randomUUID()}`);
		const { requests, fetcher } = server([{ definition, publishedAt: '2026-11-30T08:00:00.000Z' }]);
		const withMe = (async (input: string | URL | Request, init?: RequestInit) =>
			new URL(String(input)).pathname === '/api/me'
				? Response.json({ id: 'e1', name: 'Ani', sex: 'female' })
				: fetcher(input, init)) as typeof fetch;
		try {
			expect(await setUpDevice(fresh, link, withMe)).toEqual({ status: 'ok', name: 'Ani' });
			// The enumerator's id is kept: a backup file names it.
			expect(await getAccount(fresh)).toMatchObject({ name: 'Ani', enumeratorId: 'e1' });
			expect(requests).toEqual(['/api/forms', '/api/forms/household_migration/2026-12-01', '/api/deployment']);
			// The settings the consent cites come with the forms; an unset one is left out.
			expect(await getDeployment(fresh)).toEqual({ institution });
			expect((await newestForms(fresh)).map((f) => `${f.id}@${f.version}`)).toEqual(['household_migration@2026-12-01']);
		} finally {
			fresh.close();
		}
	});

	it('without network it is stored unconfirmed, with no form: the first sync brings them', async () => {
		const fresh = new TunDatabase(`setup-${crypto.randomUUID()}`);
		const offline = vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch;
		try {
			expect(await setUpDevice(fresh, link, offline)).toEqual({ status: 'unconfirmed' });
			expect(await newestForms(fresh)).toEqual([]);
		} finally {
			fresh.close();
		}
	});
});

describe('which version an interview uses', () => {
	it('new interviews take the newest published version of each form, by publication time', async () => {
		await storeForm(db, revised, '2026-12-15T09:00:00.000Z');
		await storeForm(db, definition, '2026-11-30T08:00:00.000Z');
		await storeForm(db, listing, '2026-12-01T08:00:00.000Z');
		expect(await newestForms(db)).toEqual([
			{ id: 'household_migration', version: '2026-12-15', title: definition.title },
			{ id: 'dwelling_listing', version: '2026-12-01', title: listing.title }
		]);
	});

	it('a draft opens on the version it started with after a newer one arrives', async () => {
		const old = await storeForm(db, definition, '2026-11-30T08:00:00.000Z');
		const id = await startInterview(db, old!, 'en');
		await storeForm(db, revised, '2026-12-15T09:00:00.000Z');
		const session = await InterviewSession.open(db, id);
		expect(session?.form.definition.version).toBe('2026-12-01');
		expect(session?.form.nodes.has('revision_note')).toBe(false);

		const next = await formFor(db, 'household_migration', '2026-12-15');
		const fresh = await InterviewSession.open(db, await startInterview(db, next!, 'en'));
		expect(fresh?.form.nodes.has('revision_note')).toBe(true);
	});

	it('an interview whose version is not on the device does not open', async () => {
		const id = await startInterview(db, (await storeForm(db, definition, '2026-11-30T08:00:00.000Z'))!, 'en');
		const elsewhere = new TunDatabase(db.name);
		try {
			await elsewhere.forms.clear();
			expect(await InterviewSession.open(elsewhere, id)).toBeUndefined();
		} finally {
			elsewhere.close();
		}
	});

	it('opening an interview again does not compile its form again', async () => {
		await storeForm(db, definition, '2026-11-30T08:00:00.000Z');
		const fresh = new TunDatabase(db.name);
		try {
			const first = await formFor(fresh, 'household_migration', '2026-12-01');
			await fresh.forms.clear(); // were it read again, it would be gone
			expect(await formFor(fresh, 'household_migration', '2026-12-01')).toBe(first);
		} finally {
			fresh.close();
		}
	});
});
