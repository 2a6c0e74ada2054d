import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('rate limiter', () => {
	it('allows 60 requests a minute per key, then says when to come back', () => {
		const limiter = new RateLimiter(60, 60_000);
		for (let i = 0; i < 60; i++) expect(limiter.take('a', 1000 + i)).toEqual({ ok: true });
		expect(limiter.take('a', 2000)).toEqual({ ok: false, retryAfter: 59 });
		expect(limiter.take('b', 2000)).toEqual({ ok: true });
		expect(limiter.take('a', 61_001)).toEqual({ ok: true });
	});
});
