/**
 * The statistics scripts of the export archive: a Stata `.do`, an SPSS `.sps` and an R
 * script (base R only) that read the archive's CSV files and label every variable (at most
 * 80 characters, the codebook's short label) and every coded value, so one command
 * (`do <formId>.do`, running `<formId>.sps`, `source("<formId>.R")`) gives labelled data.
 * Types come from the cells written: a column whose cells are all numbers (or empty) is
 * read as numeric, any other as text; value labels go on numeric columns only.
 */
import { isContainer, reportText, type CompiledForm, type Question } from '$lib/form';
import { choiceList } from '$lib/form/compile';
import { detailDocs } from './codebook-details';
import { codebookRows, reviewStateDoc, SHORT_LABEL_MAX, shortened, shortLabel } from './codebook';
import { choicesOver, type Column, type ColumnStats } from './csv';

/** One CSV file of the archive as the scripts read it. */
export interface ScriptTable {
	file: string;
	columns: readonly Column[];
	stats: readonly ColumnStats[];
}

/** A variable's label and its value labels (code, label). */
export interface Labelled {
	name: string;
	label: string;
	values: [number, string][];
	numeric: boolean;
	/** Digits after the decimal point in the widest number. */
	decimals: number;
	/** The widest cell in UTF-8 bytes. */
	bytes: number;
}

const SPECIALS: [number, string][] = [
	[-1, "Don't know"],
	[-2, 'Refused'],
	[-7, 'Legal skip'],
	[-9, 'Break-off']
];

/** The newest definition of a question. */
function newest(versions: readonly CompiledForm[], name: string): Question | undefined {
	for (let i = versions.length - 1; i >= 0; i--) {
		const item = versions[i].nodes.get(name)?.item;
		if (item && !isContainer(item)) return item;
	}
	return undefined;
}

/** A choice's label in English (the form's default language when it has no English), from the newest version whose list has it. */
function choiceLabel(versions: readonly CompiledForm[], question: string, value: string): string {
	for (let i = versions.length - 1; i >= 0; i--) {
		const item = versions[i].nodes.get(question)?.item;
		const choice =
			item && !isContainer(item) ? choiceList(versions[i].definition, item.choices)?.find((c) => c.value === value) : undefined;
		if (choice) return reportText(choice.label, versions[i].definition);
	}
	return value;
}

/** "1=Yes; 0=No" into value labels, when the values are numbers. */
const parsedValues = (values: string | undefined): [number, string][] =>
	(values ?? '')
		.split('; ')
		.map((pair) => /^(-?\d+)=(.+)$/.exec(pair))
		.flatMap((m) => (m ? [[Number(m[1]), m[2]] as [number, string]] : []));

/** What the scripts say about one column of one table. */
export function labelled(
	versions: readonly CompiledForm[],
	table: string,
	column: Column,
	stats: ColumnStats,
	documented: ReadonlyMap<string, string> = new Map()
): Labelled {
	const base = { name: column.name, numeric: stats.numeric, decimals: stats.decimals, bytes: stats.bytes };
	const keep = (label: string, values: [number, string][] = []) => ({
		...base,
		label: shortened(label, SHORT_LABEL_MAX),
		values: stats.numeric ? values : []
	});
	if (column.detail || column.name === 'ReviewState') {
		const doc = column.detail ? detailDocs[column.detail] : reviewStateDoc;
		return keep(doc.short, parsedValues(doc.values));
	}
	const short = documented.get(`${table}/${column.name}`);
	if (column.name === 'KEY') return keep(short ?? (table ? `Key of the ${table} entry` : 'Interview key'));
	if (column.name === 'PARENT_KEY') return keep(short ?? `Key of the row this ${table} entry belongs to`);
	const q = column.question ? newest(versions, column.question) : undefined;
	if (!q) return keep(column.name);
	const label = shortLabel(q, versions.at(-1)!.definition) || q.name;
	const part = column.part;
	if (part?.kind === 'key') return keep(`${shortened(label, SHORT_LABEL_MAX - ' (key)'.length)} (key)`);
	if (part?.kind === 'geo') return keep(`${shortened(label, SHORT_LABEL_MAX - 12)}: ${part.what.replace('_', ' ')}`);
	if (part?.kind === 'choice') {
		const name = choiceLabel(versions, q.name, part.value);
		return keep(`${shortened(label, SHORT_LABEL_MAX - 2 - Math.min(name.length, 38))}: ${name}`, [[1, 'Yes'], [0, 'No'], ...SPECIALS]);
	}
	const coded = q.type === 'select_multiple' ? [] : choicesOver(versions, q.name).filter((c) => c.code !== undefined);
	return keep(label, [...coded.map((c) => [c.code!, choiceLabel(versions, q.name, c.value)] as [number, string]), ...SPECIALS]);
}

/** A dataset's name: the file's without ".csv". */
const datasetOf = (file: string) => file.replace(/\.csv$/, '');

/** Stata: a compound-quoted string, with macro characters escaped. */
const stata = (text: string) =>
	`\`"${text
		.replace(/[\r\n]+/g, ' ')
		.replace(/\\/g, '\\\\')
		.replace(/([`$])/g, '\\$1')}"'`;

export function stataDo(formId: string, tables: readonly (ScriptTable & { variables: Labelled[] })[]): string {
	const lines = [
		`* ${formId}.do: reads the export's CSV files, labels every variable and value, and saves a .dta per file.`,
		`* Run it in the folder holding the CSV files: do ${formId}.do`,
		'version 14',
		'set more off'
	];
	for (const t of tables) {
		const numbered = (numeric: boolean) => t.variables.flatMap((v, i) => (v.numeric === numeric ? [i + 1] : [])).join(' ');
		const strings = numbered(false);
		const numbers = numbered(true);
		lines.push(
			'',
			`* ${t.file}`,
			`import delimited using "${t.file}", varnames(1) case(preserve) encoding("utf-8") delimiters(",") bindquotes(strict)` +
				(strings ? ` stringcols(${strings})` : '') +
				(numbers ? ` numericcols(${numbers})` : '') +
				' clear'
		);
		for (const v of t.variables) {
			lines.push(`label variable ${v.name} ${stata(v.label)}`);
			if (!v.values.length) continue;
			lines.push(`label define ${v.name} ${v.values.map(([code, label]) => `${code} ${stata(label)}`).join(' ')}, replace`);
			lines.push(`label values ${v.name} ${v.name}`);
		}
		lines.push(`save "${datasetOf(t.file)}.dta", replace`);
	}
	return lines.join('\n') + '\n';
}

/** SPSS: a single-quoted string. */
const spss = (text: string) => `'${text.replace(/[\r\n]+/g, ' ').replaceAll("'", "''")}'`;

export function spssSyntax(formId: string, tables: readonly (ScriptTable & { variables: Labelled[] })[]): string {
	const lines = [
		'* Encoding: UTF-8.',
		`* ${formId}.sps: reads the export's CSV files, labels every variable and value, and saves a .sav per file.`,
		`* Run it with the folder holding the CSV files as the working directory (pspp ${formId}.sps).`
	];
	for (const t of tables) {
		lines.push(
			'',
			`GET DATA /TYPE=TXT /FILE='${t.file}' /ENCODING='UTF-8' /ARRANGEMENT=DELIMITED /DELCASE=LINE /FIRSTCASE=2`,
			`  /DELIMITERS=',' /QUALIFIER='"'`,
			'  /VARIABLES=',
			...t.variables.map((v) => {
				if (!v.numeric) return `    ${v.name} A${Math.min(32767, v.bytes)}`;
				const width = Math.min(40, Math.max(8, v.bytes + 1, v.decimals + 3));
				return `    ${v.name} F${width}.${v.decimals}`;
			}),
			'.',
			'VARIABLE LABELS',
			t.variables.map((v) => `  ${v.name} ${spss(v.label)}`).join('\n  /') + '.'
		);
		const valued = t.variables.filter((v) => v.values.length);
		if (valued.length) {
			lines.push(
				'VALUE LABELS',
				valued.map((v) => `  ${v.name} ${v.values.map(([code, label]) => `${code} ${spss(label)}`).join(' ')}`).join('\n  /') + '.'
			);
		}
		lines.push(`SAVE OUTFILE='${datasetOf(t.file)}.sav'.`);
	}
	return lines.join('\n') + '\n';
}

/** R: a double-quoted string in ASCII (other characters as \u escapes), so the script reads alike in every locale. */
const r = (text: string) =>
	'"' +
	[...text]
		.map((ch) => {
			const cp = ch.codePointAt(0)!;
			if (ch === '"' || ch === '\\') return `\\${ch}`;
			if (ch === '\n') return '\\n';
			if (ch === '\r') return '\\r';
			if (cp < 0x20 || cp > 0x7e) return cp > 0xffff ? `\\U{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
			return ch;
		})
		.join('') +
	'"';

export function rScript(formId: string, tables: readonly (ScriptTable & { variables: Labelled[] })[], bom: boolean): string {
	const lines = [
		`# ${formId}.R: reads the export's CSV files into data frames (base R only), every variable with a "label"`,
		'# attribute and every coded one with "labels" (a named vector: code = label; haven and labelled read both).',
		`# Run it in the folder holding the CSV files: source("${formId}.R")`,
		'tun_read <- function(file, numeric) {',
		`  read.csv(file, fileEncoding = ${r(bom ? 'UTF-8-BOM' : 'UTF-8')}, encoding = "UTF-8", check.names = FALSE,`,
		'    colClasses = ifelse(numeric, "numeric", "character"), na.strings = "", stringsAsFactors = FALSE)',
		'}',
		'tun_label <- function(data, name, label, codes = NULL, labels = NULL) {',
		'  attr(data[[name]], "label") <- label',
		'  if (!is.null(codes)) attr(data[[name]], "labels") <- setNames(codes, labels)',
		'  data',
		'}'
	];
	for (const t of tables) {
		const name = datasetOf(t.file).replace(/[^A-Za-z0-9_]/g, '_');
		lines.push(
			'',
			`# ${t.file}`,
			`${name} <- tun_read(${r(t.file)}, c(${t.variables.map((v) => (v.numeric ? 'TRUE' : 'FALSE')).join(', ')}))`
		);
		for (const v of t.variables) {
			const values = v.values.length
				? `, c(${v.values.map(([code]) => code).join(', ')}), c(${v.values.map(([, label]) => r(label)).join(', ')})`
				: '';
			lines.push(`${name} <- tun_label(${name}, ${r(v.name)}, ${r(v.label)}${values})`);
		}
	}
	return lines.join('\n') + '\n';
}

/** The three scripts by file name. */
export function statisticsScripts(versions: readonly CompiledForm[], tables: readonly ScriptTable[], bom: boolean): Map<string, string> {
	const formId = versions[0].definition.id;
	// The codebook's variable labels (table "" for the main one), so the scripts and the codebook say the same.
	const documented = new Map(
		codebookRows(versions, true).map((r) => [`${r.table === formId ? '' : r.table}/${r.variable}`, r.short_label])
	);
	const described = tables.map((t) => {
		const table = datasetOf(t.file)
			.slice(formId.length)
			.replace(/-identifying$/, '')
			.replace(/^-/, '');
		return { ...t, variables: t.columns.map((c, i) => labelled(versions, table, c, t.stats[i], documented)) };
	});
	return new Map([
		[`${formId}.do`, stataDo(formId, described)],
		[`${formId}.sps`, spssSyntax(formId, described)],
		[`${formId}.R`, rScript(formId, described, bom)]
	]);
}
