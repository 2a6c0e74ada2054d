/**
 * What the audit log (a submission's meta.events, as the tablet recorded it: export-audit.ts)
 * tells the quality flags: how long the interview took on its screens, and how often each
 * answer was changed.
 */
import { questionOf } from '../export-audit';

/** A gap between two events longer than this is a pause: left out of the interview time. */
export const PAUSE_MINUTES = 30;

type Event = Record<string, unknown>;

const timeOf = (event: Event): number => (typeof event.t === 'string' ? Date.parse(event.t) : typeof event.t === 'number' ? event.t : NaN);

/**
 * Minutes on screens: the time from each event of the log to the next, a gap over
 * PAUSE_MINUTES left out (the tablet lay aside, the app closed), nothing counted after the
 * interview was finalized or broken off. Null without a log (an interview sent before logs).
 */
export function interviewMinutes(events: readonly Event[] | undefined): number | null {
	if (!events?.length) return null;
	let ms = 0;
	let before: number | undefined;
	let ended = false;
	for (const event of events) {
		const t = timeOf(event);
		if (!Number.isFinite(t)) continue;
		if (before !== undefined && !ended) {
			const gap = t - before;
			if (gap > 0 && gap <= PAUSE_MINUTES * 60_000) ms += gap;
		}
		before = t;
		ended = event.type === 'finalize' || event.type === 'break_off';
	}
	return ms / 60_000;
}

/** The answer changed most often (a `change` event of the log per change), with its question's name; null when none was changed. */
export function mostChanged(events: readonly Event[] | undefined): { path: string; question: string; times: number } | null {
	const counts = new Map<string, number>();
	for (const event of events ?? []) {
		if (event.type !== 'change' || typeof event.path !== 'string') continue;
		counts.set(event.path, (counts.get(event.path) ?? 0) + 1);
	}
	let most: { path: string; question: string; times: number } | null = null;
	for (const [path, times] of counts) if (!most || times > most.times) most = { path, question: questionOf(path), times };
	return most;
}
