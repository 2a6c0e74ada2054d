import { describe, expect, it } from 'vitest';
import { sampleSubmission } from '../testing';
import { canonicalJson, submissionHash } from './hash';
import { seeded } from '../../../../tests/support/random';

/**
 * The definition canonicalJson must meet, as it was first written (a sorting replacer):
 * simple to read, slow to run. canonicalJson builds the same text on V8's fast path.
 */
function definition(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) => {
		if (v && typeof v === 'object' && !Array.isArray(v)) {
			const sorted: Record<string, unknown> = {};
			for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
			return sorted;
		}
		return v;
	});
}

/** Random JSON-like data: what a device could send, and then some. */
function randomValue(depth: number, random: () => number): unknown {
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
	const kind = depth > 3 ? pick(['s', 'n', 'b', 'z']) : pick(['s', 'n', 'b', 'z', 'a', 'o', 'o']);
	const key = () =>
		pick(['a', 'B', 'b', '_', 'é', 'e\u0301', 'Ա', '10', '9', '0', '01', '-1', '1.5', '__proto__', 'toString', 'toJSON', '', 'z z', '👩‍🌾']);
	switch (kind) {
		case 's':
			return pick(['', 'Անահիտ', 'Анна', '\u200fשלום', '"\\\n', '\ud800', '👍🏽']);
		case 'n':
			return pick([0, -0, 1.5, -7, 1e21, 2 ** 53, Number.MAX_VALUE]);
		case 'b':
			return random() < 0.5;
		case 'z':
			return pick([null, undefined]);
		case 'a':
			return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(depth + 1, random));
		default: {
			const o: Record<string, unknown> = {};
			for (let i = Math.floor(random() * 5); i > 0; i--) o[key()] = randomValue(depth + 1, random);
			return JSON.parse(JSON.stringify(o));
		}
	}
}

describe('canonicalJson', () => {
	it('is exactly the definition on submissions', () => {
		const s = sampleSubmission({ meta: { referenceDate: '2026-11-30', events: [{ z: 1, a: [{ y: 2, b: null }] }] } });
		expect(canonicalJson(s)).toBe(definition(s));
	});

	it('sorts keys at every depth, integer-like keys first as JavaScript orders them', () => {
		expect(canonicalJson({ b: [{ y: 1, x: 2 }], a: 1, 10: 'ten', 9: 'nine', '01': 'zero-one' })).toBe(
			'{"9":"nine","10":"ten","01":"zero-one","a":1,"b":[{"x":2,"y":1}]}'
		);
	});

	it('is exactly the definition on the odd cases of JSON data', () => {
		const odd: unknown[] = [
			{ b: 1, a: 2, 10: 'ten', 9: 'nine', '01': 'zero-one' },
			JSON.parse('{"__proto__": {"x": 1}, "a": 1}'),
			JSON.parse('{"toJSON": {"b": 1, "a": 2}, "toString": 1}'),
			Object.assign(Object.create(null), { b: 1, a: 2 }),
			// eslint-disable-next-line no-sparse-arrays -- a hole, as JSON.stringify meets one
			[1, , 3, undefined, () => 1, Symbol('s')],
			{ u: undefined, f: () => 1, n: NaN, i: -Infinity, z: -0 },
			'just a string',
			42,
			null,
			[],
			{}
		];
		for (const value of odd) expect(canonicalJson(value), definition(value)).toBe(definition(value));
	});

	it('is exactly the definition on random data', () => {
		const random = seeded(7);
		for (let i = 0; i < 2000; i++) {
			const value = randomValue(0, random);
			expect(canonicalJson(value)).toBe(definition(value));
		}
	});

	it('refuses what is not plain JSON data instead of giving it a meaning of its own', () => {
		class Point {
			constructor(
				public y = 1,
				public x = 2
			) {}
		}
		const refused: unknown[] = [
			{ when: new Date(0) },
			{ map: new Map([[1, 2]]) },
			{ point: new Point() },
			{ json: { toJSON: () => ({ b: 1, a: 2 }) } },
			{ boxed: [new String('ab')] },
			{ big: 1n }
		];
		for (const value of refused) expect(() => canonicalJson(value)).toThrow(TypeError);
		expect(() => submissionHash({ a: 1n })).toThrow(/BigInt/);
	});

	it('gives equal hashes for equal content only', () => {
		expect(submissionHash({ a: 1, b: [1, 2] })).toBe(submissionHash({ b: [1, 2], a: 1 }));
		expect(submissionHash({ a: 1, b: [1, 2] })).not.toBe(submissionHash({ a: 1, b: [2, 1] }));
		expect(submissionHash({ a: 'x' })).toMatch(/^[0-9a-f]{64}$/);
	});
});
