/**
 * GET /api/admin/submissions: the desk's query parameters read and checked, and a page's rows
 * made into the items it answers. The filters are the export's (export-filter.ts, the same
 * 400 messages), and they run in SQL (storage/desk.ts).
 */
import type { CompiledForm, Translated } from '$lib/form';
import { DESK_DEFAULT_LIMIT, DESK_MAX_LIMIT, flagNames, type DeskItem, type FlagName } from '$lib/wire';
import { parseFilter, settlementValues } from './export-filter';
import type { DeskPage, DeskQuery, DeskRow } from './storage/desk';

/** The form the desk shows when none is asked: the household questionnaire. */
export const DEFAULT_DESK_FORM = 'household_migration';

/**
 * The `flag` parameter: a flag name, a comma list, or the parameter repeated (any of them);
 * a string is what is wrong. Undefined when not asked.
 */
export function parseFlags(query: URLSearchParams): FlagName[] | string | undefined {
	if (!query.has('flag')) return undefined;
	const asked = query
		.getAll('flag')
		.flatMap((v) => v.split(','))
		.map((v) => v.trim());
	const unknown = asked.filter((f) => !(flagNames as readonly string[]).includes(f));
	if (unknown.length || !asked.length)
		return `flag: unknown flag ${unknown.map((f) => `"${f}"`).join(', ')}; give one or more (comma-separated) of ${flagNames.join(', ')}`;
	return [...new Set(asked as FlagName[])];
}

/** The form asked (`form`), else the household form when published, else the only form; a string is what is wrong. */
export function deskForm(query: URLSearchParams, published: readonly string[]): string | { error: string; status: 400 | 404 } {
	const asked = query.get('form');
	if (asked !== null) return published.includes(asked) ? asked : { error: `no published form "${asked}"`, status: 404 };
	if (published.includes(DEFAULT_DESK_FORM)) return DEFAULT_DESK_FORM;
	const ids = [...new Set(published)];
	if (ids.length === 1) return ids[0];
	return { error: ids.length ? `form: give one of ${ids.join(', ')}` : 'no form is published yet', status: ids.length ? 400 : 404 };
}

/** A page's cursor: the position of its last row, opaque to clients. */
export const encodeCursor = (seq: number): string => Buffer.from(`tun-desk:${seq}`).toString('base64url');

export function decodeCursor(cursor: string): number | undefined {
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) return undefined;
	const match = /^tun-desk:([1-9]\d{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
	return match ? Number(match[1]) : undefined;
}

/** The desk's query for `formId` from the parameters (the export's filters, `flag`, `limit`, `cursor`); a string is what is wrong. */
export function parseDeskQuery(query: URLSearchParams, formId: string, versions: readonly CompiledForm[]): DeskQuery | string {
	const flags = parseFlags(query);
	if (typeof flags === 'string') return flags;
	const filter = parseFilter(query, versions);
	if (typeof filter === 'string') return filter;
	const limitText = query.get('limit');
	let limit = DESK_DEFAULT_LIMIT;
	if (limitText !== null) {
		limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
		if (!(limit >= 1 && limit <= DESK_MAX_LIMIT)) return `limit must be a whole number from 1 to ${DESK_MAX_LIMIT}`;
	}
	const cursor = query.get('cursor');
	const before = cursor === null ? undefined : decodeCursor(cursor);
	if (cursor !== null && before === undefined) return 'cursor: not a cursor this server gave (use "next" of the page before)';
	const { from, to, enumerator, settlement, place, review } = filter;
	return {
		formId,
		limit,
		...(before !== undefined ? { before } : {}),
		...(from !== undefined ? { from } : {}),
		...(to !== undefined ? { to } : {}),
		...(enumerator !== undefined ? { enumerator } : {}),
		...(settlement !== undefined && place !== undefined ? { settlements: settlementValues(versions, place, settlement) } : {}),
		...(review !== undefined ? { review } : {}),
		...(flags !== undefined ? { flags } : {})
	};
}

/** The label of a place value in its version (else the newest version that has it); null when it is not a choice. */
export function settlementLabel(versions: readonly CompiledForm[], row: Pick<DeskRow, 'formVersion' | 'settlement'>): Translated | null {
	if (row.settlement === null) return null;
	const own = versions.filter((f) => f.definition.version === row.formVersion);
	for (const form of [...own, ...[...versions].reverse()]) {
		const place = form.definition.place;
		const node = place === undefined ? undefined : form.nodes.get(place);
		const list = node && 'choices' in node.item ? node.item.choices : undefined;
		const choice = list === undefined ? undefined : form.definition.choices[list]?.find((c) => c.value === row.settlement);
		if (choice) return choice.label;
	}
	return null;
}

export function deskItem(row: DeskRow, versions: readonly CompiledForm[]): DeskItem {
	return {
		id: row.id,
		formId: row.formId,
		formVersion: row.formVersion,
		enumeratorId: row.enumeratorId,
		enumerator: row.enumerator,
		startedAt: row.startedAt,
		finalizedAt: row.finalizedAt,
		receivedAt: row.receivedAt,
		reviewState: row.reviewState,
		settlement: row.settlement,
		settlementLabel: settlementLabel(versions, row),
		// The wire's meta does not carry the interview's name (the device shows it, the export computes it): none yet.
		instanceName: null,
		durationSeconds: Math.max(0, Math.round((Date.parse(row.finalizedAt) - Date.parse(row.startedAt)) / 1000)),
		breakOff: row.breakOff,
		flags: row.flags
	};
}

/** The answer's body: items newest first, how many match, the next page's cursor. */
export const deskAnswer = (page: DeskPage, versions: readonly CompiledForm[]) => ({
	items: page.rows.map((r) => deskItem(r, versions)),
	total: page.total,
	next: page.more && page.rows.length ? encodeCursor(page.rows.at(-1)!.seq) : null
});
