import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findForm } from '$lib/forms';
import { head } from '$lib/forms/samples';
import type { ItemResult } from '$lib/wire';
import { MAX_DEPTH, MAX_EVENTS, MAX_META_CHARS, structuralProblems } from '$lib/wire-limits';
import { checkItem, receiveBatch, type FindForm } from './submissions';
import type { Store } from './storage/types';
import { seeded } from '../../../tests/support/random';
import { temporaryDatabase } from './storage/testing';
import { householdAnswers, sampleSubmission } from './testing';

let store: Store;
let dispose: () => Promise<void>;
beforeEach(async () => ({ store, dispose } = await temporaryDatabase('sqlite')));
afterEach(() => dispose());

async function results(items: unknown[], find: FindForm = findForm): Promise<ItemResult[]> {
	const res = await receiveBatch({ submissions: items }, store, find, null);
	if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${JSON.stringify(res.body)}`);
	return res.body.results;
}

/** `levels` arrays nested in one another, built without recursion. */
function nested(levels: number): unknown {
	let value: unknown = [];
	for (let i = 1; i < levels; i++) value = [value];
	return value;
}

const refusedFor = (item: unknown) => {
	const checked = checkItem(item, findForm);
	if (!('invalid' in checked)) throw new Error('expected the item to be refused');
	return checked.invalid;
};

describe('the structural pre-check of an item', () => {
	it(`counts the item as level 1: ${MAX_DEPTH} levels pass, ${MAX_DEPTH + 1} are refused where they go too deep`, () => {
		// item (1) → answers (2) → x (3..): the array holds MAX_DEPTH - 2 levels.
		expect(structuralProblems({ answers: { x: nested(MAX_DEPTH - 2) } }).errors).toEqual([]);
		const deep = structuralProblems({ answers: { x: nested(MAX_DEPTH - 1) } });
		expect(deep.errors).toEqual([{ path: `answers.x${'.0'.repeat(MAX_DEPTH - 2)}`, message: `nested deeper than ${MAX_DEPTH} levels` }]);
	});

	it('refuses a value nested 100,000 deep without overflowing the stack, in meta too', () => {
		const s = sampleSubmission();
		const answers = refusedFor({ ...s, answers: { ...s.answers, h_notes: nested(100_000) } });
		expect(answers.errors).toEqual([
			{ path: expect.stringMatching(/^answers\.h_notes(\.0)+$/), message: `nested deeper than ${MAX_DEPTH} levels` }
		]);
		const meta = refusedFor({ ...s, meta: { events: [{ t: s.startedAt, type: 'answer', value: nested(100_000) }] } });
		expect(meta).toMatchObject({
			id: s.id,
			status: 'invalid',
			errors: [{ path: expect.stringMatching(/^meta\.events\.0\.value(\.0)+$/) }]
		});
	});

	it('refuses a meta larger than its limit, naming the size', () => {
		const event = { t: '2026-11-30T08:00:00.000Z', type: 'change', path: 'h_notes', old: 'a'.repeat(5000), value: 'b'.repeat(5000) };
		const events = Array.from({ length: Math.ceil(MAX_META_CHARS / 10_000) + 1 }, () => event);
		expect(refusedFor(sampleSubmission({ meta: { events } })).errors).toEqual([
			{ path: 'meta', message: expect.stringMatching(new RegExp(`^meta is \\d+ characters of JSON; at most ${MAX_META_CHARS}$`)) }
		]);
	});

	it('refuses more events than the audit log may hold, and an event with too many keys', () => {
		const events = Array.from({ length: MAX_EVENTS + 1 }, () => ({ t: '2026-11-30T08:00:00.000Z', type: 'resume' }));
		expect(refusedFor(sampleSubmission({ meta: { events } })).errors).toEqual([
			{ path: 'meta.events', message: `more than ${MAX_EVENTS} items` }
		]);
		const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i]));
		expect(refusedFor(sampleSubmission({ meta: { events: [wide] } })).errors).toEqual([
			{ path: 'meta.events.0', message: 'an event has at most 32 keys' }
		]);
	});

	it('refuses over-long strings and keys, lone surrogates and __proto__ keys, but not a surrogate pair', () => {
		const s = sampleSubmission();
		const item = JSON.parse(
			JSON.stringify({
				...s,
				deviceId: 'x'.repeat(10_001),
				answers: { ...s.answers, h_notes: 'ok \ud83c\udfe0 ok', [`k${'y'.repeat(300)}`]: 1 }
			}).replace('"answers":{', '"answers":{"__proto__":{"hh_size":3},"settlement_other":"\\ud800 lone",')
		);
		expect(refusedFor(item).errors).toEqual([
			{ path: 'deviceId', message: 'longer than 10000 characters' },
			{ path: 'answers.__proto__', message: 'key: the key "__proto__" is not allowed' },
			{ path: 'answers.settlement_other', message: 'not valid Unicode text (a lone surrogate)' },
			{ path: `answers.k${'y'.repeat(300)}`, message: 'key: longer than 200 characters' }
		]);
	});
});

describe('errors of one item', () => {
	it('lists at most 20 and counts the rest in moreErrors', async () => {
		const s = sampleSubmission();
		const extra = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`unknown_${String(i).padStart(2, '0')}`, i]));
		const [result] = await results([{ ...s, answers: { ...s.answers, ...extra } }]);
		expect(result.status).toBe('invalid');
		expect(result.errors).toHaveLength(20);
		expect(result.errors?.[0]).toEqual({
			path: 'answers.unknown_00',
			message: 'unknown_00: "unknown_00" is not a question of this form here'
		});
		expect(result.errors?.[19].path).toBe('answers.unknown_19');
		expect(result.moreErrors).toBe(30);
	});

	it('has no moreErrors when everything is listed', async () => {
		const [result] = await results([{ ...sampleSubmission(), id: 'nope' }]);
		expect(result).toEqual({ id: 'nope', status: 'invalid', errors: [{ path: 'id', message: 'id must be a UUID' }] });
	});
});

describe('a batch with hostile items', () => {
	it('answers each hostile item invalid with a message, never failing the others', async () => {
		const s = () => sampleSubmission();
		const withAnswers = (answers: Record<string, unknown>) => ({ ...s(), answers: { ...householdAnswers(), ...answers } });
		const hostile: unknown[] = [
			null,
			42,
			'a string',
			[],
			[s()],
			{ id: 5 },
			{ ...s(), answers: [] },
			{ ...s(), meta: [] },
			{ ...s(), meta: { events: 'many' } },
			{ ...s(), meta: { events: [1, null, []] } },
			withAnswers({ member: 'everyone' }),
			withAnswers({ member: [1, null, [], 'x', { m_name: {} }] }),
			withAnswers({ member: [{ ...head, migrant: { not: 'a list' } }] }),
			withAnswers({ constructor: 1, toString: {}, hasOwnProperty: [] }),
			withAnswers({ resp_age: 1e308 }),
			withAnswers({ resp_age: -0.5, hh_moved_year: Number.MAX_SAFE_INTEGER + 2 }),
			withAnswers({ hh_forced_from: [{}, [], null] }),
			withAnswers({ resp_sex: { special: 'refused', extra: true } }),
			withAnswers({ h_notes: 'x'.repeat(2001) }),
			withAnswers({ member: Array.from({ length: 201 }, () => ({ ...head })) }),
			{ ...s(), formId: '__proto__', formVersion: 'constructor' }
		];
		const good = s();
		const found = await results([...hostile, good]);
		expect(found.slice(0, hostile.length).map((r, i) => [i, r.status])).toEqual(hostile.map((_, i) => [i, 'invalid']));
		for (const r of found.slice(0, hostile.length)) expect(r.errors?.length).toBeGreaterThan(0);
		expect(found.at(-1)).toEqual({ id: good.id, status: 'created' });
		expect(found[18].errors).toEqual([
			{ path: 'answers.h_notes', message: 'h_notes: the answer is longer than 2000 characters (max_length 2000)' }
		]);
		expect(found[19].errors).toEqual([{ path: 'answers.member', message: 'member: more than 200 entries (max_entries 200)' }]);
	});

	it('refuses a stored id resent with invalid content, leaves the row as it was, and still stores the others', async () => {
		const stored = sampleSubmission();
		expect(await results([stored])).toEqual([{ id: stored.id, status: 'created' }]);
		const before = await store.getSubmission(stored.id);

		const first = sampleSubmission();
		const last = sampleSubmission();
		const deep = { ...sampleSubmission(), answers: { h_notes: nested(50) } };
		const found = await results([
			first,
			{ ...stored, answers: { ...stored.answers, resp_age: 'forty' } },
			deep,
			{ ...stored, meta: { events: nested(40) } },
			last
		]);
		expect(found.map((r) => [r.id, r.status])).toEqual([
			[first.id, 'created'],
			[stored.id, 'invalid'],
			[deep.id, 'invalid'],
			[stored.id, 'invalid'],
			[last.id, 'created']
		]);
		expect(await store.getSubmission(stored.id)).toEqual(before);
		expect(await store.listConflicts()).toEqual([]);
		expect(await store.getSubmission(first.id)).toMatchObject({ id: first.id });
		expect(await store.getSubmission(last.id)).toMatchObject({ id: last.id });
	});

	it("makes an unforeseen failure that item's refusal, logged, and stores the rest", async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		const broken = sampleSubmission({ formVersion: 'broken' });
		const good = sampleSubmission();
		const find: FindForm = (id, version) => {
			if (version === 'broken') throw new Error('the form cache is broken');
			return findForm(id, version);
		};
		expect(await results([broken, good], find)).toEqual([
			{ id: broken.id, status: 'invalid', errors: [{ path: '', message: 'the item could not be checked' }] },
			{ id: good.id, status: 'created' }
		]);
		expect(logged).toHaveBeenCalledWith(expect.stringContaining(broken.id), expect.any(Error));
		logged.mockRestore();
	});
});

describe('checkItem on mutated items', () => {
	it('never throws: 600 samples with a value somewhere replaced by something odd', { timeout: 60_000 }, () => {
		const random = seeded(8);
		const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
		const odd = () =>
			pick<() => unknown>([
				() => null,
				() => pick([0, -1, 1e308, -1e-308, 2 ** 53 + 1, 0.5]),
				() => pick(['', ' ', 'x'.repeat(2001), 'yes', '2026-02-30', '__proto__']),
				() => [],
				() => [null, 1, 'a', {}],
				() => ({}),
				() => ({ special: pick(['dont_know', 'refused', 'maybe']) }),
				() => ({ lat: 91, lon: 0, accuracy: -1 }),
				() => ({ constructor: {}, toString: 1 }),
				() => nested(10),
				() => true
			])();
		for (let n = 0; n < 600; n++) {
			const item = JSON.parse(
				JSON.stringify({ ...sampleSubmission(), meta: { referenceDate: '2026-11-30', confirmed: [], events: [{ t: 'x', type: 'start' }] } })
			);
			// Walk to a random place and replace what is there.
			let holder: Record<string, unknown> | unknown[] = item;
			for (let depth = 0; depth < 6; depth++) {
				const keys = Object.keys(holder);
				if (!keys.length) break;
				const key = pick(keys);
				const inner = (holder as Record<string, unknown>)[key];
				if (typeof inner === 'object' && inner !== null && random() < 0.7) holder = inner as Record<string, unknown>;
				else {
					(holder as Record<string, unknown>)[key] = odd();
					break;
				}
			}
			expect(() => checkItem(item, findForm)).not.toThrow();
		}
	});
});
