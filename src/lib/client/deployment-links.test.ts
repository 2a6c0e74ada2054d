import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileForm, type CompiledForm } from '$lib/form';
import { definitionOf, list, q, repeat, tr } from '$lib/form/testing';
import { TunDatabase } from './db';
import { storeForm } from './forms';
import { MissingSettingsError, finalizeInterview, getInterview, startInterview, toSubmission } from './interviews';
import { InterviewSession } from './session.svelte';
import { setDeployment } from './settings';

const definition = {
	...definitionOf(
		[
			q.note('consent_note', { label: 'This survey is run by ${deployment.institution}. Questions: ${deployment.contact}.' }),
			repeat('member', [q.text('m_name'), q.selectOne('m_sex', 'sex')], { summary: ['m_name'] }),
			q.selectOne('spouse', '', { choices: undefined, link: 'member', choice_filter: "${m_sex} = 'male'" })
		],
		{ sex: list('male', 'female') }
	),
	version: 'links-1'
};
const compiled = compileForm(definition);
if (compiled.status !== 'ok') throw new Error(JSON.stringify(compiled.problems));
const form: CompiledForm = compiled.form;

const institute = { institution: tr('Caucasus Institute'), contact: tr('Anna, +374 10 000000') };

let db: TunDatabase;
beforeEach(async () => {
	db = new TunDatabase(`links-${crypto.randomUUID()}`);
	await storeForm(db, definition, '2026-11-30T08:00:00.000Z');
});
afterEach(() => db.close());

async function open(id: string): Promise<InterviewSession> {
	const session = await InterviewSession.open(db, id);
	if (!session) throw new Error('interview not found');
	return session;
}

describe('deployment settings on the device', () => {
	it('no interview starts on a form whose consent cites settings the tablet does not have', async () => {
		await expect(startInterview(db, form, 'en')).rejects.toThrow(MissingSettingsError);
		expect(await db.interviews.count()).toBe(0);
		await setDeployment(db, { institution: institute.institution });
		await expect(startInterview(db, form, 'en')).rejects.toMatchObject({ missing: ['contact'] });
	});

	it('an interview reads the settings it started with, and its submission carries the text shown', async () => {
		await setDeployment(db, institute);
		const id = await startInterview(db, form, 'hy');
		await setDeployment(db, { institution: tr('Another institute'), contact: tr('Nobody') });
		const session = await open(id);
		const note = form.nodes.get('consent_note')!.item;
		session.setLanguage('en');
		await session.flushed();
		expect(session.text(note.label)).toBe('This survey is run by Caucasus Institute. Questions: Anna, +374 10 000000.');
		expect(await finalizeInterview(db, form, id)).toEqual({ status: 'finalized' });
		const submission = toSubmission((await getInterview(db, id))!);
		expect(submission.meta?.shown).toEqual({
			consent_note: 'This survey is run by Caucasus Institute (hy). Questions: Anna, +374 10 000000 (hy). (hy)'
		});
		expect(submission.meta?.deployment).toEqual(institute);
	});
});

describe('member links on the device', () => {
	it('a link cleared by deleting its member stays marked after the tablet reloads', async () => {
		await setDeployment(db, institute);
		const id = await startInterview(db, form, 'en');
		const session = await open(id);
		session.addEntry('member', []);
		session.answer('m_name', [0], 'Aram');
		session.answer('m_sex', [0], 'male');
		session.answer('spouse', [], session.engine.choices('spouse')[0].value);
		session.removeEntry('member', [], 0);
		await session.flushed();
		const again = await open(id);
		expect(again.engine.raw('spouse')).toBeUndefined();
		expect(again.engine.issue('spouse')).toEqual({ kind: 'unlinked' });
		expect(await finalizeInterview(db, form, id)).toEqual({ status: 'incomplete', count: 1 });
	});

	it('a draft stored before entries had keys gets them when opened, and keeps them', async () => {
		await setDeployment(db, institute);
		const id = await startInterview(db, form, 'en');
		await db.interviews.update(id, { answers: { member: [{ m_name: 'Aram', m_sex: 'male' }] } });
		const session = await open(id);
		const key = (session.engine.answers.member as { _key?: string }[])[0]._key;
		expect(key).toMatch(/^[0-9a-f-]{36}$/);
		await session.flushed();
		const stored = (await getInterview(db, id))!.answers.member as { _key?: string }[];
		expect(stored[0]._key).toBe(key);
		expect((await open(id)).engine.choices('spouse').map((c) => c.value)).toEqual([key]);
	});
});
