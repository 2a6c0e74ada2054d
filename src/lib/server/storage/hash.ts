/**
 * The one content hash of a submission: sha256 (hex) of its canonical JSON. Both stores
 * decide duplicate or conflict by it, and keep it in content_hash: its meaning must never
 * change (golden.test.ts pins the hash of a fixed submission).
 */
import { createHash } from 'node:crypto';

/**
 * A copy with object keys inserted in sorted order (`{}` and assignment, so integer-like keys
 * still come first, as JavaScript orders them). Stringifying it without a replacer keeps V8's
 * fast path: hashing dominates the cost of deciding a resent batch.
 */
function sortedCopy(v: unknown): unknown {
	if (typeof v !== 'object' || v === null) return v;
	if (typeof (v as { toJSON?: unknown }).toJSON === 'function')
		throw new TypeError('canonicalJson takes plain JSON data, not an object with toJSON');
	if (Array.isArray(v)) return v.map(sortedCopy);
	const proto: unknown = Object.getPrototypeOf(v);
	if (proto !== Object.prototype && proto !== null) throw new TypeError('canonicalJson takes plain JSON data, not a class instance');
	const sorted: Record<string, unknown> = {};
	for (const k of Object.keys(v).sort()) sorted[k] = sortedCopy((v as Record<string, unknown>)[k]);
	return sorted;
}

/**
 * JSON with object keys sorted at every depth: equal content gives equal text. Takes plain
 * JSON data (what JSON.parse makes, as every submission is): anything else (Date, Map, a
 * class, toJSON, BigInt) is refused with a TypeError rather than given a meaning of its own.
 */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(sortedCopy(value));
}

/** sha256 (hex) of the canonical JSON: the content hash both stores keep and compare. */
export function submissionHash(value: unknown): string {
	return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** The same hash of any JSON content: a published form's definition is compared by it. */
export const contentHash = submissionHash;
