import { describe, expect, it } from 'vitest';
import { MAX_RETRY_MS, MIN_RETRY_MS, retryDelay } from './sync.svelte';

describe('retry backoff', () => {
	it('doubles from 5 s to 5 minutes', () => {
		const middle = () => 0.5;
		expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => retryDelay(n, middle))).toEqual([
			5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000
		]);
	});

	it('spreads retries by ±20 % so tablets that lost the network together do not return together', () => {
		expect(retryDelay(1, () => 0)).toBe(MIN_RETRY_MS * 0.8);
		expect(retryDelay(1, () => 0.999999)).toBeCloseTo(MIN_RETRY_MS * 1.2, -1);
		expect(retryDelay(30, () => 0.999999)).toBeLessThanOrEqual(MAX_RETRY_MS * 1.2);
	});
});
