import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findForm } from '$lib/forms';
import { receiveBatch } from './submissions';
import type { Store } from './storage/types';
import { pilotSubmission, temporaryStore } from './testing';

let store: Store;
let dispose: () => Promise<void>;
beforeEach(() => ({ store, dispose } = temporaryStore()));
afterEach(() => dispose());

const send = (body: unknown) => receiveBatch(body, store, findForm);

describe('POST /api/submissions handler', () => {
	it('refuses a malformed envelope with a message and stores nothing', async () => {
		for (const body of [null, [], { submissions: 'x' }, { items: [pilotSubmission()] }]) {
			const res = await send(body);
			expect(res.status).toBe(400);
			expect(res.body).toEqual({ error: expect.any(String) });
		}
		expect(await store.listSubmissions('household_pilot')).toEqual([]);
	});

	it('refuses an empty batch and one over 100 items', async () => {
		expect(await send({ submissions: [] })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/at least one/) } });
		const big = Array.from({ length: 101 }, () => pilotSubmission());
		expect(await send({ submissions: big })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/at most 100/) } });
		expect(await store.listSubmissions('household_pilot')).toEqual([]);
	});

	it('answers each item on its own: created, invalid, duplicate', async () => {
		const good = pilotSubmission();
		const res = await send({ submissions: [good, { ...pilotSubmission(), id: 'not-a-uuid' }, good] });
		expect(res).toEqual({
			status: 200,
			body: {
				results: [
					{ id: good.id, status: 'created' },
					{ id: 'not-a-uuid', status: 'invalid', errors: [{ path: 'id', message: 'id must be a UUID' }] },
					{ id: good.id, status: 'duplicate' }
				]
			}
		});
	});

	it('refuses answers that break the form, naming the question', async () => {
		const s = pilotSubmission({ answers: { hh_size: 'many', site_type: 'russia', has_land: 'no', member: [{ m_name: 'A', m_sex: 'male', m_age: 140, m_away: 'no' }] } });
		const res = await send({ submissions: [s] });
		expect(res.status === 200 && res.body.results[0]).toMatchObject({
			status: 'invalid',
			errors: [
				{ path: 'answers.resp_name', message: expect.stringMatching(/required/) },
				{ path: 'answers.hh_size', message: expect.stringMatching(/not integer/) },
				{ path: 'answers.member.0.m_age', message: expect.stringMatching(/between 0 and 110/) }
			]
		});
		expect(await store.getSubmission(s.id)).toBeUndefined();
	});

	it('refuses a form version the server does not know', async () => {
		const s = pilotSubmission({ formVersion: '1999-01-01' });
		const res = await send({ submissions: [s] });
		expect(res.status === 200 && res.body.results[0]).toMatchObject({
			id: s.id,
			status: 'invalid',
			errors: [{ path: 'formVersion', message: expect.stringMatching(/does not know/) }]
		});
	});

	it('explains a missing field in words', async () => {
		const { deviceId: _, ...partial } = pilotSubmission();
		const res = await send({ submissions: [partial] });
		expect(res.status === 200 && res.body.results[0].errors).toEqual([
			{ path: 'deviceId', message: expect.stringMatching(/expected string, received undefined/) }
		]);
	});
});
