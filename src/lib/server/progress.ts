/**
 * GET /api/admin/progress: the parameters read and checked, and the store's counts (per day,
 * key and outcome, storage/progress.ts) made into one series per enumerator or settlement with
 * a count for every day of the span, so a chart needs no arithmetic on dates.
 *
 * The span: `from` and `to` when given (at most 366 days); else the 31 days up to the last day
 * with interviews (or from the first, when that is nearer). By enumerator, every active
 * enumerator has a series, those who interviewed nobody too (a supervisor looks for them).
 */
import type { CompiledForm, Translated } from '$lib/form';
import { DEFAULT_PROGRESS_DAYS, MAX_PROGRESS_DAYS, type OutcomeCounts, type ProgressView } from '$lib/wire-progress';
import { settlementLabel } from './desk';
import type { Enumerator, Store } from './storage/types';
import type { ProgressBy, ProgressCount, ProgressQuery } from './storage/progress';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DAY_MS = 86_400_000;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Every day from `first` to `last`, both included. */
export function daysBetween(first: string, last: string): string[] {
	const days: string[] = [];
	for (let n = dayNumber(first); n <= dayNumber(last); n++) days.push(dayOf(n));
	return days;
}

/** The query asked (`by`, `from`, `to`), checked; a string is what is wrong (the 400's message). */
export function parseProgressQuery(query: URLSearchParams, formId: string): ProgressQuery | string {
	const by = query.get('by') ?? 'enumerator';
	if (by !== 'enumerator' && by !== 'settlement') return 'by must be enumerator or settlement';
	const asked: ProgressQuery = { formId, by: by as ProgressBy };
	for (const bound of ['from', 'to'] as const) {
		const day = query.get(bound);
		if (day === null) continue;
		if (!DAY.test(day) || dayOf(dayNumber(day)) !== day) return `${bound} must be a date as YYYY-MM-DD`;
		asked[bound] = day;
	}
	if (asked.from !== undefined && asked.to !== undefined) {
		if (asked.from > asked.to) return 'from must not be after to';
		if (dayNumber(asked.to) - dayNumber(asked.from) >= MAX_PROGRESS_DAYS) return `from and to span at most ${MAX_PROGRESS_DAYS} days`;
	}
	return asked;
}

/** The span to show: what was asked, completed from the days the form has interviews on. */
export function progressSpan(q: ProgressQuery, stored: { first: string | null; last: string | null }): { from: string; to: string } | null {
	const to = q.to ?? (q.from !== undefined ? dayOf(dayNumber(q.from) + DEFAULT_PROGRESS_DAYS - 1) : stored.last);
	if (to === null) return null;
	let from = q.from ?? dayOf(dayNumber(to) - DEFAULT_PROGRESS_DAYS + 1);
	if (q.from === undefined && stored.first !== null && stored.first > from && stored.first <= to) from = stored.first;
	return { from, to };
}

/** The place question's choices in the newest version declaring one. */
export function placeChoices(versions: readonly CompiledForm[]): { value: string; label: Translated }[] {
	for (const form of [...versions].reverse()) {
		const place = form.definition.place;
		const node = place === undefined ? undefined : form.nodes.get(place);
		const list = node && 'choices' in node.item ? node.item.choices : undefined;
		if (list === undefined) continue;
		return (form.definition.choices[list] ?? []).map((c) => ({ value: c.value, label: c.label }));
	}
	return [];
}

const zero = (): OutcomeCounts => ({ completed: 0, refused: 0, brokenOff: 0 });

export interface ProgressInput {
	query: ProgressQuery;
	days: string[];
	counts: ProgressCount[];
	/** By settlement: the counts of every day (for each settlement's completed interviews in all). */
	everCounts: ProgressCount[];
	enumerators: readonly Enumerator[];
	targets: ProgressView['targets'];
	versions: readonly CompiledForm[];
}

/** The answer: a series per key (with a count for every day), the totals, the targets. */
export function progressAnswer(input: ProgressInput): ProgressView {
	const { query, days, counts, targets, versions } = input;
	const series = new Map<string | null, { label: string | null; days: Map<string, OutcomeCounts> }>();
	const ensure = (key: string | null, label: string | null) => {
		let s = series.get(key);
		if (!s) series.set(key, (s = { label, days: new Map(days.map((d) => [d, zero()])) }));
		return s;
	};
	if (query.by === 'enumerator') {
		for (const e of input.enumerators) if (e.revokedAt === null) ensure(e.id, e.name);
	} else for (const key of Object.keys(targets.settlements)) ensure(key, key);
	const totals = zero();
	for (const c of counts) {
		const cell = ensure(c.key, query.by === 'enumerator' ? c.label : c.key).days.get(c.day);
		if (!cell) continue;
		cell[c.outcome] += c.count;
		totals[c.outcome] += c.count;
	}
	const ever = new Map<string | null, number>();
	for (const c of input.everCounts) if (c.outcome === 'completed') ever.set(c.key, (ever.get(c.key) ?? 0) + c.count);
	const byName = (a: { label: string | null }, b: { label: string | null }) =>
		a.label === null ? 1 : b.label === null ? -1 : a.label.localeCompare(b.label);
	return {
		form: query.formId,
		by: query.by,
		days,
		series: [...series.entries()]
			.map(([key, s]) => {
				const perDay = days.map((day) => ({ day, ...s.days.get(day)! }));
				const sum = zero();
				for (const d of perDay) for (const o of ['completed', 'refused', 'brokenOff'] as const) sum[o] += d[o];
				const bySettlement = query.by === 'settlement';
				return {
					key,
					label: s.label,
					choiceLabel: bySettlement ? settlementLabel(versions, { formVersion: '', settlement: key }) : null,
					counts: perDay,
					totals: sum,
					target: bySettlement ? (key === null ? null : (targets.settlements[key] ?? null)) : targets.daily,
					completedEver: bySettlement ? (ever.get(key) ?? 0) : null
				};
			})
			.sort(byName),
		totals,
		targets,
		settlements: placeChoices(versions)
	};
}

/** Reads what the answer needs from the store. */
export async function readProgress(store: Store, query: ProgressQuery, versions: readonly CompiledForm[]): Promise<ProgressView> {
	const span = progressSpan(query, await store.progressDays(query.formId));
	const [counts, everCounts, enumerators, targets] = await Promise.all([
		span ? store.progressCounts({ ...query, ...span }) : [],
		query.by === 'settlement' ? store.progressCounts({ formId: query.formId, by: 'settlement' }) : [],
		query.by === 'enumerator' ? store.listEnumerators() : [],
		store.getTargets(query.formId)
	]);
	const days = span ? daysBetween(span.from, span.to) : [];
	return progressAnswer({ query, days, counts, everCounts, enumerators, targets, versions });
}
