/**
 * Answer values as stored and sent (the wire shape), and how expressions see them.
 * text: string; integer, decimal, year: number; date: "YYYY-MM-DD"; select_one: code;
 * select_multiple: codes; geopoint: {lat, lon, accuracy} or {no_fix}; Don't know and
 * Refused: {special: "dont_know" | "refused"}; a repeat: an array of entry objects.
 */
import type { Value } from './expr';
import type { Choice, Question } from './schema';

export type Answers = Record<string, unknown>;
export type SpecialCode = 'dont_know' | 'refused';
export interface Special {
	special: SpecialCode;
}
export type GeoPoint = { lat: number; lon: number; accuracy: number } | { no_fix: string };

export function isSpecial(value: unknown): value is Special {
	return (
		typeof value === 'object' && value !== null && 'special' in value && (value.special === 'dont_know' || value.special === 'refused')
	);
}

/** Not answered: absent, null, blank text or no choice selected. Don't know / Refused are answers. */
export function isUnanswered(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const m = datePattern.exec(value);
	if (!m) return false;
	const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
	return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export type TypeProblem =
	'not_text' | 'not_integer' | 'not_number' | 'not_date' | 'not_year' | 'unknown_choice' | 'not_geopoint' | 'special_not_allowed';

/** Whether a non-empty answer has the shape its question type needs. */
export function typeProblem(q: Question, value: unknown, choices: readonly Choice[]): TypeProblem | undefined {
	if (isSpecial(value)) {
		const allowed = value.special === 'dont_know' ? q.allow_dont_know : q.allow_refused;
		return allowed ? undefined : 'special_not_allowed';
	}
	const known = (code: unknown) => typeof code === 'string' && choices.some((c) => c.value === code);
	switch (q.type) {
		case 'text':
			return typeof value === 'string' ? undefined : 'not_text';
		case 'integer':
			return Number.isSafeInteger(value) ? undefined : 'not_integer';
		case 'decimal':
			return typeof value === 'number' && Number.isFinite(value) ? undefined : 'not_number';
		case 'year':
			return Number.isInteger(value) && (value as number) >= 1800 && (value as number) <= 2200 ? undefined : 'not_year';
		case 'date':
			return isDate(value) ? undefined : 'not_date';
		case 'select_one':
			return known(value) ? undefined : 'unknown_choice';
		case 'select_multiple':
			return Array.isArray(value) && value.every(known) && new Set(value).size === value.length ? undefined : 'unknown_choice';
		case 'geopoint':
			return isGeoPoint(value) ? undefined : 'not_geopoint';
		case 'note':
		case 'calculate':
			return undefined;
	}
}

function isGeoPoint(value: unknown): value is GeoPoint {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	if ('no_fix' in v) return typeof v.no_fix === 'string' && v.no_fix.trim() !== '' && Object.keys(v).length === 1;
	const num = (x: unknown, limit: number) => typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= limit;
	return num(v.lat, 90) && num(v.lon, 180) && num(v.accuracy, 1e7) && (v.accuracy as number) >= 0 && Object.keys(v).length === 3;
}

/** The answer a question's default stands for: a select_multiple default lists its codes separated by spaces. */
export function defaultAnswer(q: Question): unknown {
	if (q.type === 'select_multiple' && typeof q.default === 'string') return q.default.split(/\s+/).filter((c) => c !== '');
	return q.default;
}

/** The answer as expressions read it: empty, Don't know and Refused are all null. */
export function toExprValue(value: unknown): Value {
	if (isUnanswered(value) || isSpecial(value)) return null;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
	if (typeof value === 'object' && value !== null && 'lat' in value) {
		const g = value as { lat: number; lon: number; accuracy: number };
		return `${g.lat} ${g.lon} 0 ${g.accuracy}`;
	}
	return null;
}

/** The field of every repeat entry holding its stable key: a UUID made on the device, sent on the wire. */
export const ENTRY_KEY = '_key';

export const entryKeyPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A random (version 4) UUID; made with getRandomValues, which, unlike randomUUID, also works outside secure contexts. */
export function newEntryKey(): string {
	const b = crypto.getRandomValues(new Uint8Array(16));
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
