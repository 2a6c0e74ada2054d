import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical';

/** Met something that is not plain JSON data: canonicalJson's own rules decide then. */
class NotPlain extends Error {}

/**
 * A copy with object keys inserted in sorted order, for plain JSON data only: stringifying it
 * without a replacer keeps V8's fast path. Objects are built exactly like canonicalJson's
 * (`{}` and assignment, keys sorted the same way), so the text comes out identical.
 */
function sortedCopy(v: unknown): unknown {
	if (typeof v !== 'object' || v === null) return v;
	if ('toJSON' in v) throw new NotPlain();
	if (Array.isArray(v)) return v.map(sortedCopy);
	const proto: unknown = Object.getPrototypeOf(v);
	if (proto !== Object.prototype && proto !== null) throw new NotPlain();
	const sorted: Record<string, unknown> = {};
	for (const k of Object.keys(v).sort()) sorted[k] = sortedCopy((v as Record<string, unknown>)[k]);
	return sorted;
}

/**
 * Exactly canonicalJson(value) (tests compare them), about a third faster on submissions:
 * hashing dominates the cost of saving a batch.
 */
export function fastCanonicalJson(value: unknown): string {
	let copy: unknown;
	try {
		copy = sortedCopy(value);
	} catch (error) {
		if (error instanceof NotPlain) return canonicalJson(value);
		throw error;
	}
	return JSON.stringify(copy);
}

/** Same as contentHash of ../canonical: sha256 (hex) of the canonical JSON. */
export function submissionHash(value: unknown): string {
	return createHash('sha256').update(fastCanonicalJson(value)).digest('hex');
}
