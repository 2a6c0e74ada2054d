/**
 * CSV export in ODK's layout: one file for the form (a row per submission, KEY last) and
 * one per repeat (a row per entry, PARENT_KEY and KEY last, KEY like
 * "<parent key>/member[2]"), so members and trips join back to their household by key.
 * UTF-8 without a byte-order mark, RFC 4180 quoting, CRLF line ends. A question not asked
 * is an empty cell; Don't know is -1 and Refused -2 (the Caucasus Barometer codes); a
 * multiple choice is its codes separated by spaces.
 */
import { isSpecial, type CompiledForm, type FormNode } from '$lib/form';
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
	values: Record<string, unknown>;
	parentKey?: string;
	key: string;
}

/** Rows of one table: for a repeat, every entry of every submission, nested ones included. */
function rowsOf(table: string, nodes: (name: string) => FormNode | undefined, submissions: readonly StoredSubmission[]): Row[] {
	if (!table) return submissions.map((s) => ({ values: s.answers, key: s.id }));
	const path = [...(nodes(table)?.repeats ?? []), table];
	let rows: Row[] = submissions.map((s) => ({ values: s.answers, key: s.id }));
	for (const repeat of path) {
		rows = rows.flatMap((row) => {
			const entries = row.values[repeat];
			if (!Array.isArray(entries)) return [];
			return entries.map((entry, i) => ({
				values: (entry ?? {}) as Record<string, unknown>,
				parentKey: row.key,
				key: `${row.key}/${repeat}[${i + 1}]`
			}));
		});
	}
	return rows;
}

export function tableCsv(versions: readonly CompiledForm[], table: string, submissions: readonly StoredSubmission[]): string {
	const columns = exportTables(versions).get(table);
	if (!columns) throw new Error(`no table "${table}"`);
	const nodes = (name: string) => versions.map((f) => f.nodes.get(name)).find(Boolean);
	const header = table ? [...columns, 'PARENT_KEY', 'KEY'] : [...columns, 'KEY'];
	let csv = csvLine(header);
	for (const row of rowsOf(table, nodes, submissions)) {
		const keys = table ? [row.parentKey, row.key] : [row.key];
		csv += csvLine([...columns.map((c) => row.values[c]), ...keys]);
	}
	return csv;
}
