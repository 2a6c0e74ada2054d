/**
 * The paradata of the export archive, `<formId>-audit.csv`: a row per event of each
 * interview's audit log (meta.events, as the tablet recorded it): KEY, the event, its time
 * on the tablet, the screen, the question and where it is (`member.2.m_age`), the old and
 * the new value (value names, as on the wire), and the few details an event carries. The
 * value of a question any version marks identifying is never written, old or new.
 */
import { csvLine } from './csv';
import type { StoredSubmission } from './storage/types';

export const auditColumns = ['KEY', 'event', 'time', 'screen', 'question', 'path', 'old_value', 'new_value', 'details'] as const;

/** Details an event may carry besides its path and values, written as "key=value; …"; nothing else a device sends is copied. */
const DETAILS = ['language', 'at', 'reason', 'count'] as const;

/** The question a path names: its last segment that is not an entry's index ("member.2.m_age" → "m_age"). */
export function questionOf(path: unknown): string {
	if (typeof path !== 'string') return '';
	return (
		path
			.split('.')
			.filter((s) => !/^\d+$/.test(s))
			.at(-1) ?? ''
	);
}

/** A value as the audit writes it: geopoints, special answers and lists as JSON, texts as they are. */
const written = (value: unknown): unknown => (value !== null && typeof value === 'object' ? JSON.stringify(value) : value);

export function auditCsv(submissions: readonly StoredSubmission[], identifying: ReadonlySet<string>): string {
	return auditHeader() + auditRecords(submissions, identifying);
}

export const auditHeader = (): string => csvLine(auditColumns);

/** The audit's records of these submissions (a page of them, when the export streams). */
export function auditRecords(submissions: readonly StoredSubmission[], identifying: ReadonlySet<string>): string {
	let csv = '';
	for (const s of submissions) {
		for (const event of s.meta?.events ?? []) {
			const type = String(event.type ?? '');
			const question = questionOf(event.path);
			const secret = identifying.has(question);
			const [old, now] = type === 'language' ? [event.from, event.to] : [event.old, event.value];
			const details = DETAILS.filter((k) => event[k] !== undefined && typeof event[k] !== 'object')
				.map((k) => `${k}=${String(event[k])}`)
				.join('; ');
			csv += csvLine([
				s.id,
				type,
				event.t,
				typeof event.screen === 'string' ? event.screen : '',
				question,
				typeof event.path === 'string' ? event.path : '',
				secret ? '' : written(old),
				secret ? '' : written(now),
				details
			]);
		}
	}
	return csv;
}
