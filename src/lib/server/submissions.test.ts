import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findForm } from '$lib/forms';
import { refusal } from '$lib/forms/samples';
import { receiveBatch } from './submissions';
import type { Store } from './storage/types';
import { temporaryDatabase } from './storage/testing';
import { householdAnswers, sampleSubmission } from './testing';

let store: Store;
let dispose: () => Promise<void>;
beforeEach(async () => ({ store, dispose } = await temporaryDatabase('sqlite')));
afterEach(() => dispose());

const send = (body: unknown) => receiveBatch(body, store, findForm, null);
const formId = () => sampleSubmission().formId;

describe('POST /api/submissions handler', () => {
	it('refuses a malformed envelope with a message and stores nothing', async () => {
		for (const body of [null, [], { submissions: 'x' }, { items: [sampleSubmission()] }]) {
			const res = await send(body);
			expect(res.status).toBe(400);
			expect(res.body).toEqual({ error: expect.any(String) });
		}
		expect(await store.listSubmissions(formId())).toEqual([]);
	});

	it('refuses an empty batch and one over 100 items', async () => {
		expect(await send({ submissions: [] })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/at least one/) } });
		const big = Array.from({ length: 101 }, () => sampleSubmission());
		expect(await send({ submissions: big })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/at most 100/) } });
		expect(await store.listSubmissions(formId())).toEqual([]);
	});

	it("refuses a submission in a language its form does not have, and takes one in each of the form's", async () => {
		const swahili = sampleSubmission({ language: 'sw' });
		const badCode = sampleSubmission({ language: 'Kiswahili' as never });
		const russian = sampleSubmission({ language: 'ru' });
		const res = await send({ submissions: [swahili, badCode, russian] });
		expect(res.status).toBe(200);
		expect((res.body as { results: unknown[] }).results).toEqual([
			{
				id: swahili.id,
				status: 'invalid',
				errors: [{ path: 'language', message: 'language "sw" is not one of the form\'s languages (hy, ru, en)' }]
			},
			{ id: badCode.id, status: 'invalid', errors: [{ path: 'language', message: expect.stringContaining('language code') }] },
			{ id: russian.id, status: 'created' }
		]);
	});

	it('answers each item on its own: created, invalid, duplicate; a refusal at consent is a valid interview', async () => {
		const good = sampleSubmission();
		const refused = sampleSubmission({ answers: refusal() });
		const res = await send({ submissions: [good, { ...sampleSubmission(), id: 'not-a-uuid' }, good, refused] });
		expect(res).toEqual({
			status: 200,
			body: {
				results: [
					{ id: good.id, status: 'created' },
					{ id: 'not-a-uuid', status: 'invalid', errors: [{ path: 'id', message: 'id must be a UUID' }] },
					{ id: good.id, status: 'duplicate' },
					{ id: refused.id, status: 'created' }
				]
			}
		});
	});

	it('refuses answers that break the form, naming the question and the entry', async () => {
		const answers = householdAnswers() as { member: Record<string, unknown>[] } & Record<string, unknown>;
		answers.member[0] = { ...answers.member[0], m_age: 140 };
		const s = sampleSubmission({ answers: { ...answers, resp_rel_head: undefined, roster_ok: 'maybe' } });
		const res = await send({ submissions: [s] });
		const errors = res.status === 200 ? res.body.results[0].errors : [];
		expect(errors?.map((e) => e.path)).toEqual(
			expect.arrayContaining(['answers.resp_rel_head', 'answers.member.0.m_age', 'answers.roster_ok'])
		);
		expect(await store.getSubmission(s.id)).toBeUndefined();
	});

	it('refuses answers to questions that do not apply, and unknown questions', async () => {
		const s = sampleSubmission({ answers: { ...refusal(), resp_age: 40, salary: 5 } });
		const res = await send({ submissions: [s] });
		expect(res.status === 200 && res.body.results[0].errors).toEqual([
			{ path: 'answers.resp_age', message: 'resp_age: an answer to a question that does not apply' },
			{ path: 'answers.salary', message: 'salary: "salary" is not a question of this form here' }
		]);
	});

	it('accepts a break-off with missing answers, but not with wrong ones', async () => {
		const partial = { site_type: 'armenia', settlement: 'yerevan', consent: 'yes', resp_sex: 'female' };
		const meta = { breakOff: { at: 'respondent', reason: 'called away' } };
		const ok = sampleSubmission({ answers: partial, meta });
		const wrong = sampleSubmission({ answers: { ...partial, resp_age: 7 }, meta });
		const res = await send({ submissions: [ok, wrong] });
		expect(res.status === 200 && res.body.results.map((r) => r.status)).toEqual(['created', 'invalid']);
	});

	it('refuses a form version the server does not know', async () => {
		const s = sampleSubmission({ formVersion: '1999-01-01' });
		const res = await send({ submissions: [s] });
		expect(res.status === 200 && res.body.results[0]).toMatchObject({
			id: s.id,
			status: 'invalid',
			errors: [{ path: 'formVersion', message: expect.stringMatching(/does not know/) }]
		});
	});

	it('explains a missing field in words', async () => {
		const { deviceId: _, ...partial } = sampleSubmission();
		const res = await send({ submissions: [partial] });
		expect(res.status === 200 && res.body.results[0].errors).toEqual([
			{ path: 'deviceId', message: expect.stringMatching(/expected string, received undefined/) }
		]);
	});

	it('refuses NUL characters anywhere in an item, naming where', async () => {
		const s = sampleSubmission({ answers: { ...householdAnswers(), h_notes: 'a\u0000b' } });
		const res = await send({ submissions: [s] });
		expect(res.status === 200 && res.body.results[0]).toEqual({
			id: s.id,
			status: 'invalid',
			errors: [{ path: 'answers.h_notes', message: 'NUL characters are not allowed' }]
		});
	});
});
