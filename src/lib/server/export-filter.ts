/**
 * The export archive's filters, as query parameters (a public contract): `from` and `to`
 * (`YYYY-MM-DD`, inclusive, on the day the interview started in the server's time zone),
 * `enumerator` (an enumerator's id), `settlement` (a code of the question the form declares
 * as its `place`; its value name is taken too), `review` (a comma-separated list of review
 * states: every submission is `received` until the supervisor sets another).
 */
import type { CompiledForm } from '$lib/form';
import { choiceCode } from './codes';
import { localDay } from './storage/desk';
import type { StoredSubmission } from './storage/types';
import { reviewStates, type ReviewState } from '$lib/wire';

export { localDay, reviewStates, type ReviewState };

/** A submission's review state: received, until the supervisor sets another (PATCH /api/admin/submissions/<id>). */
export const reviewStateOf = (submission: StoredSubmission): ReviewState => submission.reviewState;

/** The query parameters that filter (without them the export holds every submission). */
export const filterParams = ['from', 'to', 'enumerator', 'settlement', 'review'] as const;

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The filters a query asks for, checked; the desk (GET /api/admin/submissions) and the export read them alike. */
export interface ParsedFilter {
	from?: string;
	to?: string;
	enumerator?: string;
	/** The settlement as asked: a code or a value name of the place question. */
	settlement?: string;
	/** The place question the settlement filter reads (the newest version declaring one). */
	place?: string;
	review?: ReviewState[];
}

/** Reads and checks the filter parameters; a string is what is wrong (the 400's message). */
export function parseFilter(query: URLSearchParams, versions: readonly CompiledForm[]): ParsedFilter | string {
	const filter: ParsedFilter = {};
	for (const bound of ['from', 'to'] as const) {
		const day = query.get(bound);
		if (day === null) continue;
		if (!DAY.test(day)) return `${bound} must be a date as YYYY-MM-DD`;
		filter[bound] = day;
	}
	const enumerator = query.get('enumerator');
	if (enumerator !== null) filter.enumerator = enumerator;
	const settlement = query.get('settlement');
	if (settlement !== null) {
		const place = versions.map((f) => f.definition.place).findLast(Boolean);
		if (!place) return 'this form declares no place question to filter by settlement';
		filter.settlement = settlement;
		filter.place = place;
	}
	const review = query.get('review');
	if (review !== null) {
		const states = review.split(',');
		const unknown = states.filter((s) => !reviewStates.includes(s as ReviewState));
		if (unknown.length) return `review takes ${reviewStates.join(', ')}, not ${unknown.join(', ')}`;
		filter.review = states as ReviewState[];
	}
	return filter;
}

/** Whether a place answer matches the settlement asked: its value name, or its code (across versions). */
export function settlementMatches(
	versions: readonly CompiledForm[],
	place: string,
	value: string,
	version: string,
	asked: string
): boolean {
	return value === asked || String(choiceCode(versions, place, value, version)) === asked;
}

/**
 * The place values that match a settlement asked, for a filter in SQL: the value asked itself
 * (a typed settlement), and every choice of the place question's lists, in any version, whose
 * value or code it is (a value keeps its code in every version: form-compat.ts).
 */
export function settlementValues(versions: readonly CompiledForm[], place: string, asked: string): string[] {
	const values = new Set([asked]);
	for (const form of versions) {
		const node = form.nodes.get(place);
		const list = node && 'choices' in node.item ? node.item.choices : undefined;
		for (const choice of (list && form.definition.choices[list]) || [])
			if (settlementMatches(versions, place, choice.value, form.definition.version, asked)) values.add(choice.value);
	}
	return [...values];
}

/** The filter the query asks for (keeps every submission when it asks none); a string is what is wrong. */
export function submissionFilter(query: URLSearchParams, versions: readonly CompiledForm[]): ((s: StoredSubmission) => boolean) | string {
	const filter = parseFilter(query, versions);
	if (typeof filter === 'string') return filter;
	const { from, to, enumerator, settlement, place, review } = filter;
	const tests: ((s: StoredSubmission) => boolean)[] = [];
	if (from !== undefined) tests.push((s) => localDay(s.startedAt) >= from);
	if (to !== undefined) tests.push((s) => localDay(s.startedAt) <= to);
	if (enumerator !== undefined) tests.push((s) => s.enumeratorId === enumerator);
	if (settlement !== undefined && place !== undefined)
		tests.push((s) => {
			const value = s.answers[place];
			return typeof value === 'string' && settlementMatches(versions, place, value, s.formVersion, settlement);
		});
	if (review !== undefined) tests.push((s) => review.includes(reviewStateOf(s)));
	return (s) => tests.every((test) => test(s));
}
