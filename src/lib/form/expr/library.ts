/** The functions that work on values alone (no context, no laziness). Semantics in evaluate.ts. */
import { isEmptyValue, numberOrEmpty, toNumber, toText } from './convert';
import type { Value } from './types';

/** The codes of a multi-select, whether stored as an array or as space-separated text. */
function codes(v: Value): string[] {
	if (v === null) return [];
	if (Array.isArray(v)) return v.map(toText).filter((c) => c !== '');
	return toText(v)
		.split(/\s+/)
		.filter((c) => c !== '');
}

export function selected(v: Value, code: Value): boolean {
	return codes(v).includes(toText(code).trim());
}

export function countSelected(v: Value): number {
	return codes(v).length;
}

/** Characters, not UTF-16 units. */
export function stringLength(v: Value): number {
	return Array.from(toText(v)).length;
}

const compiled = new Map<string, RegExp | null>();

/** The pattern as written, like ODK (no implied ^ and $); an invalid pattern never matches. */
export function regex(v: Value, pattern: Value): boolean {
	if (v === null) return false;
	const source = toText(pattern);
	let re = compiled.get(source);
	if (re === undefined) {
		try {
			re = new RegExp(source);
		} catch {
			re = null;
		}
		if (compiled.size > 500) compiled.clear();
		compiled.set(source, re);
	}
	return re ? re.test(toText(v)) : false;
}

/** Moves the decimal point by `places` exactly, through the decimal text rather than by multiplying. */
function shift(n: number, places: number): number {
	const [mantissa, exponent = '0'] = String(n).split('e');
	return Number(`${mantissa}e${Number(exponent) + places}`);
}

/** Half away from zero, like ODK: round(2.5) = 3, round(-2.5) = -3, round(1.005, 2) = 1.01. */
export function round(v: Value, digits: Value = 0): number | null {
	const n = toNumber(v);
	const d = Math.trunc(toNumber(digits));
	if (isEmptyValue(v) || !Number.isFinite(n) || !Number.isFinite(d)) return null;
	const scaled = shift(Math.abs(n), d);
	if (!Number.isFinite(scaled)) return numberOrEmpty(n); // more digits than a double holds
	return numberOrEmpty(Math.sign(n) * shift(Math.round(scaled), -d));
}

export function int(v: Value): number | null {
	return numberOrEmpty(Math.trunc(toNumber(v)));
}

const dayMs = 86_400_000;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/;

/** "YYYY-MM-DD" for a real calendar date (a date-time keeps its date part); a number counts days from 1970-01-01. */
export function date(v: Value): string | null {
	if (typeof v === 'number') {
		if (!Number.isInteger(v) || Math.abs(v) > 3_000_000) return null;
		return new Date(v * dayMs).toISOString().slice(0, 10);
	}
	const m = datePattern.exec(toText(v).trim());
	if (!m) return null;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const d = new Date(Date.UTC(year, month - 1, day));
	const valid = d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
	return valid ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/**
 * sum(), max() and min() over every value of a field: empty values are skipped; a value
 * that is not a number makes the result empty. sum() of nothing is 0, max() and min() empty.
 */
export function aggregate(kind: 'sum' | 'max' | 'min', values: Value[]): number | null {
	const numbers = values.filter((v) => !isEmptyValue(v)).map(toNumber);
	if (numbers.some(Number.isNaN)) return null;
	if (kind === 'sum') return numberOrEmpty(numbers.reduce((a, b) => a + b, 0));
	if (numbers.length === 0) return null;
	return kind === 'max' ? Math.max(...numbers) : Math.min(...numbers);
}
