/**
 * CSV export in ODK's layout: one file for the form (a row per submission: a column per
 * question, KEY, then the interview's own details, its instance name last) and one per repeat (a row per entry,
 * PARENT_KEY and KEY last, KEY like "<parent key>/member[2]"), so members and migrants
 * join back to their household by key. UTF-8 without a byte-order mark, RFC 4180 quoting,
 * CRLF line ends. Don't know is -1 and Refused -2 (the Caucasus Barometer codes); a
 * multiple choice is its codes separated by spaces. A question not asked is an empty cell,
 * or, with Caucasus Barometer codes, -7 (legal skip: it did not apply) and -9 (break-off:
 * the interview stopped before it). A member link (a question with `link`) is written as the
 * linked entry's line number in its repeat, and its key in `<name>_key` right after.
 */
import { ENTRY_KEY, FormEngine, isSpecial, type CompiledForm, type FormNode, type Place } from '$lib/form';
import type { StoredSubmission } from './storage/types';

const specialCodes = { dont_know: '-1', refused: '-2' } as const;

function text(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (isSpecial(value)) return specialCodes[value.special];
	if (Array.isArray(value)) return value.join(' ');
	if (typeof value === 'object') {
		const v = value as Record<string, unknown>;
		if ('lat' in v) return `${v.lat} ${v.lon} ${v.accuracy}`;
		if ('no_fix' in v) return `no fix: ${v.no_fix}`;
		return JSON.stringify(value);
	}
	return String(value);
}

function cell(value: unknown): string {
	const t = text(value);
	return /[",\r\n]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
}

/** One CSV record with its line end. */
export function csvLine(values: readonly unknown[]): string {
	return values.map(cell).join(',') + '\r\n';
}

/** The column holding the entry key a member link names, right after the link's own column. */
export const linkKeyColumn = (name: string) => `${name}_key`;

/** The tables of a form: the main one ('') and one per repeat, each with its columns. */
export function exportTables(versions: readonly CompiledForm[]): Map<string, string[]> {
	const tables = new Map<string, string[]>([['', []]]);
	for (const form of versions) {
		for (const node of form.nodes.values()) {
			const item = node.item;
			if (item.type === 'group' || item.type === 'note') continue;
			const table = node.repeats.at(-1) ?? '';
			if (item.type === 'repeat' && !tables.has(item.name)) tables.set(item.name, []);
			if (item.type === 'repeat') continue;
			const columns = tables.get(table) ?? [];
			if (!columns.includes(item.name)) columns.push(item.name);
			if (item.link && !columns.includes(linkKeyColumn(item.name))) {
				columns.splice(columns.indexOf(item.name) + 1, 0, linkKeyColumn(item.name));
			}
			tables.set(table, columns);
		}
	}
	return tables;
}

/** The file name of a table: "<formId>.csv" or "<formId>-<repeat>.csv". */
export function tableFile(formId: string, table: string): string {
	return table ? `${formId}-${table}.csv` : `${formId}.csv`;
}

interface Row {
	submission: StoredSubmission;
	values: Record<string, unknown>;
	/** Entry indices of the enclosing repeats, as the engine counts places. */
	place: Place;
	parentKey?: string;
	key: string;
}

/** Rows of one table: for a repeat, every entry of every submission, nested ones included. */
function rowsOf(table: string, nodes: (name: string) => FormNode | undefined, submissions: readonly StoredSubmission[]): Row[] {
	let rows: Row[] = submissions.map((s) => ({ submission: s, values: s.answers, place: [], key: s.id }));
	if (!table) return rows;
	for (const repeat of [...(nodes(table)?.repeats ?? []), table]) {
		rows = rows.flatMap((row) => {
			const entries = row.values[repeat];
			if (!Array.isArray(entries)) return [];
			return entries.map((entry, i) => ({
				submission: row.submission,
				values: (entry ?? {}) as Record<string, unknown>,
				place: [...row.place, i],
				parentKey: row.key,
				key: `${row.key}/${repeat}[${i + 1}]`
			}));
		});
	}
	return rows;
}

/** The interview's own details, after KEY in the households table. */
export const detailColumns = [
	'submitted_at',
	'started_at',
	'finalized_at',
	'reference_date',
	'language',
	'form_version',
	'device_id',
	'enumerator_id',
	'enumerator',
	/** The enumerator's sex when the submission arrived. */
	'enumerator_sex',
	'break_off',
	'break_off_at',
	'break_off_reason',
	/** The definition's instance_name over the answers, choice labels in the interview's language. */
	'instance_name'
] as const;

function details(s: StoredSubmission, enumerators: ReadonlyMap<string, string>, instanceName: string | undefined): unknown[] {
	return [
		s.receivedAt,
		s.startedAt,
		s.finalizedAt,
		s.meta?.referenceDate,
		s.language,
		s.formVersion,
		s.deviceId,
		s.enumeratorId,
		s.enumeratorId ? enumerators.get(s.enumeratorId) : undefined,
		s.enumeratorSex,
		s.meta?.breakOff ? 1 : 0,
		s.meta?.breakOff?.at,
		s.meta?.breakOff?.reason,
		instanceName
	];
}

/**
 * The 1-based line of the entry a member link names: among the entries of the linked repeat
 * in the same submission (within the same enclosing entries as the row), the one whose
 * `_key` is the answer. Undefined when no entry holds that key.
 */
export function linkedLine(linked: FormNode, row: { submission: StoredSubmission; place: Place }, key: string): number | undefined {
	let values: unknown = row.submission.answers;
	linked.repeats.forEach((repeat, depth) => {
		const entries = (values as Record<string, unknown> | undefined)?.[repeat];
		values = Array.isArray(entries) ? entries[row.place[depth]] : undefined;
	});
	const entries = (values as Record<string, unknown> | undefined)?.[linked.name];
	if (!Array.isArray(entries)) return undefined;
	const at = entries.findIndex((e) => (e as Record<string, unknown> | null)?.[ENTRY_KEY] === key);
	return at < 0 ? undefined : at + 1;
}

export interface ExportOptions {
	/** Write questions not asked as -7 (did not apply) and -9 (after a break-off) instead of empty cells. */
	caucasusBarometerCodes?: boolean;
	/** Enumerator names by id. */
	enumerators?: ReadonlyMap<string, string>;
}

export function tableCsv(
	versions: readonly CompiledForm[],
	table: string,
	submissions: readonly StoredSubmission[],
	options: ExportOptions = {}
): string {
	const columns = exportTables(versions).get(table);
	if (!columns) throw new Error(`no table "${table}"`);
	const nodes = (name: string) => versions.map((f) => f.nodes.get(name)).find(Boolean);
	const header = table ? [...columns, 'PARENT_KEY', 'KEY'] : [...columns, 'KEY', ...detailColumns];
	const engines = new Map<StoredSubmission, FormEngine | undefined>();
	/** The engine replaying a submission's logic, made once per submission. */
	const engineOf = (s: StoredSubmission): FormEngine | undefined => {
		if (!engines.has(s)) {
			const form = versions.find((f) => f.definition.version === s.formVersion);
			const today = s.meta?.referenceDate ?? s.startedAt.slice(0, 10);
			engines.set(s, form && new FormEngine(form, structuredClone(s.answers), { today, language: s.language }));
		}
		return engines.get(s);
	};
	/** Why a cell is empty, in Caucasus Barometer codes. */
	const notAsked = (row: Row, column: string): string => {
		const engine = engineOf(row.submission);
		if (!engine?.form.nodes.has(column) || !engine.relevant(column, row.place)) return '-7';
		return row.submission.meta?.breakOff ? '-9' : '';
	};
	/** Member links of this table: column → the linked repeat's node; key column → the link's name. */
	const links = new Map<string, FormNode>();
	const keyColumns = new Map<string, string>();
	for (const c of columns) {
		const link = nodes(c)?.item;
		const linked = link && 'link' in link && link.link ? nodes(link.link) : undefined;
		if (!linked) continue;
		links.set(c, linked);
		keyColumns.set(linkKeyColumn(c), c);
	}
	let csv = csvLine(header);
	for (const row of rowsOf(table, nodes, submissions)) {
		const cells = columns.map((c) => {
			const question = keyColumns.get(c) ?? c;
			const value = row.values[question];
			if (value === undefined) return options.caucasusBarometerCodes ? notAsked(row, question) : value;
			const linked = links.get(c);
			if (linked && typeof value === 'string') return linkedLine(linked, row, value);
			return value;
		});
		const keys = table
			? [row.parentKey, row.key]
			: [row.key, ...details(row.submission, options.enumerators ?? new Map(), engineOf(row.submission)?.instanceName())];
		csv += csvLine([...cells, ...keys]);
	}
	return csv;
}
