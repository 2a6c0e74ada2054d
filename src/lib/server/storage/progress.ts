/**
 * The desk's progress (GET /api/admin/progress): interviews per day, per enumerator or per
 * settlement, counted in SQL by an outcome kept beside each submission when it is stored.
 *
 * The outcome is `refused` when the respondent refused consent, else `brokenOff` when the
 * interview was broken off (meta.breakOff), else `completed`. No definition declares its
 * consent question, and a published version never changes, so consent is read from what every
 * consent-gated questionnaire already says: its gate, the select_one question that every later
 * top-level section requires, as the first condition of its `relevant`, to equal one value
 * (`${consent} = 'yes'`). A submission that answered the gate with another value refused.
 * The gate is read from the submission's own version, so a stored outcome never needs redoing.
 */
import type { Submission } from '$lib/wire';

export const outcomes = ['completed', 'refused', 'brokenOff'] as const;
export type Outcome = (typeof outcomes)[number];

/** A definition's consent gate: the question and the value every later section requires. */
export interface ConsentGate {
	question: string;
	value: string;
}

interface RawItem {
	type?: unknown;
	name?: unknown;
	relevant?: unknown;
	items?: unknown;
}

/** `${name} = 'value'` as the whole of a relevance or its first condition (before " and "). */
const LEADING_CONDITION = /^\s*\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}\s*=\s*'([^']*)'\s*(?:$|and\s)/;

function selectOnes(items: unknown, into: Set<string>): Set<string> {
	if (!Array.isArray(items)) return into;
	for (const item of items as RawItem[]) {
		if (item?.type === 'select_one' && typeof item.name === 'string') into.add(item.name);
		selectOnes(item?.items, into);
	}
	return into;
}

/** The consent gate of a definition (its JSON text), or null when it has none or is not readable. */
export function consentGate(text: string): ConsentGate | null {
	let items: unknown;
	try {
		items = (JSON.parse(text) as { items?: unknown }).items;
	} catch {
		return null;
	}
	if (!Array.isArray(items)) return null;
	const top = items as RawItem[];
	for (let at = 0; at < top.length - 1; at++) {
		const asked = selectOnes([top[at]], new Set());
		const later = top.slice(at + 1).map((item) => (typeof item?.relevant === 'string' ? LEADING_CONDITION.exec(item.relevant) : null));
		const first = later[0];
		if (!first || !asked.has(first[1])) continue;
		if (later.every((m) => m !== null && m[1] === first[1] && m[2] === first[2])) return { question: first[1], value: first[2] };
	}
	return null;
}

/** A submission's outcome, given its version's consent gate. */
export function outcomeOf(s: Pick<Submission, 'answers' | 'meta'>, gate: ConsentGate | null): Outcome {
	const answer = gate === null ? undefined : s.answers[gate.question];
	if (gate !== null && typeof answer === 'string' && answer !== gate.value) return 'refused';
	return s.meta?.breakOff ? 'brokenOff' : 'completed';
}

/** Caches the gate of each (form, version): a published version never changes, so a gate found is kept. */
export class GateCache {
	private readonly known = new Map<string, ConsentGate | null>();
	private key = (formId: string, version: string) => `${formId}\u0000${version}`;
	get(formId: string, version: string): ConsentGate | null | undefined {
		return this.known.get(this.key(formId, version));
	}
	set(formId: string, version: string, gate: ConsentGate | null): void {
		this.known.set(this.key(formId, version), gate);
	}
}

/** What the progress counts are grouped by besides the day and outcome. */
export type ProgressBy = 'enumerator' | 'settlement';

export interface ProgressQuery {
	formId: string;
	by: ProgressBy;
	/** YYYY-MM-DD, inclusive, on started_day (the server's time zone). */
	from?: string;
	to?: string;
}

/** Interviews of one day, key and outcome. */
export interface ProgressCount {
	day: string;
	/** The enumerator's id or the settlement (null: none). */
	key: string | null;
	/** The enumerator's name now (by enumerator); null by settlement. */
	label: string | null;
	outcome: Outcome;
	count: number;
}

/** The supervisor's targets for one form: completed interviews a day per enumerator, and in all per settlement. */
export interface ProgressTargets {
	daily: number | null;
	settlements: Record<string, number>;
}

/** The counts' SQL (both stores): `p(n)` spells the n-th parameter. */
export function progressSql(q: ProgressQuery, p: (n: number) => string): { sql: string; params: string[] } {
	const params: string[] = [q.formId];
	const where = [`s.form_id = ${p(1)}`];
	for (const [bound, op] of [
		['from', '>='],
		['to', '<=']
	] as const) {
		const day = q[bound];
		if (day === undefined) continue;
		params.push(day);
		where.push(`s.started_day ${op} ${p(params.length)}`);
	}
	const [key, label, join] =
		q.by === 'enumerator'
			? ['s.enumerator_id', 'e.name', 'LEFT JOIN enumerators e ON e.id = s.enumerator_id']
			: ['s.settlement', 'NULL', ''];
	return {
		sql: `SELECT s.started_day AS day, ${key} AS key, ${label} AS label, s.outcome AS outcome, count(*) AS n
			FROM submissions s ${join} WHERE ${where.join(' AND ')}
			GROUP BY s.started_day, ${q.by === 'enumerator' ? `${key}, ${label}` : key}, s.outcome`,
		params
	};
}

export interface ProgressSqlRow {
	day: string;
	key: string | null;
	label: string | null;
	outcome: Outcome;
	n: number | string;
}

export const progressFromRows = (rows: ProgressSqlRow[]): ProgressCount[] =>
	rows.map((r) => ({ day: r.day, key: r.key, label: r.label, outcome: r.outcome, count: Number(r.n) }));

/** The migration's table of targets (both stores): one row per form and scope (`daily`, key ''; `settlement`, key the settlement). */
export const targetsTableSql = `CREATE TABLE IF NOT EXISTS progress_targets (
	form_id TEXT NOT NULL,
	scope TEXT NOT NULL CHECK (scope IN ('daily', 'settlement')),
	key TEXT NOT NULL,
	target INTEGER NOT NULL,
	PRIMARY KEY (form_id, scope, key)
);
CREATE INDEX IF NOT EXISTS submissions_progress ON submissions (form_id, started_day, enumerator_id, settlement, outcome);`;

export interface TargetRow {
	scope: 'daily' | 'settlement';
	key: string;
	target: number | string;
}

export function targetsFromRows(rows: TargetRow[]): ProgressTargets {
	const targets: ProgressTargets = { daily: null, settlements: {} };
	for (const r of rows) {
		if (r.scope === 'daily') targets.daily = Number(r.target);
		else targets.settlements[r.key] = Number(r.target);
	}
	return targets;
}

/** A form's targets as rows [scope, key, target]. */
export const targetRows = (t: ProgressTargets): [string, string, number][] => [
	...(t.daily === null ? [] : [['daily', '', t.daily] as [string, string, number]]),
	...Object.entries(t.settlements).map(([key, n]) => ['settlement', key, n] as [string, string, number])
];

/** A stored row as the outcome's backfill reads it. */
export interface OutcomeBackfillRow {
	seq: number | string;
	form_id: string;
	form_version: string;
	answers: string;
	break_off: number | string;
}

export const outcomeOfRow = (row: OutcomeBackfillRow, gate: ConsentGate | null): Outcome =>
	outcomeOf(
		{
			answers: JSON.parse(row.answers) as Record<string, unknown>,
			meta: Number(row.break_off) === 1 ? { breakOff: { at: '', reason: '' } } : {}
		},
		gate
	);
