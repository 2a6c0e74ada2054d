/** Conversions between value types, following XPath where it is sensible. See evaluate.ts. */
import type { Value } from './types';

const numeric = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** null, '' and an empty multi-select are empty. */
export function isEmptyValue(v: Value): boolean {
	return v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** null, '', 0, NaN, false and [] are false; everything else, including the string 'false', is true. */
export function toBoolean(v: Value): boolean {
	if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
	if (Array.isArray(v)) return v.length > 0;
	return Boolean(v);
}

/** A number, or NaN. Strings must be plain decimals ('12', ' -3.5 '); booleans are 1 and 0. */
export function toNumber(v: Value): number {
	if (typeof v === 'number') return v;
	if (typeof v === 'boolean') return v ? 1 : 0;
	if (v === null) return NaN;
	const text = toText(v).trim();
	return numeric.test(text) ? Number(text) : NaN;
}

/** The text of a value: null is '', a multi-select is its codes separated by spaces. */
export function toText(v: Value): string {
	if (v === null) return '';
	if (Array.isArray(v)) return v.map(toText).join(' ');
	return String(v);
}

/** NaN and infinities become null; -0 becomes 0. */
export function numberOrEmpty(n: number): number | null {
	if (!Number.isFinite(n)) return null;
	return n === 0 ? 0 : n;
}
