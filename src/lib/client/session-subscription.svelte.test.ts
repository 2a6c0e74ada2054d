// @vitest-environment svelte-client
/**
 * The interface follows the engine through one subscription: whatever reads `session.engine`
 * (or a session method reading it) inside a $derived or an effect is run again after each
 * change of the answers, with no counter to remember. Svelte compiled for the browser here.
 */
import 'fake-indexeddb/auto';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { household20261201 } from '$lib/forms';
import definition from '$lib/forms/household_migration.2026-12-01.json' with { type: 'json' };
import { TunDatabase } from './db';
import { storeForm } from './forms';
import { startInterview } from './interviews';
import { InterviewSession } from './session.svelte';

let db: TunDatabase;
beforeEach(async () => {
	db = new TunDatabase(`session-subscription-${crypto.randomUUID()}`);
	await storeForm(db, definition, '2026-11-30T08:00:00.000Z');
});
afterEach(() => db.close());

async function started(): Promise<InterviewSession> {
	const session = await InterviewSession.open(db, await startInterview(db, household20261201, 'en'));
	if (!session) throw new Error('interview not found');
	return session;
}

/** Runs `read` in a $derived that an effect shows, as a component would; every value it showed. */
function shown<T>(read: () => T): { values: T[]; stop: () => void } {
	const values: T[] = [];
	const stop = $effect.root(() => {
		const value = $derived(read());
		$effect(() => void values.push(value));
	});
	flushSync();
	return { values, stop };
}

describe('the interface follows the engine', () => {
	it('a $derived over session.engine shows each answer as it is given', async () => {
		const session = await started();
		const site = shown(() => session.engine.raw('site_type'));
		expect(site.values).toEqual([undefined]);
		session.answer('site_type', [], 'armenia');
		flushSync();
		session.answer('site_type', [], 'russia');
		flushSync();
		expect(site.values).toEqual([undefined, 'armenia', 'russia']);
		site.stop();
	});

	it('session methods that read the engine follow it too: a refusal drops the later screens from the progress', async () => {
		const session = await started();
		const progress = shown(() => session.progress());
		const consentScreen = household20261201.screens.findIndex((s) => s.name === 'consent_block');
		const later = shown(() => session.screenRelevant(consentScreen + 1));
		session.answer('site_type', [], 'armenia');
		session.answer('settlement', [], 'yerevan');
		session.answer('consent', [], 'yes');
		flushSync();
		const consenting = session.progress();
		session.answer('consent', [], 'no');
		flushSync();
		expect(progress.values.at(-1)).toEqual(session.progress());
		expect(progress.values.at(-1)!.total).toBeLessThan(consenting.total);
		expect(progress.values).toContainEqual(consenting);
		expect(later.values).toEqual([false, true, false]);
		progress.stop();
		later.stop();
	});

	it('adding and removing roster entries shows at once; reads alone run nothing again', async () => {
		const session = await started();
		let runs = 0;
		const count = shown(() => (runs++, session.engine.entryCount('member')));
		session.addEntry('member', []);
		flushSync();
		session.addEntry('member', []);
		flushSync();
		session.removeEntry('member', [], 0);
		flushSync();
		expect(count.values).toEqual([0, 1, 2, 1]);
		const before = runs;
		session.engine.issues();
		session.engine.submission();
		session.progress();
		flushSync();
		expect(runs).toBe(before);
		count.stop();
	});
});
