import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../canonical';
import { sampleSubmission } from '../testing';
import { fastCanonicalJson, submissionHash } from './hash';

/** Random JSON-like data: what a device could send, and then some. */
function randomValue(depth: number, random: () => number): unknown {
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
	const kind = depth > 3 ? pick(['s', 'n', 'b', 'z']) : pick(['s', 'n', 'b', 'z', 'a', 'o', 'o']);
	const key = () => pick(['a', 'B', 'b', '_', 'é', 'e\u0301', 'Ա', '10', '9', '0', '01', '-1', '1.5', '__proto__', 'toString', '', 'z z', '👩‍🌾']);
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

function seeded(seed: number) {
	return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

describe('fastCanonicalJson', () => {
	it('gives exactly canonicalJson on submissions', () => {
		const s = sampleSubmission({ meta: { referenceDate: '2026-11-30', events: [{ z: 1, a: [{ y: 2, b: null }] }] } });
		expect(fastCanonicalJson(s)).toBe(canonicalJson(s));
		expect(submissionHash(s)).toBe(contentHash(s));
	});

	it('gives exactly canonicalJson on the odd cases', () => {
		class Point {
			constructor(
				public y = 1,
				public x = 2
			) {}
		}
		const odd: unknown[] = [
			{ b: 1, a: 2, 10: 'ten', 9: 'nine', '01': 'zero-one' },
			JSON.parse('{"__proto__": {"x": 1}, "a": 1}'),
			Object.assign(Object.create(null), { b: 1, a: 2 }),
			[1, , 3, undefined, () => 1, Symbol('s')],
			{ u: undefined, f: () => 1, n: NaN, i: -Infinity, z: -0 },
			{ when: new Date(0), map: new Map([[1, 2]]), set: new Set([1]), point: new Point() },
			{ json: { toJSON: () => ({ b: 1, a: 2 }) } },
			{ boxed: [new String('ab'), new Number(1), new Boolean(false)] },
			Object.assign([1, 2], { toJSON: () => 'array' }),
			'just a string',
			42,
			null,
			[],
			{}
		];
		for (const value of odd) expect(fastCanonicalJson(value), String(canonicalJson(value))).toBe(canonicalJson(value));
	});

	it('gives exactly canonicalJson on random data', () => {
		const random = seeded(7);
		for (let i = 0; i < 2000; i++) {
			const value = randomValue(0, random);
			expect(fastCanonicalJson(value)).toBe(canonicalJson(value));
		}
	});

	it('fails where canonicalJson fails', () => {
		expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
		expect(() => fastCanonicalJson({ a: 1n })).toThrow(TypeError);
	});
});
