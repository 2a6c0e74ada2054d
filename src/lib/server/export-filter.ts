/**
 * The export archive's filters, as query parameters (a public contract): `from` and `to`
 * (`YYYY-MM-DD`, inclusive, on the day the interview started in the server's time zone),
 * `enumerator` (an enumerator's id), `settlement` (a code of the question the form declares
 * as its `place`; its value name is taken too), `review` (a comma-separated list of review
 * states: every submission is `received` until the supervisor sets another).
 */
import type { CompiledForm } from '$lib/form';
import { choiceCode } from './codes';
import type { StoredSubmission } from './storage/types';
import { reviewStates, type ReviewState } from '$lib/wire';

export { reviewStates, type ReviewState };

/** A submission's review state: received, until the supervisor sets another (PATCH /api/admin/submissions/<id>). */
export const reviewStateOf = (submission: StoredSubmission): ReviewState => submission.reviewState;

/** The day an instant falls on in the server's time zone, as YYYY-MM-DD. */
export function localDay(iso: string): string {
	const d = new Date(iso);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The query parameters that filter (without them the export holds every submission). */
export const filterParams = ['from', 'to', 'enumerator', 'settlement', 'review'] as const;

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The filter the query asks for (keeps every submission when it asks none); a string is what is wrong. */
export function submissionFilter(query: URLSearchParams, versions: readonly CompiledForm[]): ((s: StoredSubmission) => boolean) | string {
	const tests: ((s: StoredSubmission) => boolean)[] = [];
	for (const bound of ['from', 'to'] as const) {
		const day = query.get(bound);
		if (day === null) continue;
		if (!DAY.test(day)) return `${bound} must be a date as YYYY-MM-DD`;
		tests.push(bound === 'from' ? (s) => localDay(s.startedAt) >= day : (s) => localDay(s.startedAt) <= day);
	}
	const enumerator = query.get('enumerator');
	if (enumerator !== null) tests.push((s) => s.enumeratorId === enumerator);
	const settlement = query.get('settlement');
	if (settlement !== null) {
		const place = versions.map((f) => f.definition.place).findLast(Boolean);
		if (!place) return 'this form declares no place question to filter by settlement';
		tests.push((s) => {
			const value = s.answers[place];
			if (typeof value !== 'string') return false;
			return value === settlement || String(choiceCode(versions, place, value, s.formVersion)) === settlement;
		});
	}
	const review = query.get('review');
	if (review !== null) {
		const states = review.split(',');
		const unknown = states.filter((s) => !reviewStates.includes(s as ReviewState));
		if (unknown.length) return `review takes ${reviewStates.join(', ')}, not ${unknown.join(', ')}`;
		tests.push((s) => states.includes(reviewStateOf(s)));
	}
	return (s) => tests.every((test) => test(s));
}
