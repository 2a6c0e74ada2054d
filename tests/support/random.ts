/**
 * The one seeded random generator of the tests: the same seed gives the same sequence on
 * every run and machine, so a failing seed can be replayed.
 */

export type Random = () => number;

/** mulberry32: small, fast, good enough to pick faults, answers and edits. Numbers in [0, 1). */
export function seeded(seed = 1): Random {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A whole number from min to max, both included. */
export const int = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

/** One of the items. */
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
