import { describe, expect, it } from 'vitest';
import { checkAnswers } from './check';
import { compileForm } from './validate';
import { DEFAULT_MAX_ENTRIES, DEFAULT_MAX_LENGTH } from './limits';
import type { Item } from './schema';
import { compiled, definitionOf, engineOf, group, q, repeat } from './testing';

const messagesOf = (items: Item[]) => {
	const result = compileForm(definitionOf(items));
	if (result.status === 'ok') throw new Error('expected the definition to be rejected');
	return result.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('max_length and max_entries in a definition', () => {
	it('are accepted as whole numbers on text questions and repeats', () => {
		const result = compileForm(
			definitionOf([q.text('note', { max_length: 500 }), repeat('member', [q.text('m_name')], { max_entries: 30 })])
		);
		expect(result.status).toBe('ok');
	});

	it('are refused when not a whole number from 1 up to the ceiling', () => {
		expect(
			messagesOf([
				q.text('a', { max_length: 0 }),
				q.text('b', { max_length: 2.5 }),
				q.text('c', { max_length: 10_001 }),
				q.text('d', { max_length: -1 }),
				repeat('r1', [q.text('x')], { max_entries: 0 }),
				repeat('r2', [q.text('y')], { max_entries: 1001 }),
				repeat('r3', [q.text('z')], { max_entries: 1.5 })
			])
		).toEqual([
			'items.0.max_length: a: max_length must be a whole number from 1 to 10000',
			'items.1.max_length: b: max_length must be a whole number from 1 to 10000',
			'items.2.max_length: c: max_length must be a whole number from 1 to 10000',
			'items.3.max_length: d: max_length must be a whole number from 1 to 10000',
			'items.4.max_entries: r1: max_entries must be a whole number from 1 to 1000',
			'items.5.max_entries: r2: max_entries must be a whole number from 1 to 1000',
			'items.6.max_entries: r3: max_entries must be a whole number from 1 to 1000'
		]);
	});

	it('are refused on the wrong types, and when not numbers', () => {
		expect(messagesOf([q.integer('n', { max_length: 10 }), q.note('hello', { max_length: 10 })])).toEqual([
			'items.0.max_length: n: only a text question takes a max_length',
			'items.1.max_length: hello: only a text question takes a max_length'
		]);
		const onGroup = { ...group('g', [q.text('t')]), max_entries: 3 } as Item;
		const onQuestion = { ...q.text('u'), max_entries: 3 } as Item;
		const asText = { ...q.text('v'), max_length: '100' } as unknown as Item;
		expect(messagesOf([onGroup, onQuestion, asText])).toEqual([
			'items.0: unknown field(s): max_entries',
			'items.1: unknown field(s): max_entries',
			'items.2.max_length: of the wrong type',
			'items.2.max_length: v: max_length must be a whole number from 1 to 10000'
		]);
	});

	it('refuse a text default longer than max_length', () => {
		expect(messagesOf([q.text('code', { max_length: 3, default: 'ABCD' })])).toEqual([
			'items.0.default: code: the default "ABCD" is longer than max_length 3'
		]);
	});
});

describe('the engine and the server check', () => {
	const form = compiled([
		q.text('note'),
		q.text('code', { max_length: 5 }),
		repeat('member', [q.text('m_name')]),
		repeat('plot', [q.text('p_name')], { max_entries: 3 }),
		q.integer('n'),
		repeat('child', [q.text('c_name')], { count: '${n}', max_entries: 4 })
	]);
	const check = (answers: Record<string, unknown>) => checkAnswers(form, answers, { today: '2026-11-30' });

	it('a text longer than its max_length (2000 by default) is an error naming the limit', () => {
		expect(check({ note: 'x'.repeat(DEFAULT_MAX_LENGTH), code: 'ABCDE' })).toEqual([]);
		expect(check({ note: 'x'.repeat(DEFAULT_MAX_LENGTH + 1), code: 'ABCDEF', member: [{ m_name: 'y'.repeat(2001) }] })).toEqual([
			{ path: 'note', code: 'too_long', message: 'the answer is longer than 2000 characters (max_length 2000)' },
			{ path: 'code', code: 'too_long', message: 'the answer is longer than 5 characters (max_length 5)' },
			{ path: 'member.0.m_name', code: 'too_long', message: 'the answer is longer than 2000 characters (max_length 2000)' }
		]);
	});

	it('a repeat with more entries than max_entries (200 by default) is an error naming the limit', () => {
		const members = (n: number) => Array.from({ length: n }, (_, i) => ({ m_name: `m${i}` }));
		expect(check({ member: members(DEFAULT_MAX_ENTRIES), plot: [{}, {}, {}] })).toEqual([]);
		expect(check({ member: members(DEFAULT_MAX_ENTRIES + 1), plot: [{}, {}, {}, {}] })).toEqual([
			{ path: 'member', code: 'too_many_entries', message: 'more than 200 entries (max_entries 200)' },
			{ path: 'plot', code: 'too_many_entries', message: 'more than 3 entries (max_entries 3)' }
		]);
	});

	it('a count asking for more entries than max_entries is an error; the entries stop at the limit', () => {
		expect(check({ n: 4, child: [{}, {}, {}, {}] })).toEqual([]);
		expect(check({ n: 9, child: [{}, {}, {}, {}] })).toEqual([
			{ path: 'child', code: 'too_many_entries', message: 'more than 4 entries (max_entries 4)' }
		]);
		const e = engineOf([q.integer('n'), repeat('child', [q.text('c_name')], { count: '${n}', max_entries: 4 })], { answers: { n: 9 } });
		expect(e.entryCount('child')).toBe(4);
		expect(e.issues()).toEqual([{ name: 'child', place: [], issue: { kind: 'limit', code: 'too_many_entries', max: 4 } }]);
		e.set('n', [], 3);
		expect(e.issues()).toEqual([]);
	});

	it('on the device: a too-long answer blocks, and a free repeat takes no entry past max_entries', () => {
		const e = engineOf([q.text('code', { max_length: 5 }), repeat('plot', [q.text('p_name')], { max_entries: 2 })]);
		e.set('code', [], 'ABCDEF');
		expect(e.issue('code')).toEqual({ kind: 'limit', code: 'too_long', max: 5 });
		expect(e.blocks(e.issue('code'))).toBe(true);
		e.set('code', [], 'ABCDE');
		expect(e.issue('code')).toBeUndefined();
		expect([e.addEntry('plot'), e.canAddEntry('plot'), e.addEntry('plot'), e.canAddEntry('plot')]).toEqual([0, true, 1, false]);
		expect(() => e.addEntry('plot')).toThrow(/at most 2 entries/);
		expect(e.entryCount('plot')).toBe(2);
	});

	it('reads only answers of its own: Object.prototype names are no answers', () => {
		const e = engineOf([q.text('constructor', { required: true })]);
		expect(e.raw('constructor')).toBeUndefined();
		expect(e.issue('constructor')).toEqual({ kind: 'required' });
	});
});
