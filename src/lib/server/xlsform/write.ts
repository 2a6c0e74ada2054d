/**
 * A form definition as an XLSForm workbook (survey, choices and settings sheets), following
 * pyxform's rules so ODK tools read it, with Tun's own fields in `tun_…` columns they pass
 * over (columns.ts). readXlsForm (read.ts) gives back the same definition.
 */
import ExcelJS from 'exceljs';
import { isContainer, type Choice, type FormDefinition, type Item, type Question, type Repeat } from '$lib/form';
import {
	choiceColumns,
	defaultLanguages,
	fieldList,
	formColumns,
	groupColumns,
	householdColumns,
	languageTag,
	questionColumns,
	renameChoiceName,
	repeatColumns,
	titleColumn,
	translatedColumns,
	tunTypeColumn,
	yearRange
} from './columns';

export interface Language {
	code: string;
	name: string;
}

/** The languages a definition declares, or hy/ru/en when it declares none. */
export function languagesOf(def: FormDefinition): Language[] {
	return [...((def as { languages?: Language[] }).languages ?? defaultLanguages)];
}

type Cell = string | number | undefined;
type Row = Record<string, Cell>;

const yesNo = (b: boolean | undefined): Cell => (b === undefined ? undefined : b ? 'yes' : 'no');

/** A year is an integer within Tun's year range and its own constraint. */
export function yearConstraint(constraint: string | undefined): string {
	return constraint === undefined ? yearRange : `${yearRange} and (${constraint})`;
}

/** The first question whose innermost repeat is `repeat`: what `select_one ${…}` names for ODK. */
function firstQuestionOf(repeat: Repeat): string | undefined {
	if (repeat.summary?.length) return repeat.summary[0];
	const find = (items: Item[]): string | undefined => {
		for (const item of items) {
			if (item.type === 'group') {
				const inner = find(item.items);
				if (inner) return inner;
			} else if (item.type !== 'repeat') return item.name;
		}
		return undefined;
	};
	return find(repeat.items);
}

function findRepeat(items: Item[], name: string): Repeat | undefined {
	for (const item of items) {
		if (item.type === 'repeat' && item.name === name) return item;
		if (isContainer(item)) {
			const inner = findRepeat(item.items, name);
			if (inner) return inner;
		}
	}
	return undefined;
}

function surveyRows(def: FormDefinition, languages: Language[]): Row[] {
	const rows: Row[] = [];
	const texts = (row: Row, column: string, text: Record<string, string> | undefined) => {
		if (!text) return;
		for (const l of languages) row[`${column}::${languageTag(l)}`] = text[l.code];
	};
	const walk = (items: Item[], top: boolean) => {
		for (const item of items) {
			const row: Row = { name: item.name };
			texts(row, 'label', item.label as Record<string, string>);
			row.relevant = item.relevant;
			if (item.type === 'group') {
				row.type = 'begin group';
				// Tun shows each top-level group on one screen; field-list tells ODK tools to do the same.
				if (top) row.appearance = fieldList;
				row[groupColumns.list] = item.list;
				rows.push(row);
				walk(item.items, false);
				rows.push({ type: 'end group' });
				continue;
			}
			if (item.type === 'repeat') {
				row.type = 'begin repeat';
				row[repeatColumns.count] = item.count;
				row[repeatColumns.summary] = item.summary?.join(' ');
				row[repeatColumns.max_entries] = item.max_entries;
				rows.push(row);
				walk(item.items, false);
				rows.push({ type: 'end repeat' });
				continue;
			}
			rows.push(questionRow(def, item, row, texts));
		}
	};
	walk(def.items, true);
	return rows;
}

function questionRow(
	def: FormDefinition,
	q: Question,
	row: Row,
	texts: (row: Row, column: string, text?: Record<string, string>) => void
): Row {
	const c = questionColumns;
	row.type = q.type;
	if (q.type === 'year') {
		row.type = 'integer';
		row[tunTypeColumn] = 'year';
	}
	if ((q.type === 'select_one' || q.type === 'select_multiple') && q.choices !== undefined) row.type = `${q.type} ${q.choices}`;
	if (q.type === 'select_one' && q.link !== undefined) {
		const repeat = findRepeat(def.items, q.link);
		// ODK selects a repeat's entries through one of its questions; a repeat with none of its own is named itself.
		const question = (repeat && firstQuestionOf(repeat)) ?? q.link;
		row.type = `select_one \${${question}}`;
	}
	if (q.type === 'calculate') row[c.choices] = q.choices;
	row[c.link] = q.link;
	texts(row, 'hint', q.hint as Record<string, string> | undefined);
	row[c.required] = yesNo(q.required);
	row[c.constraint] = q.type === 'year' ? yearConstraint(q.constraint) : q.constraint;
	texts(row, 'constraint_message', q.constraint_message as Record<string, string> | undefined);
	row[c.constraint_soft] = yesNo(q.constraint_soft);
	row[c.choice_filter] = q.choice_filter === undefined ? undefined : renameChoiceName(q.choice_filter, 'value', 'name');
	row[c.calculation] = q.calculation;
	row[c.read_only] = yesNo(q.read_only);
	row[c.default] = q.default;
	row[c.allow_dont_know] = yesNo(q.allow_dont_know);
	row[c.allow_refused] = yesNo(q.allow_refused);
	row[c.max_length] = q.max_length;
	row[c.identifying] = yesNo(q.identifying);
	row[c.short_label] = q.short_label;
	row[c.unit] = q.unit;
	return row;
}

function choiceRows(def: FormDefinition, languages: Language[]): Row[] {
	const rows: Row[] = [];
	for (const [list, choices] of Object.entries(def.choices)) {
		for (const choice of choices as Choice[]) {
			const row: Row = { list_name: list, [choiceColumns.value]: choice.value };
			for (const l of languages) row[`label::${languageTag(l)}`] = (choice.label as Record<string, string>)[l.code];
			row[choiceColumns.code] = choice.code;
			for (const [key, value] of Object.entries(choice.attrs ?? {})) row[key] = value;
			rows.push(row);
		}
	}
	return rows;
}

function settingsRow(def: FormDefinition, languages: Language[]): Row {
	const row: Row = {
		[formColumns.id]: def.id,
		[formColumns.version]: def.version,
		[formColumns.title]: (def.title as Record<string, string>)[def.defaultLanguage]
	};
	for (const l of languages)
		if (l.code !== def.defaultLanguage) row[`${titleColumn}::${languageTag(l)}`] = (def.title as Record<string, string>)[l.code];
	const language = languages.find((l) => l.code === def.defaultLanguage);
	row[formColumns.defaultLanguage] = language ? languageTag(language) : def.defaultLanguage;
	row[formColumns.instance_name] = def.instance_name;
	row[formColumns.place] = def.place;
	row[formColumns.location] = def.location;
	row[householdColumns.roster] = def.household?.roster;
	row[householdColumns.fields] = def.household?.fields.join(' ');
	return row;
}

/** The columns in use, in the order given (then any others in the order first met), as a sheet. */
function addSheet(workbook: ExcelJS.Workbook, name: string, rows: Row[], order: string[]) {
	const used = new Set<string>();
	for (const row of rows) for (const [key, value] of Object.entries(row)) if (value !== undefined && value !== '') used.add(key);
	const columns = [...order.filter((c) => used.has(c)), ...[...used].filter((c) => !order.includes(c))];
	const sheet = workbook.addWorksheet(name);
	sheet.addRow(columns);
	for (const row of rows) sheet.addRow(columns.map((c) => row[c] ?? null));
	sheet.getRow(1).font = { bold: true };
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The definition as an XLSForm workbook (.xlsx). */
export async function writeXlsForm(def: FormDefinition): Promise<Uint8Array> {
	const languages = languagesOf(def);
	const tagged = (column: string) => languages.map((l) => `${column}::${languageTag(l)}`);
	const workbook = new ExcelJS.Workbook();
	const surveyOrder = [
		'type',
		'name',
		...translatedColumns.flatMap(tagged).filter((c) => c.startsWith('label')),
		...tagged('hint'),
		'required',
		'relevant',
		'constraint',
		...tagged('constraint_message'),
		'calculation',
		'choice_filter',
		'repeat_count',
		'default',
		'read_only',
		'appearance',
		tunTypeColumn,
		questionColumns.link,
		questionColumns.choices,
		questionColumns.constraint_soft,
		questionColumns.allow_dont_know,
		questionColumns.allow_refused,
		questionColumns.identifying,
		questionColumns.max_length,
		questionColumns.short_label,
		questionColumns.unit,
		groupColumns.list,
		repeatColumns.summary,
		repeatColumns.max_entries
	];
	addSheet(workbook, 'survey', surveyRows(def, languages), surveyOrder);
	const choices = choiceRows(def, languages);
	if (choices.length) addSheet(workbook, 'choices', choices, ['list_name', 'name', ...tagged('label'), choiceColumns.code]);
	addSheet(workbook, 'settings', [settingsRow(def, languages)], []);
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}
