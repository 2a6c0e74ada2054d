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
import {
	ENTRY_KEY,
	FormEngine,
	isContainer,
	isSpecial,
	shownLanguage,
	type CompiledForm,
	type FormNode,
	type Place,
	type Question
} from '$lib/form';
import { choiceList } from '$lib/form/compile';
import { choiceCode } from './codes';
import { reviewStateOf } from './export-filter';
import type { StoredSubmission } from './storage/types';

const specialCodes = { dont_know: -1, refused: -2 } as const;

/**
 * What a spreadsheet would read as a formula: a text starting with = + - @, a tab, a
 * carriage return or a line feed, or their full-width forms (OWASP's CSV injection advice).
 */
const FORMULA = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text a spreadsheet would run as a formula, made inert with a leading apostrophe; numbers are never texts here. */
export const inert = (t: string): string => (FORMULA.test(t) ? `'${t}` : t);

function text(value: unknown, guard: (t: string) => string): string {
	if (value === undefined || value === null) return '';
	if (isSpecial(value)) return String(specialCodes[value.special]);
	if (Array.isArray(value)) return value.every((v) => typeof v === 'number') ? value.join(' ') : guard(value.join(' '));
	if (typeof value === 'object') {
		const v = value as Record<string, unknown>;
		if ('lat' in v) return `${v.lat} ${v.lon} ${v.accuracy}`;
		if ('no_fix' in v) return guard(`no fix: ${v.no_fix}`);
		return guard(JSON.stringify(value));
	}
	return typeof value === 'string' ? guard(value) : String(value);
}

/** A cell's text as RFC 4180 writes it: in quotes, quotes doubled, when it holds a comma, a quote or a line break. */
export const quoted = (t: string) => (/[",\r\n]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t);

/** A cell's text as a CSV record holds it (before quoting), formulas made inert. */
export const cellText = (value: unknown): string => text(value, inert);

/** One CSV record with its line end; a text a spreadsheet would read as a formula gets a leading apostrophe. */
export function csvLine(values: readonly unknown[]): string {
	return values.map((v) => quoted(text(v, inert))).join(',') + '\r\n';
}

/** One CSV record of trusted text (the codebook's documentation), written as it is. */
export function rawCsvLine(values: readonly unknown[]): string {
	return values.map((v) => quoted(text(v, (t) => t))).join(',') + '\r\n';
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

export interface Row {
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
	/** ODK Central's names for the interview's details (SubmissionDate, SubmitterID, …) and ReviewState. */
	odk?: boolean;
	/** A choice cell holds the choice's numeric code (choiceCode, across versions) instead of its value name. */
	codes?: boolean;
	/** A choice cell holds the choice's label in this language (one of the form's) instead of its value name. */
	labels?: string;
	/** Besides a multiple choice's column, `<name>_<code>` per choice holding 1/0. */
	splitMultiple?: boolean;
	/** Besides a geopoint's column, `<name>_latitude`, `_longitude`, `_accuracy`, `_no_fix`. */
	splitGeo?: boolean;
}

/** ODK Central's names of the details it has, in its order after KEY; ReviewState follows them. */
export const odkNames = {
	submitted_at: 'SubmissionDate',
	enumerator_id: 'SubmitterID',
	enumerator: 'SubmitterName',
	device_id: 'DeviceID',
	form_version: 'FormVersion'
} as const satisfies Partial<Record<(typeof detailColumns)[number], string>>;
export const REVIEW_STATE = 'ReviewState';

/** The detail columns of the main table in the ODK layout: after KEY, then SubmissionDate first of all. */
export const odkDetailColumns = [
	'SubmitterID',
	'SubmitterName',
	'DeviceID',
	'FormVersion',
	REVIEW_STATE,
	...detailColumns.filter((c) => !(c in odkNames))
] as const;

/** One column of a table: its name, the question it reads (if any), and how a row's cell is made. */
export interface Column {
	name: string;
	/** The question the cell comes from, for identifying marks and labels. */
	question?: string;
	/** A column derived from the question's: its member link's key, a choice's dummy, a part of a geopoint. */
	part?:
		| { kind: 'key' }
		| { kind: 'choice'; value: string; code?: number }
		| { kind: 'geo'; what: 'latitude' | 'longitude' | 'accuracy' | 'no_fix' };
	/** For a detail column: the single table's name of it (ReviewState has none). */
	detail?: (typeof detailColumns)[number];
	cell: (row: Row) => unknown;
}

/** The columns and rows of one table, cells as values (numbers stay numbers). */
export interface Table {
	columns: Column[];
	rows: Row[];
}

/** Every version's definition of a question, newest first. */
function definitionsOf(versions: readonly CompiledForm[], name: string): { form: CompiledForm; item: Question }[] {
	return [...versions].reverse().flatMap((form) => {
		const item = form.nodes.get(name)?.item;
		return item && !isContainer(item) ? [{ form, item }] : [];
	});
}

/** The values of a question's choices over its versions, newest version's order first, each with its code. */
export function choicesOver(versions: readonly CompiledForm[], name: string): { value: string; code?: number }[] {
	const seen = new Map<string, { value: string; code?: number }>();
	for (const { form, item } of definitionsOf(versions, name)) {
		for (const c of choiceList(form.definition, item.choices) ?? []) {
			if (!seen.has(c.value)) seen.set(c.value, { value: c.value, code: choiceCode(versions, name, c.value) });
		}
	}
	return [...seen.values()];
}

/** A table's columns and rows for these submissions (tests and small exports; the routes stream: exportColumns, tableRows). */
export function exportTable(
	versions: readonly CompiledForm[],
	table: string,
	submissions: readonly StoredSubmission[],
	options: ExportOptions = {}
): Table {
	return { columns: exportColumns(versions, table, options), rows: tableRows(versions, table, submissions) };
}

/** The nodes of a question or repeat, from the first version that has it. */
const nodesOf = (versions: readonly CompiledForm[]) => (name: string) => versions.map((f) => f.nodes.get(name)).find(Boolean);

/** The rows of one table for a page of submissions: a row per submission, or per entry of the repeat. */
export function tableRows(versions: readonly CompiledForm[], table: string, submissions: readonly StoredSubmission[]): Row[] {
	return rowsOf(table, nodesOf(versions), submissions);
}

/**
 * The columns of one table, from the definitions alone (never from the data: a table read a
 * page at a time has its header before its rows). A column's cell keeps the engine of the
 * submission in hand only.
 */
export function exportColumns(versions: readonly CompiledForm[], table: string, options: ExportOptions = {}): Column[] {
	const questions = exportTables(versions).get(table);
	if (!questions) throw new Error(`no table "${table}"`);
	const nodes = nodesOf(versions);
	/** The engine replaying a submission's logic, kept for the submission in hand only (rows of one submission come together), so memory stays flat. */
	let engine: { of: StoredSubmission; engine: FormEngine | undefined } | undefined;
	const engineOf = (s: StoredSubmission): FormEngine | undefined => {
		if (engine?.of !== s) {
			const form = versions.find((f) => f.definition.version === s.formVersion);
			const today = s.meta?.referenceDate ?? s.startedAt.slice(0, 10);
			const language = form && shownLanguage(form.definition, s.language);
			engine = { of: s, engine: form && new FormEngine(form, structuredClone(s.answers), { today, language }) };
		}
		return engine.engine;
	};
	/** Why a cell is empty, in Caucasus Barometer codes. */
	const notAsked = (row: Row, column: string): number | undefined => {
		if (!options.caucasusBarometerCodes) return undefined;
		const engine = engineOf(row.submission);
		if (!engine?.form.nodes.has(column) || !engine.relevant(column, row.place)) return -7;
		return row.submission.meta?.breakOff ? -9 : undefined;
	};
	/** A choice's value as the options want it: its code, its label, else its name. */
	const choice = (question: string, value: string, version: string): unknown => {
		if (options.labels) {
			const defs = definitionsOf(versions, question);
			const own = defs.find((d) => d.form.definition.version === version);
			for (const { form, item } of own ? [own, ...defs] : defs) {
				const label = choiceList(form.definition, item.choices)?.find((c) => c.value === value)?.label[options.labels];
				if (label !== undefined) return label;
			}
			return value;
		}
		return options.codes ? (choiceCode(versions, question, value, version) ?? value) : value;
	};
	const columns: Column[] = [];
	for (const q of questions) {
		const item = nodes(q)?.item;
		if (!item || isContainer(item)) {
			// The key column of a member link: filled where the link is.
			continue;
		}
		const linked = item.link ? nodes(item.link) : undefined;
		const hasChoices = definitionsOf(versions, q).some((d) => d.item.choices !== undefined);
		columns.push({
			name: q,
			question: q,
			cell: (row) => {
				const value = row.values[q];
				if (value === undefined) return notAsked(row, q);
				if (isSpecial(value)) return specialCodes[value.special];
				if (linked && typeof value === 'string') return linkedLine(linked, row, value);
				if (hasChoices && (options.codes || options.labels)) {
					if (typeof value === 'string') return choice(q, value, row.submission.formVersion);
					if (Array.isArray(value)) {
						const chosen = value.map((v) => choice(q, String(v), row.submission.formVersion));
						// Labels hold spaces: a multiple choice's labels are separated by "; ".
						return options.labels ? chosen.join('; ') : chosen;
					}
				}
				return value;
			}
		});
		if (linked) {
			columns.push({
				name: linkKeyColumn(q),
				question: q,
				part: { kind: 'key' },
				cell: (row) => {
					const value = row.values[q];
					return value === undefined ? notAsked(row, q) : isSpecial(value) ? specialCodes[value.special] : value;
				}
			});
		}
		if (options.splitMultiple && definitionsOf(versions, q).some((d) => d.item.type === 'select_multiple')) {
			// A value no version codes is numbered by its place in the list (1, 2, …): a value such as
			// "other" would name its dummy as the question that specifies it (`<q>_other`).
			for (const [place, c] of choicesOver(versions, q).entries()) {
				columns.push({
					name: `${q}_${c.code ?? place + 1}`,
					question: q,
					part: { kind: 'choice', ...c },
					cell: (row) => {
						const value = row.values[q];
						if (value === undefined) return notAsked(row, q);
						if (isSpecial(value)) return specialCodes[value.special];
						return Array.isArray(value) && value.includes(c.value) ? 1 : 0;
					}
				});
			}
		}
		if (options.splitGeo && definitionsOf(versions, q).some((d) => d.item.type === 'geopoint')) {
			const part = (key: string) => (row: Row) => {
				const value = row.values[q];
				if (value === undefined) return notAsked(row, q);
				if (isSpecial(value)) return specialCodes[value.special];
				return (value as Record<string, unknown>)[key];
			};
			columns.push(
				{ name: `${q}_latitude`, question: q, part: { kind: 'geo', what: 'latitude' }, cell: part('lat') },
				{ name: `${q}_longitude`, question: q, part: { kind: 'geo', what: 'longitude' }, cell: part('lon') },
				{ name: `${q}_accuracy`, question: q, part: { kind: 'geo', what: 'accuracy' }, cell: part('accuracy') },
				{ name: `${q}_no_fix`, question: q, part: { kind: 'geo', what: 'no_fix' }, cell: part('no_fix') }
			);
		}
	}
	if (table) {
		columns.push({ name: 'PARENT_KEY', cell: (row) => row.parentKey }, { name: 'KEY', cell: (row) => row.key });
	} else {
		const enumerators = options.enumerators ?? new Map<string, string>();
		const detail = (name: (typeof detailColumns)[number]) => (row: Row) =>
			details(row.submission, enumerators, name === 'instance_name' ? engineOf(row.submission)?.instanceName() : undefined)[
				detailColumns.indexOf(name)
			];
		if (options.odk) {
			columns.unshift({ name: odkNames.submitted_at, detail: 'submitted_at', cell: detail('submitted_at') });
			columns.push({ name: 'KEY', cell: (row) => row.key });
			for (const name of odkDetailColumns) {
				const own = Object.entries(odkNames).find(([, odk]) => odk === name)?.[0] as (typeof detailColumns)[number] | undefined;
				const single = name === REVIEW_STATE ? undefined : (own ?? (name as (typeof detailColumns)[number]));
				columns.push({
					name,
					question: name === 'instance_name' ? name : undefined,
					detail: single,
					cell: single ? detail(single) : (row) => reviewStateOf(row.submission)
				});
			}
		} else {
			columns.push({ name: 'KEY', cell: (row) => row.key });
			for (const name of detailColumns)
				columns.push({ name, question: name === 'instance_name' ? name : undefined, detail: name, cell: detail(name) });
		}
	}
	return columns;
}

/** What the statistics scripts need to know of a column's cells: all numbers (or empty), the widest in UTF-8 bytes, the most decimals. */
export interface ColumnStats {
	numeric: boolean;
	bytes: number;
	decimals: number;
}

/** A table as CSV: the header, then a record per row; `stats`, when given, gets each picked column's stats. */
export function csvOf(table: Table, pick: readonly Column[] = table.columns, stats?: ColumnStats[]): string {
	return [...csvChunks(table, pick, stats)].join('');
}

/** The header record of a table's picked columns; `stats`, when given, gets a fresh entry per column. */
export function csvHeader(pick: readonly Column[], stats?: ColumnStats[]): string {
	stats?.push(...pick.map(() => ({ numeric: true, bytes: 1, decimals: 0 })));
	return csvLine(pick.map((c) => c.name));
}

/** The records of these rows, the picked columns' cells; `stats` (from csvHeader) take in each cell. */
export function csvRecords(rows: Iterable<Row>, pick: readonly Column[], stats?: ColumnStats[]): string {
	let csv = '';
	for (const row of rows) {
		const cells = pick.map((c) => cellText(c.cell(row)));
		if (stats) {
			cells.forEach((t, i) => {
				const s = stats[i];
				s.bytes = Math.max(s.bytes, Buffer.byteLength(t));
				if (t === '') return;
				const number = /^-?\d+(\.(\d+))?$/.exec(t);
				if (!number) s.numeric = false;
				else s.decimals = Math.max(s.decimals, number[2]?.length ?? 0);
			});
		}
		csv += cells.map(quoted).join(',') + '\r\n';
	}
	return csv;
}

/** A table as CSV in pieces of `rows` records (the header in the first), for writing it out as it is made. */
export function* csvChunks(table: Table, pick: readonly Column[] = table.columns, stats?: ColumnStats[], rows = 500): Generator<string> {
	let csv = csvHeader(pick, stats);
	for (let at = 0; at < table.rows.length; at += rows) {
		yield csv + csvRecords(table.rows.slice(at, at + rows), pick, stats);
		csv = '';
	}
	if (csv || table.rows.length === 0) yield csv;
}

/** A single table as the CSV URLs write it: value names, today's column names. */
export function tableCsv(
	versions: readonly CompiledForm[],
	table: string,
	submissions: readonly StoredSubmission[],
	options: ExportOptions = {}
): string {
	return csvOf(exportTable(versions, table, submissions, options));
}
