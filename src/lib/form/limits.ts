/**
 * Limits of the definition format: how long a text answer and how many entries a repeat
 * may be. The device enforces them while the interviewer types; the server refuses an
 * answer over them before it runs the engine. Numbers a real interview never reaches.
 */

/** A text answer's length when its question sets no `max_length`, in characters. */
export const DEFAULT_MAX_LENGTH = 2000;
/** The largest `max_length` a definition may set; also the longest string a submission may hold. */
export const MAX_TEXT_LENGTH = 10_000;
/** A repeat's entries when it sets no `max_entries` (a household of 200 people). */
export const DEFAULT_MAX_ENTRIES = 200;
/** The largest `max_entries` a definition may set. */
export const MAX_ENTRIES_LIMIT = 1000;

/** The limit of a text question, or of a repeat: what the definition says, else the default. */
export function maxLength(item: { max_length?: number }): number {
	return item.max_length ?? DEFAULT_MAX_LENGTH;
}

export function maxEntries(item: { max_entries?: number }): number {
	return item.max_entries ?? DEFAULT_MAX_ENTRIES;
}
