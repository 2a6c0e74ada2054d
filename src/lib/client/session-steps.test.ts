import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentForm } from '$lib/forms';
import { shownSteps, stepProblem } from '$lib/form';
import { tr } from '$lib/form/testing';
import definition from '$lib/forms/household_migration.2026-12-15.json' with { type: 'json' };
import { TunDatabase } from './db';
import { storeForm } from './forms';
import { startInterview } from './interviews';
import { InterviewSession } from './session.svelte';
import { setDeployment } from './settings';

let db: TunDatabase;
beforeEach(async () => {
	db = new TunDatabase(`session-steps-${crypto.randomUUID()}`);
	await storeForm(db, definition, '2026-11-30T08:00:00.000Z');
	// The consent this version reads cites the institution and its contact: they must be set.
	await setDeployment(db, { institution: tr('Caucasus Institute'), contact: tr('Anna, +374 10 000000') });
});
afterEach(() => db.close());

async function open(id: string): Promise<InterviewSession> {
	const session = await InterviewSession.open(db, id);
	if (!session) throw new Error('interview not found');
	return session;
}

const screen = (name: string) => currentForm.screens.findIndex((s) => s.name === name);

/** A man of 30 who lives away for work: his member entry pages into his migration entry. */
function migrant(session: InterviewSession, index: number, name: string) {
	const at = [index];
	session.answer('m_name', at, name);
	session.answer('m_sex', at, 'male');
	session.answer('m_age', at, 30);
	session.answer('m_rel_head', at, 'head');
	session.answer('m_marital', at, 'never_married');
	session.answer('m_educ', at, 'secondary');
	session.answer('m_activity', at, 'employed');
	session.answer('m_away', at, 'yes');
	session.answer('m_months_away', at, 12);
	session.answer('m_away_reason', at, 'work');
	session.answer('m_refugee', at, 'no');
}

async function onRoster(): Promise<InterviewSession> {
	const session = await open(await startInterview(db, currentForm, 'en'));
	session.answer('consent', [], 'yes');
	session.goTo(screen('member'));
	return session;
}

describe('the steps of an entry', () => {
	it('a member who lives away has two parts, and his migration entry two more; the step is kept with the draft', async () => {
		const session = await onRoster();
		session.addEntry('member', []);
		migrant(session, 0, 'Armen');
		expect(shownSteps(session.engine, 'member', [0])).toEqual([0, 1]);
		expect(shownSteps(session.engine, 'migrant', [0, 0])).toEqual([0, 1]);
		expect(session.entryStep('member', [], 0)).toBe(0);

		session.setEntryStep('member', [], 0, 1);
		session.setEntryStep('migrant', [0], 0, 1);
		await session.flushed();
		// A reload reopens both entries on the parts they were on.
		const reopened = await open(session.interview.id);
		expect(reopened.entryStep('member', [], 0)).toBe(1);
		expect(reopened.entryStep('migrant', [0], 0)).toBe(1);
		expect(reopened.position.steps).toEqual({ 'member.0': 1, 'member.0.migrant.0': 1 });
	});

	it('a draft saved before steps opens its entries at the first part', async () => {
		const session = await onRoster();
		session.addEntry('member', []);
		await session.flushed();
		await db.interviews.update(session.interview.id, {
			position: { screen: screen('member'), open: { member: 0 }, reached: screen('member') }
		});
		const reopened = await open(session.interview.id);
		expect(reopened.position.steps).toBeUndefined();
		expect(reopened.entryStep('member', [], 0)).toBe(0);
		reopened.setEntryStep('member', [], 0, 1);
		expect(reopened.entryStep('member', [], 0)).toBe(1);
	});

	it('"Next part" is stopped by the first missing answer of the part, and the problem is shown', async () => {
		const session = await onRoster();
		session.addEntry('member', []);
		session.answer('m_name', [0], 'Armen');
		expect(stepProblem(session.engine, 'member', [0], 0)).toEqual({ name: 'm_sex', place: [0] });
		migrant(session, 0, 'Armen');
		expect(stepProblem(session.engine, 'member', [0], 0)).toBeUndefined();
		// The migration part: its entry's first required answer, inside the nested entry.
		expect(stepProblem(session.engine, 'member', [0], 1)).toEqual({ name: 'mig_dest_country', place: [0, 0] });
		expect(session.showRequired).toBe(false);
		session.showProblem('mig_dest_country', [0, 0]);
		expect(session.showRequired).toBe(true);
		expect(session.entryStep('member', [], 0)).toBe(1);
		expect(session.entryStep('migrant', [0], 0)).toBe(0);
	});

	it("the screen's refused Next and the review's Go to put every entry on the part holding the problem", async () => {
		const session = await onRoster();
		session.addEntry('member', []);
		migrant(session, 0, 'Armen');
		session.answer('mig_dest_country', [0, 0], 'russia');
		session.answer('mig_dest_city', [0, 0], 'moscow');
		session.answer('mig_year_first', [0, 0], 2015);
		session.openEntry('member', [], undefined);
		expect(session.entryStep('member', [], 0)).toBe(0);

		expect(session.next()).toBe(false);
		const problem = session.firstProblem()!;
		expect(problem).toEqual({ name: 'mig_year_last', place: [0, 0] });
		expect(session.position.open.member).toBe(0);
		expect(session.entryStep('member', [], 0)).toBe(1);
		expect(session.entryStep('migrant', [0], 0)).toBe(0);

		// A problem in the money group of his migration entry, reached from the review.
		session.goTo(currentForm.screens.length);
		session.setEntryStep('member', [], 0, 0);
		session.reveal('rem_freq', [0, 0]);
		expect(session.position.screen).toBe(screen('member'));
		expect(session.entryStep('member', [], 0)).toBe(1);
		expect(session.entryStep('migrant', [0], 0)).toBe(1);
		await session.flushed();
		expect((await db.interviews.get(session.interview.id))?.position?.steps).toEqual({ 'member.0': 1, 'member.0.migrant.0': 1 });
	});

	it('a new entry opens at its first part; removing an entry moves the parts of those after it', async () => {
		const session = await onRoster();
		for (const [i, name] of ['Armen', 'Vardan', 'Aram'].entries()) {
			session.addEntry('member', []);
			expect(session.entryStep('member', [], i)).toBe(0);
			migrant(session, i, name);
		}
		session.setEntryStep('member', [], 1, 1);
		session.setEntryStep('member', [], 2, 1);
		session.setEntryStep('migrant', [2], 0, 1);
		session.removeEntry('member', [], 1);
		expect(session.position.steps).toEqual({ 'member.1': 1, 'member.1.migrant.0': 1 });
		// The entry added in place of the removed third starts again at its first part.
		session.addEntry('member', []);
		expect(session.entryStep('member', [], 2)).toBe(0);
		expect(session.entryStep('member', [], 1)).toBe(1);
	});
});
