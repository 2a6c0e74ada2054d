/**
 * Limits of the sync contract, shared by device and server: how deep, how long and how
 * large one submission may be. The server checks them on the raw item before anything
 * else (zod, the engine, the store); the device keeps under them, so an interview it
 * finalized is never refused for a limit. Numbers a real long interview never reaches
 * (a household of 200 people with migrants, three hours of paradata).
 */
import { MAX_TEXT_LENGTH } from './form/limits';

/** Containers nested in one item, the item itself counting 1 (answers in a migrant entry of a member: 6). */
export const MAX_DEPTH = 32;
/** The longest string anywhere in an item (a text answer's max_length is at most this). */
export const MAX_STRING_LENGTH = MAX_TEXT_LENGTH;
/** The longest object key anywhere in an item (question names are at most 32). */
export const MAX_KEY_LENGTH = 200;
/** Most keys of one object in an item (a questionnaire has a few hundred questions). */
export const MAX_OBJECT_KEYS = 5000;
/** Most elements of one array in an item: the audit log is the longest. */
export const MAX_ARRAY_LENGTH = 20_000;
/** Most events in the audit log (`meta.events`). */
export const MAX_EVENTS = MAX_ARRAY_LENGTH;
/** Most keys of one audit event (`t`, `type`, `path`, `old`, `value`, ...). */
export const MAX_EVENT_KEYS = 32;
/** The longest `meta` (reference date, break-off, confirmations, audit log), as JSON characters. */
export const MAX_META_CHARS = 2_000_000;
/** The longest reason given for a break-off. */
export const MAX_BREAK_OFF_REASON = 2000;
/** Errors listed for one refused item; the rest are counted in `moreErrors`. */
export const MAX_ITEM_ERRORS = 20;

/** The device's own cap on its audit log, well under the server's: JSON characters and events. */
export const DEVICE_EVENTS_CHARS = 1_500_000;
export const DEVICE_MAX_EVENTS = 15_000;

export interface LimitError {
	path: string;
	message: string;
}

/** Collects errors, keeping the first MAX_ITEM_ERRORS and counting the rest. */
export class ErrorList {
	readonly errors: LimitError[] = [];
	more = 0;

	push(error: LimitError): void {
		if (this.errors.length < MAX_ITEM_ERRORS) this.errors.push(error);
		else this.more++;
	}

	get empty(): boolean {
		return this.errors.length === 0;
	}
}

/** A UTF-16 surrogate with no partner: no database or export can store it. */
const loneSurrogate = /\p{Cs}/u;

function stringProblem(s: string, max: number): string | undefined {
	if (s.includes('\0')) return 'NUL characters are not allowed';
	if (s.length > max) return `longer than ${max} characters`;
	if (loneSurrogate.test(s)) return 'not valid Unicode text (a lone surrogate)';
	return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Structural problems of one raw item (any JSON value), without recursion: nesting deeper
 * than MAX_DEPTH (not followed further), strings and keys too long, NUL characters, lone
 * surrogates, `__proto__` keys, arrays and objects too large; then the size of `meta` and
 * the shape of its events. Cost: one pass over the value.
 */
export function structuralProblems(item: unknown, into = new ErrorList()): ErrorList {
	/** Entries are values to look at, or a key's problem, reported in document order. */
	const stack: [unknown, string, number, string?][] = [[item, '', 1]];
	let tooDeep = false;
	const at = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
	while (stack.length) {
		const [value, path, depth, keyProblem] = stack.pop()!;
		if (keyProblem) {
			into.push({ path, message: `key: ${keyProblem}` });
			continue;
		}
		if (typeof value === 'string') {
			const problem = stringProblem(value, MAX_STRING_LENGTH);
			if (problem) into.push({ path, message: problem });
			continue;
		}
		if (typeof value !== 'object' || value === null) continue;
		if (depth > MAX_DEPTH) {
			tooDeep = true;
			into.push({ path, message: `nested deeper than ${MAX_DEPTH} levels` });
			continue;
		}
		if (Array.isArray(value)) {
			if (value.length > MAX_ARRAY_LENGTH) into.push({ path, message: `more than ${MAX_ARRAY_LENGTH} items` });
			else for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], at(path, i), depth + 1]);
			continue;
		}
		const keys = Object.keys(value);
		if (keys.length > MAX_OBJECT_KEYS) {
			into.push({ path, message: `more than ${MAX_OBJECT_KEYS} keys` });
			continue;
		}
		for (let i = keys.length - 1; i >= 0; i--) {
			const key = keys[i];
			const problem = key === '__proto__' ? 'the key "__proto__" is not allowed' : stringProblem(key, MAX_KEY_LENGTH);
			stack.push(
				problem ? [undefined, at(path, key), depth, problem] : [(value as Record<string, unknown>)[key], at(path, key), depth + 1]
			);
		}
	}
	if (!tooDeep && isObject(item) && isObject(item.meta)) metaProblems(item.meta, into);
	return into;
}

/** The audit log and the whole `meta`: only called on a value no deeper than MAX_DEPTH. */
function metaProblems(meta: Record<string, unknown>, into: ErrorList): void {
	const events = meta.events;
	if (Array.isArray(events)) {
		events.forEach((e, i) => {
			if (isObject(e) && Object.keys(e).length > MAX_EVENT_KEYS)
				into.push({ path: `meta.events.${i}`, message: `an event has at most ${MAX_EVENT_KEYS} keys` });
		});
	}
	const chars = JSON.stringify(meta).length;
	if (chars > MAX_META_CHARS) into.push({ path: 'meta', message: `meta is ${chars} characters of JSON; at most ${MAX_META_CHARS}` });
}
