import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { household20261201 } from '$lib/forms';
import { completeHousehold } from '$lib/forms/samples';
import definition from '$lib/forms/household_migration.2026-12-01.json' with { type: 'json' };
import { TunDatabase } from './db';
import { storeForm } from './forms';
import { saveDraft, startInterview } from './interviews';
import { InterviewSession } from './session.svelte';

let db: TunDatabase;
beforeEach(async () => {
	db = new TunDatabase(`session-${crypto.randomUUID()}`);
	// The device holds the form as a sync leaves it: interviews open on it from IndexedDB.
	await storeForm(db, definition, '2026-11-30T08:00:00.000Z');
});
afterEach(() => db.close());

async function open(id: string): Promise<InterviewSession> {
	const session = await InterviewSession.open(db, id);
	if (!session) throw new Error('interview not found');
	return session;
}

describe('interview session', () => {
	it('stores every answer as it is given, and the place, so a reopened interview continues there', async () => {
		const id = await startInterview(db, household20261201, 'en');
		const session = await open(id);
		session.answer('site_type', [], 'armenia');
		session.answer('settlement', [], 'goris');
		expect(session.next()).toBe(true);
		session.answer('consent', [], 'yes');
		await session.flushed();

		const again = await open(id);
		expect(again.engine.answers).toMatchObject({ site_type: 'armenia', settlement: 'goris', consent: 'yes' });
		expect(again.position.screen).toBe(1);
		expect(again.screenName).toBe('consent_block');
	});

	it('refuses Next on a screen with missing required answers and shows them', async () => {
		const session = await open(await startInterview(db, household20261201, 'en'));
		expect(session.next()).toBe(false);
		expect(session.showRequired).toBe(true);
		expect(session.position.screen).toBe(0);
	});

	it('after a refusal at consent, Next goes straight to the review: nothing else applies', async () => {
		const session = await open(await startInterview(db, household20261201, 'en'));
		session.answer('site_type', [], 'armenia');
		session.answer('settlement', [], 'yerevan');
		session.next();
		session.answer('consent', [], 'no');
		expect(session.next()).toBe(true);
		expect(session.screenName).toBe('review');
		expect(await session.finalize()).toEqual({ status: 'finalized' });
	});

	it('keeps an audit log: screens, first answers, changes with old and new value, language, roster entries', async () => {
		const id = await startInterview(db, household20261201, 'hy');
		const session = await open(id);
		session.answer('site_type', [], 'russia');
		session.answer('site_type', [], 'armenia');
		session.answer('settlement', [], 'other');
		session.answer('settlement_other', [], 'Ar', false);
		session.answer('settlement_other', [], 'Ararat', false);
		session.commit('settlement_other', []);
		session.setLanguage('ru');
		session.next();
		session.answer('consent', [], 'yes');
		session.next();
		session.goTo(3);
		session.addEntry('member', []);
		await session.flushed();

		const events = (await db.interviews.get(id))?.events ?? [];
		const brief = events.map(({ t, ...rest }) => {
			expect(Date.parse(t)).not.toBeNaN();
			return rest;
		});
		expect(brief).toEqual([
			{ type: 'start', language: 'hy' },
			{ type: 'resume' },
			{ type: 'screen_enter', screen: 'interview' },
			{ type: 'answer', path: 'site_type', value: 'russia' },
			{ type: 'change', path: 'site_type', old: 'russia', value: 'armenia' },
			{ type: 'answer', path: 'settlement', value: 'other' },
			{ type: 'answer', path: 'settlement_other', value: 'Ararat' },
			{ type: 'language', from: 'hy', to: 'ru' },
			{ type: 'screen_leave', screen: 'interview' },
			{ type: 'screen_enter', screen: 'consent_block' },
			{ type: 'answer', path: 'consent', value: 'yes' },
			{ type: 'screen_leave', screen: 'consent_block' },
			{ type: 'screen_enter', screen: 'respondent' },
			{ type: 'screen_leave', screen: 'respondent' },
			{ type: 'screen_enter', screen: 'member' },
			{ type: 'entry_add', path: 'member.0' }
		]);
	});

	it('keeps an irrelevant answer in the draft but not in what is sent', async () => {
		const id = await startInterview(db, household20261201, 'en');
		const session = await open(id);
		session.answer('settlement', [], 'other');
		session.answer('settlement_other', [], 'Ararat');
		session.answer('settlement', [], 'yerevan');
		await session.flushed();
		expect(session.engine.answers.settlement_other).toBe('Ararat');
		expect(session.engine.submission()).not.toHaveProperty('settlement_other');
		expect((await db.interviews.get(id))?.answers.settlement_other).toBe('Ararat');
	});

	it('a confirmed warning is stored, and dropped when the answer changes', async () => {
		const id = await startInterview(db, household20261201, 'en');
		const session = await open(id);
		session.answer('site_type', [], 'armenia');
		session.confirm('site_type', [], true);
		await session.flushed();
		expect((await db.interviews.get(id))?.confirmed).toEqual(['site_type']);
		session.answer('site_type', [], 'russia');
		await session.flushed();
		expect((await db.interviews.get(id))?.confirmed).toEqual([]);
	});

	it('a finalized interview can no longer be changed', async () => {
		const id = await startInterview(db, household20261201, 'en');
		const session = await open(id);
		await session.breakOff('respondent left');
		const closed = await open(id);
		expect(closed.editable).toBe(false);
		closed.answer('site_type', [], 'russia');
		expect(closed.engine.answers.site_type).toBeUndefined();
		expect((await db.interviews.get(id))?.breakOff).toEqual({ at: 'interview', reason: 'respondent left' });
	});

	it('draws the list experiment when its screen is reached, stores it at once, and never draws again', async () => {
		const id = await startInterview(db, household20261201, 'en');
		const session = await open(id);
		session.answer('site_type', [], 'armenia');
		session.answer('settlement', [], 'yerevan');
		session.answer('consent', [], 'yes');
		expect(session.engine.answers.g_list_draw).toBeUndefined();
		const security = household20261201.screens.findIndex((s) => s.name === 'security');
		session.goTo(security);
		await session.flushed();
		const drawn = (await db.interviews.get(id))?.answers.g_list_draw;
		expect(drawn).toEqual(expect.any(Number));
		const again = await open(id);
		again.goTo(0);
		again.goTo(security);
		expect(again.engine.value('g_list_draw')).toBe(drawn);
	});

	it('finalizing sends the draw and the entries the interviewer saw; a break-off sends no draw of a screen never reached', async () => {
		const screens = household20261201.screens.length;
		const draftOf = async (reached: number) => {
			const id = await startInterview(db, household20261201, 'en');
			// Answered up to `reached`, the list experiment not drawn yet.
			const { g_list_draw: _, ...answers } = completeHousehold();
			await saveDraft(db, id, { answers, position: { screen: reached, open: {}, reached } });
			const session = await open(id);
			await session.flushed();
			return { id, session, stored: (await db.interviews.get(id))!.answers };
		};
		// On the review: every screen entered when the draft opened.
		const done = await draftOf(screens);
		expect(done.stored.g_list_draw).toEqual(expect.any(Number));
		expect(await done.session.finalize()).toEqual({ status: 'finalized' });
		const final = (await db.interviews.get(done.id))!.final!;
		expect(final).toMatchObject({ g_list_draw: done.stored.g_list_draw });
		const keys = (answers: Record<string, unknown>) =>
			(answers.member as { _key: string; migrant?: { _key: string }[] }[]).flatMap((m) => [
				m._key,
				...(m.migrant ?? []).map((e) => e._key)
			]);
		expect(keys(final)).toEqual(keys(done.stored));
		// Broken off on the roster: the list experiment's screen was never reached.
		const early = await draftOf(household20261201.screens.findIndex((s) => s.items.includes('member')));
		expect(early.stored.g_list_draw).toBeUndefined();
		await early.session.breakOff('respondent left');
		expect((await db.interviews.get(early.id))!.final).not.toHaveProperty('g_list_draw');
	});

	it('an answer that makes a member a migrant makes the migrant entry at once, with its key, and stores it', async () => {
		const id = await startInterview(db, household20261201, 'en');
		const session = await open(id);
		session.answer('site_type', [], 'armenia');
		session.answer('settlement', [], 'yerevan');
		session.answer('consent', [], 'yes');
		session.goTo(household20261201.screens.findIndex((s) => s.items.includes('member')));
		session.addEntry('member', []);
		const member = () => (session.engine.answers.member as Record<string, unknown>[])[0];
		expect(member().migrant).toBeUndefined();
		session.answer('m_away', [0], 'yes');
		expect(member().migrant).toEqual([{ _key: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
		await session.flushed();
		expect((await db.interviews.get(id))?.answers.member).toEqual([member()]);
	});
});
