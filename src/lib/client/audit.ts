/**
 * The audit log's cap on the device. However long an interview runs, its log stays under
 * DEVICE_MAX_EVENTS events and DEVICE_EVENTS_CHARS characters of JSON, well inside the
 * server's limits (wire-limits.ts), so a finalized interview is never refused for its
 * log. Past the cap, the beginning of the interview is kept, then one `events_dropped`
 * event counting what was left out, then the latest events.
 */
import { DEVICE_EVENTS_CHARS, DEVICE_MAX_EVENTS } from '$lib/wire-limits';
import type { InterviewEvent } from './db';

/** How the interview began is always kept: at most this many first events, and characters. */
export const HEAD_EVENTS = 200;
const HEAD_CHARS = 100_000;
/** A cut leaves room to grow, so the log is not cut again at every event. */
const AFTER_CUT = 0.9;

const sizeOf = (e: InterviewEvent) => JSON.stringify(e).length + 1;

/** About the JSON characters of a list of events (an upper bound, by one). */
export function eventsChars(events: readonly InterviewEvent[]): number {
	let chars = 1;
	for (const e of events) chars += sizeOf(e);
	return chars;
}

/**
 * The log with `added` appended, cut when that passes the device's cap. `chars` is the
 * log's size as the last call returned it (measured when unknown): only the added events
 * are measured, so a long log costs nothing more per event until it is cut.
 */
export function appendEvents(
	log: readonly InterviewEvent[],
	added: readonly InterviewEvent[],
	chars = eventsChars(log)
): { events: InterviewEvent[]; chars: number } {
	const events = [...log, ...added];
	const total = chars + eventsChars(added) - 1;
	if (events.length <= DEVICE_MAX_EVENTS && total <= DEVICE_EVENTS_CHARS) return { events, chars: total };
	const cut = capEvents(events);
	return { events: cut, chars: eventsChars(cut) };
}

/** The log, cut when it is over the device's cap; unchanged (the same array) otherwise. */
export function capEvents(events: InterviewEvent[]): InterviewEvent[] {
	const sizes = events.map(sizeOf);
	const total = sizes.reduce((a, b) => a + b, 1);
	if (events.length <= DEVICE_MAX_EVENTS && total <= DEVICE_EVENTS_CHARS) return events;
	// The head: up to an earlier cut's marker, or the first events within their own budget.
	let marker = events.findIndex((e) => e.type === 'events_dropped');
	let dropped = 0;
	if (marker >= 0) dropped = Number(events[marker].count) || 0;
	else {
		let chars = 0;
		marker = 0;
		while (marker < events.length && marker < HEAD_EVENTS && chars + sizes[marker] <= HEAD_CHARS) chars += sizes[marker++];
	}
	const head = events.slice(0, marker);
	const headChars = sizes.slice(0, marker).reduce((a, b) => a + b, 0);
	const restStart = events[marker]?.type === 'events_dropped' ? marker + 1 : marker;

	// The latest events that fit what is left, once the marker is counted.
	const charBudget = Math.floor(DEVICE_EVENTS_CHARS * AFTER_CUT) - headChars - 200;
	const countBudget = Math.floor(DEVICE_MAX_EVENTS * AFTER_CUT) - head.length - 1;
	let from = events.length;
	let chars = 0;
	while (from > restStart && events.length - from < countBudget && chars + sizes[from - 1] <= charBudget) chars += sizes[--from];
	dropped += from - restStart;
	const last = events[from - 1] ?? events[marker];
	const note: InterviewEvent = { t: last?.t ?? new Date().toISOString(), type: 'events_dropped', count: dropped };
	return [...head, note, ...events.slice(from)];
}
