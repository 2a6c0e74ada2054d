import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { household20261201 } from '$lib/forms';
import definition from '$lib/forms/household_migration.2026-12-01.json' with { type: 'json' };
import { TunDatabase } from './db';
import { storeForm } from './forms';
import { startInterview } from './interviews';
import { InterviewSession } from './session.svelte';

let db: TunDatabase;
beforeEach(async () => {
	db = new TunDatabase(`session-nav-${crypto.randomUUID()}`);
	await storeForm(db, definition, '2026-11-30T08:00:00.000Z');
});
afterEach(() => db.close());

async function started(): Promise<InterviewSession> {
	const session = await InterviewSession.open(db, await startInterview(db, household20261201, 'en'));
	if (!session) throw new Error('interview not found');
	return session;
}

const screen = (name: string) => household20261201.screens.findIndex((s) => s.name === name);

/** A member whose every roster question is answered (an adult at home, not a refugee). */
function member(session: InterviewSession, index: number, name: string, sex: 'female' | 'male', age: number, relation: string) {
	const at = [index];
	session.answer('m_name', at, name);
	session.answer('m_sex', at, sex);
	session.answer('m_age', at, age);
	session.answer('m_rel_head', at, relation);
	session.answer('m_marital', at, 'married_civil');
	session.answer('m_educ', at, 'secondary');
	session.answer('m_activity', at, 'employed');
	session.answer('m_away', at, 'no');
	session.answer('m_months_away', at, 0);
	session.answer('m_refugee', at, 'no');
}

describe('where the interviewer stands', () => {
	it('counts the screens the interview will have, as answers bring them in or drop them', async () => {
		const session = await started();
		const all = household20261201.screens.length;
		// Before consent only the place and the consent apply.
		// Before consent every screen may still come: the count says so.
		expect(session.progress()).toEqual({ step: 1, total: all });
		session.answer('site_type', [], 'armenia');
		session.answer('settlement', [], 'yerevan');
		expect(session.next()).toBe(true);
		expect(session.progress()).toEqual({ step: 2, total: all });
		// Consent brings in every screen but the two about a woman of the household.
		session.answer('consent', [], 'yes');
		expect(session.progress()).toEqual({ step: 2, total: all - 2 });
		session.goTo(screen('member'));
		expect(session.progress()).toEqual({ step: 4, total: all - 2 });
		// A woman of 30 in the roster brings in the introduction to her module, and the module may follow (privacy not asked yet).
		session.addEntry('member', []);
		member(session, 0, 'Anahit', 'female', 30, 'head');
		expect(session.screenRelevant(screen('women_intro'))).toBe(true);
		expect(session.progress()).toEqual({ step: 4, total: all });
		// No privacy: her module will not come.
		session.answer('f_privacy', [], 'no');
		expect(session.progress()).toEqual({ step: 4, total: all - 1 });
		// A refusal drops them all again; the screen the interviewer is on still counts.
		session.answer('consent', [], 'no');
		expect(session.progress()).toEqual({ step: 3, total: 3 });
		session.goTo(all);
		expect(session.progress()).toEqual({ step: 2, total: 2 });
	});

	it('a refused Next on the roster opens the collapsed entry that holds the first problem, and names it', async () => {
		const session = await started();
		session.answer('consent', [], 'yes');
		session.goTo(screen('member'));
		session.addEntry('member', []);
		session.answer('m_name', [0], 'Arsen');
		session.addEntry('member', []);
		member(session, 1, 'Anahit', 'female', 40, 'head');
		session.openEntry('member', [], undefined);
		expect(session.position.open.member).toBeUndefined();
		expect(session.incompleteEntries('member', [])).toEqual([0]);

		expect(session.next()).toBe(false);
		expect(session.position.screen).toBe(screen('member'));
		expect(session.firstProblem()).toEqual({ name: 'm_sex', place: [0] });
		expect(session.position.open.member).toBe(0);
		await session.flushed();
		expect((await db.interviews.get(session.interview.id))?.position?.open).toEqual({ member: 0 });
	});

	it('a problem in a nested entry opens the member and the migrant entry both', async () => {
		const session = await started();
		session.answer('consent', [], 'yes');
		session.goTo(screen('member'));
		session.addEntry('member', []);
		member(session, 0, 'Vardan', 'male', 25, 'head');
		session.answer('m_away', [0], 'yes');
		session.answer('m_months_away', [0], 12);
		session.addEntry('migrant', [0]);
		session.openEntry('migrant', [0], undefined);
		session.openEntry('member', [], undefined);
		// The member's own answers are complete; the problem is in his migrant entry.
		expect(session.incompleteEntries('member', [])).toEqual([0]);
		expect(session.incompleteEntries('migrant', [0])).toEqual([0]);
		expect(session.next()).toBe(false);
		expect(session.firstProblem()?.place).toEqual([0, 0]);
		expect(session.position.open).toMatchObject({ member: 0, [session.engine.key('migrant', [0])]: 0 });
	});
});
