/**
 * The supervisor's desk reads submissions filtered and paged in SQL (GET /api/admin/submissions),
 * so 100,000 rows stay fast: three columns are kept beside each submission, filled when it is
 * stored (and by a migration for rows stored before): `started_day` (the day it started in the
 * server's time zone, YYYY-MM-DD, what the export's from/to read), `settlement` (the answer to
 * the form's `place` question, formPlace, when it is a plain string: computed again for the
 * whole form when a published version changes which question that is) and
 * `break_off` (1 when the interview was broken off). One index, (form_id, seq, enumerator_id,
 * review_state, started_day, settlement), serves every filter and the newest-first order without
 * reading the rows' answers: a page and its count are read from the index alone.
 */
import type { FlagName, QualityFlag, ReviewState, Submission } from '$lib/wire';

/** The day an instant falls on in the server's time zone, as YYYY-MM-DD. */
export function localDay(iso: string): string {
	const d = new Date(iso);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The desk's columns of one submission: [started_day, settlement, break_off], given its version's place question. */
export function deskValues(
	s: Pick<Submission, 'startedAt' | 'answers' | 'meta'>,
	place: string | undefined
): [string, string | null, number] {
	const value = place === undefined ? undefined : s.answers[place];
	return [localDay(s.startedAt), typeof value === 'string' ? value : null, s.meta?.breakOff ? 1 : 0];
}

/** A definition's declared place question, read from its JSON text (null when it declares none or is not readable). */
export function placeOfDefinition(text: string): string | null {
	try {
		const place = (JSON.parse(text) as { place?: unknown }).place;
		return typeof place === 'string' ? place : null;
	} catch {
		return null;
	}
}

/**
 * A form's place question, as the export's settlement filter reads it: the one the newest
 * version declaring one declares, for the answers of every version (household_migration's
 * first version declares none). `definitions` newest first.
 */
export function formPlace(definitions: readonly string[]): string | null {
	for (const text of definitions) {
		const place = placeOfDefinition(text);
		if (place !== null) return place;
	}
	return null;
}

/**
 * Caches each form's place by how many versions it has published: a store reads the count
 * (cheap) before each batch, and the definitions only when it changed, so a version published
 * by another instance counts at once.
 */
export class PlaceCache {
	private readonly known = new Map<string, { versions: number; place: string | null }>();
	get(formId: string, versions: number): string | null | undefined {
		const hit = this.known.get(formId);
		return hit && hit.versions === versions ? hit.place : undefined;
	}
	set(formId: string, versions: number, place: string | null): void {
		this.known.set(formId, { versions, place });
	}
}

/** What the desk filters by (all optional; an empty list keeps nothing). */
export interface DeskFilter {
	/** YYYY-MM-DD, inclusive, on started_day. */
	from?: string;
	to?: string;
	enumerator?: string;
	/** Value names of the place question any of which matches. */
	settlements?: readonly string[];
	review?: readonly ReviewState[];
	/** Data-quality flags any of which the submission carries (submission_flags). */
	flags?: readonly FlagName[];
}

export interface DeskQuery extends DeskFilter {
	formId: string;
	/** Only rows received before this one (its seq): the cursor of the page before. */
	before?: number;
	limit: number;
}

/** One row of the desk's table, as both stores read it. */
export interface DeskRow {
	seq: number;
	id: string;
	formId: string;
	formVersion: string;
	enumeratorId: string | null;
	/** The enumerator's name now (null for a submission without one). */
	enumerator: string | null;
	startedAt: string;
	finalizedAt: string;
	receivedAt: string;
	reviewState: ReviewState;
	settlement: string | null;
	breakOff: boolean;
	/** Its data-quality flags (the store reads them for the page's rows). */
	flags: QualityFlag[];
}

export interface DeskPage {
	/** Newest first, at most `limit`. */
	rows: DeskRow[];
	/** Whether rows older than the last one match too. */
	more: boolean;
	/** How many match the filters (the cursor aside). */
	total: number;
}

/** The WHERE clause of a desk query over the submissions table; `p(n)` spells the n-th parameter (1-based). */
export function deskWhere(q: DeskQuery, p: (n: number) => string, withCursor: boolean): { sql: string; params: (string | number)[] } {
	const params: (string | number)[] = [];
	const arg = (value: string | number) => {
		params.push(value);
		return p(params.length);
	};
	const parts = [`form_id = ${arg(q.formId)}`];
	if (q.from !== undefined) parts.push(`started_day >= ${arg(q.from)}`);
	if (q.to !== undefined) parts.push(`started_day <= ${arg(q.to)}`);
	if (q.enumerator !== undefined) parts.push(`enumerator_id = ${arg(q.enumerator)}`);
	for (const [column, values] of [
		['settlement', q.settlements],
		['review_state', q.review]
	] as const) {
		if (values === undefined) continue;
		parts.push(values.length ? `${column} IN (${values.map(arg).join(', ')})` : '1 = 0');
	}
	if (q.flags !== undefined)
		parts.push(q.flags.length ? `seq IN (SELECT seq FROM submission_flags WHERE flag IN (${q.flags.map(arg).join(', ')}))` : '1 = 0');
	if (withCursor && q.before !== undefined) parts.push(`seq < ${arg(q.before)}`);
	return { sql: parts.join(' AND '), params };
}

/** The row columns a desk page selects (s the submissions, e the enumerators). */
export const deskColumns = `s.seq, s.id, s.form_id, s.form_version, s.enumerator_id, e.name AS enumerator, s.started_at, s.finalized_at,
	s.received_at, s.review_state, s.settlement, s.break_off`;

/** A desk page's SQL: the page's seqs from the index, then their rows (limit + 1 read, to know whether more follow). */
export function deskPageSql(q: DeskQuery, p: (n: number) => string): { sql: string; params: (string | number)[] } {
	const where = deskWhere(q, p, true);
	const limit = p(where.params.length + 1);
	return {
		sql: `SELECT ${deskColumns} FROM submissions s LEFT JOIN enumerators e ON e.id = s.enumerator_id
			WHERE s.seq IN (SELECT seq FROM submissions WHERE ${where.sql} ORDER BY seq DESC LIMIT ${limit})
			ORDER BY s.seq DESC`,
		params: [...where.params, q.limit + 1]
	};
}

export interface DeskSqlRow {
	seq: number | string;
	id: string;
	form_id: string;
	form_version: string;
	enumerator_id: string | null;
	enumerator: string | null;
	started_at: string;
	finalized_at: string;
	received_at: string;
	review_state: ReviewState;
	settlement: string | null;
	break_off: number | string | null;
}

export function deskPageFromRows(rows: DeskSqlRow[], limit: number, total: number): DeskPage {
	return {
		rows: rows.slice(0, limit).map((r) => ({
			seq: Number(r.seq),
			id: r.id,
			formId: r.form_id,
			formVersion: r.form_version,
			enumeratorId: r.enumerator_id,
			enumerator: r.enumerator,
			startedAt: r.started_at,
			finalizedAt: r.finalized_at,
			receivedAt: r.received_at,
			reviewState: r.review_state,
			settlement: r.settlement,
			breakOff: Number(r.break_off) === 1,
			flags: []
		})),
		more: rows.length > limit,
		total
	};
}

/** The migration's DDL after the columns (both stores): one index for every filter and the order, replacing (form_id, seq). */
export const deskIndexSql = `DROP INDEX IF EXISTS submissions_form;
	CREATE INDEX submissions_desk ON submissions (form_id, seq, enumerator_id, review_state, started_day, settlement);`;

/** Rows a backfill reads at a time. */
export const BACKFILL_PAGE = 500;

/** A stored row as the backfill reads it: the break-off read by SQL, so no audit log is parsed in JavaScript. */
export interface BackfillRow {
	seq: number | string;
	form_id: string;
	started_at: string;
	answers: string;
	break_off: number | string | boolean | null;
}

/** A stored row's desk values (the backfill's), its form's place looked up by `placeOf`. */
export function backfillValues(row: BackfillRow, placeOf: (formId: string) => string | null): [string, string | null, number] {
	const answers = JSON.parse(row.answers) as Record<string, unknown>;
	const [day, settlement] = deskValues({ startedAt: row.started_at, answers }, placeOf(row.form_id) ?? undefined);
	return [day, settlement, row.break_off === true || Number(row.break_off) === 1 ? 1 : 0];
}
