import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentForm } from '$lib/forms';
import { TunDatabase } from './db';
import { startInterview } from './interviews';
import { InterviewSession } from './session.svelte';

let db: TunDatabase;
beforeEach(() => {
	db = new TunDatabase(`session-${crypto.randomUUID()}`);
});
afterEach(() => db.close());

async function open(id: string): Promise<InterviewSession> {
	const session = await InterviewSession.open(db, id);
	if (!session) throw new Error('interview not found');
	return session;
}

describe('interview session', () => {
	it('stores every answer as it is given, and the place, so a reopened interview continues there', async () => {
		const id = await startInterview(db, currentForm, 'en');
		const session = await open(id);
		session.answer('site_type', [], 'russia');
		session.answer('resp_name', [], 'Ani', false);
		expect(session.next()).toBe(true);
		session.answer('hh_size', [], 2);
		await session.flushed();

		const again = await open(id);
		expect(again.engine.answers).toMatchObject({ site_type: 'russia', resp_name: 'Ani', hh_size: 2 });
		expect(again.position.screen).toBe(1);
		expect(again.screenName).toBe('household');
	});

	it('refuses Next on a screen with missing required answers and shows them', async () => {
		const session = await open(await startInterview(db, currentForm, 'en'));
		expect(session.next()).toBe(false);
		expect(session.showRequired).toBe(true);
		expect(session.position.screen).toBe(0);
	});

	it('keeps an audit log: screens, first answers, changes with old and new value, language, roster entries', async () => {
		const id = await startInterview(db, currentForm, 'hy');
		const session = await open(id);
		session.answer('site_type', [], 'russia');
		session.answer('site_type', [], 'armenia');
		session.answer('resp_name', [], 'An', false);
		session.answer('resp_name', [], 'Ani', false);
		session.commit('resp_name', []);
		session.languageSwitched('hy', 'ru');
		session.next();
		session.answer('hh_size', [], 1);
		session.answer('has_land', [], 'no');
		session.next();
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
			{ type: 'screen_enter', screen: 'intro' },
			{ type: 'answer', path: 'site_type', value: 'russia' },
			{ type: 'change', path: 'site_type', old: 'russia', value: 'armenia' },
			{ type: 'answer', path: 'resp_name', value: 'Ani' },
			{ type: 'language', from: 'hy', to: 'ru' },
			{ type: 'screen_leave', screen: 'intro' },
			{ type: 'screen_enter', screen: 'household' },
			{ type: 'answer', path: 'hh_size', value: 1 },
			{ type: 'answer', path: 'has_land', value: 'no' },
			{ type: 'screen_leave', screen: 'household' },
			{ type: 'screen_enter', screen: 'member' },
			{ type: 'entry_add', path: 'member.0' }
		]);
	});

	it('keeps an irrelevant answer in the draft but not in what is sent', async () => {
		const id = await startInterview(db, currentForm, 'en');
		const session = await open(id);
		session.answer('has_land', [], 'yes');
		session.answer('land_ha', [], 2.5);
		session.answer('has_land', [], 'no');
		await session.flushed();
		expect(session.engine.answers.land_ha).toBe(2.5);
		expect(session.engine.submission()).not.toHaveProperty('land_ha');
		expect((await db.interviews.get(id))?.answers.land_ha).toBe(2.5);
	});

	it('a finalized interview can no longer be changed', async () => {
		const id = await startInterview(db, currentForm, 'en');
		const session = await open(id);
		await session.breakOff('respondent left');
		const closed = await open(id);
		expect(closed.editable).toBe(false);
		closed.answer('resp_name', [], 'Changed');
		expect(closed.engine.answers.resp_name).toBeUndefined();
		expect((await db.interviews.get(id))?.breakOff).toEqual({ at: 'intro', reason: 'respondent left' });
	});
});
