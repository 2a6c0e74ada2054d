/**
 * A submission's data-quality flags, each with its reason: pure, given its form version, the
 * thresholds and what the other interviews of its place say (their median location; the
 * submissions with the same household signature). The reasons are English sentences; the
 * numbers beside them let the desk say them in the supervisor's language.
 */
import { FormEngine, reportText, type CompiledForm, type Translated } from '$lib/form';
import type { QualityFlag, QualityThresholds, Submission } from '$lib/wire';
import { interviewMinutes, mostChanged } from './paradata';
import { distanceKm, locationOf, type LatLon } from './place';
import { straightLined } from './scales';

/** The flags that follow from a submission and the thresholds alone (a duplicate is found among the others). */
export type OwnFlag = Exclude<QualityFlag, { flag: 'duplicate' }>;

/** Don't know and Refused answers anywhere in the answers, rosters included. */
export function countSpecial(value: unknown): number {
	if (Array.isArray(value)) return value.reduce((n: number, v) => n + countSpecial(v), 0);
	if (value === null || typeof value !== 'object') return 0;
	const special = (value as { special?: unknown }).special;
	if (special === 'dont_know' || special === 'refused') return 1;
	return Object.values(value).reduce((n: number, v) => n + countSpecial(v), 0);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The label of a choice of the question `name` (its list), or null. */
export function choiceLabel(form: CompiledForm, name: string | undefined, value: string | null): Translated | null {
	const item = name === undefined ? undefined : form.nodes.get(name)?.item;
	const list = item && 'choices' in item && item.choices ? form.definition.choices[item.choices] : undefined;
	return list?.find((c) => c.value === value)?.label ?? null;
}

/** What the other interviews of its place say: their median location (null when too few have one). */
export interface Around {
	place: string | null;
	median: LatLon | null;
}

/** The submission's flags but a duplicate's, in the order of flagNames. */
export function ownFlags(
	form: CompiledForm,
	s: Pick<Submission, 'answers' | 'meta' | 'startedAt'>,
	t: QualityThresholds,
	around: Around
): OwnFlag[] {
	const flags: OwnFlag[] = [];
	const events = s.meta?.events;
	const minutes = interviewMinutes(events);
	if (minutes !== null && minutes < t.speederMinutes) {
		const shown = round1(minutes);
		flags.push({
			flag: 'speeder',
			reason: `${shown} minutes on screens, under ${t.speederMinutes}`,
			minutes: shown,
			threshold: t.speederMinutes
		});
	}
	const lined = straightLined(form, s.answers, t.scaleItems);
	if (lined) {
		const { scale, answer } = lined;
		flags.push({
			flag: 'straightLining',
			reason: `same answer "${answer}" to ${scale.items.length} items of scale ${scale.list} on screen ${scale.screen}`,
			items: scale.items.length,
			list: scale.list,
			screen: scale.screen,
			screenLabel: scale.screenLabel,
			answer
		});
	}
	const special = countSpecial(s.answers);
	if (special >= t.dontKnow)
		flags.push({ flag: 'dontKnow', reason: `${special} Don't know/Refused, ${t.dontKnow} or more`, count: special, threshold: t.dontKnow });
	const location = locationFlag(form, s, t, around);
	if (location) flags.push(location);
	const changed = mostChanged(events);
	if (changed && changed.times >= t.answerChanges) {
		const item = form.nodes.get(changed.question)?.item;
		flags.push({
			flag: 'answerChanges',
			reason: `${changed.path} changed ${changed.times} times, ${t.answerChanges} or more`,
			question: changed.question,
			path: changed.path,
			label: item && item.type !== 'calculate' && item.label ? item.label : null,
			times: changed.times,
			threshold: t.answerChanges
		});
	}
	return flags;
}

/** Location missing where the location question applies, or farther than the threshold from the median of its place's other interviews. */
function locationFlag(
	form: CompiledForm,
	s: Pick<Submission, 'answers' | 'meta' | 'startedAt'>,
	t: QualityThresholds,
	around: Around
): OwnFlag | null {
	const where = locationOf(form, s.answers);
	if (where === undefined) return null;
	const placeLabel = choiceLabel(form, form.definition.place, around.place);
	const base = { flag: 'location' as const, place: around.place, placeLabel };
	if ('missing' in where) {
		const engine = new FormEngine(form, s.answers, { today: s.meta?.referenceDate ?? s.startedAt.slice(0, 10) });
		if (!engine.relevant(form.definition.location!, [])) return null;
		return { ...base, reason: `location missing (${where.missing})`, missing: true, km: null, threshold: null };
	}
	if (!around.median) return null;
	const km = round1(distanceKm(where, around.median));
	if (km <= t.locationKm) return null;
	// The reason in English words: the place's label in English, else in the form's default language.
	const name = (placeLabel && reportText(placeLabel, form.definition)) || around.place || 'its place';
	return { ...base, reason: `${km} km from the median of ${name}, over ${t.locationKm}`, missing: false, km, threshold: t.locationKm };
}

/** The duplicate flag of a submission whose household signature `others` share (ids, oldest first). */
export function duplicateFlag(others: readonly string[]): QualityFlag {
	return { flag: 'duplicate', reason: `same place and roster as ${others.join(', ')}`, others: [...others] };
}
