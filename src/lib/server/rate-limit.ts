/** A sliding window of requests per key (an enumerator): at most `limit` in any `windowMs`. */
export class RateLimiter {
	private readonly seen = new Map<string, number[]>();

	constructor(
		readonly limit = 60,
		readonly windowMs = 60_000
	) {}

	/** Counts a request; when over the limit, says how many seconds until one is allowed. */
	take(key: string, now = Date.now()): { ok: true } | { ok: false; retryAfter: number } {
		const times = (this.seen.get(key) ?? []).filter((t) => t > now - this.windowMs);
		if (times.length >= this.limit) {
			this.seen.set(key, times);
			return { ok: false, retryAfter: Math.max(1, Math.ceil((times[0] + this.windowMs - now) / 1000)) };
		}
		times.push(now);
		this.seen.set(key, times);
		return { ok: true };
	}
}
