/**
 * An XLSForm workbook (survey, choices and settings sheets) as a form definition: the sheets
 * read by pyxform's rules where Tun follows them (columns.ts, README "XLSForm"), the
 * definition checked by compileForm, and every problem, the workbook's and the definition's,
 * located as a spreadsheet user sees it: sheet, row, column. Nothing unsupported is dropped:
 * a column, type, appearance or sheet Tun has no use for is a problem at its cell.
 */
import ExcelJS from 'exceljs';
import { compileForm, formLanguages, type FormDefinition } from '$lib/form';
import { namePattern } from '$lib/form/expr/lex';
import {
	choicesAliases,
	fieldList,
	formColumns,
	groupColumns,
	householdColumns,
	languageTag,
	noValues,
	questionColumns,
	renameChoiceName,
	repeatColumns,
	settingsAliases,
	settingsColumnNames,
	surveyAliases,
	surveyColumnNames,
	titleColumn,
	translatedColumns,
	tunTypeColumn,
	unsupportedColumns,
	unsupportedSettings,
	unsupportedSheets,
	unsupportedTypes,
	yearRange,
	yesValues
} from './columns';
import type { Language } from './write';

export interface XlsProblem {
	sheet: string;
	row: number | null;
	column: string | null;
	message: string;
}

export type ReadResult =
	| {
			status: 'ok';
			definition: FormDefinition;
			/** Problems found later (publishing compares with earlier versions) at their cells, as the reader would have told them. */
			locate: (problems: readonly { path: string; message: string }[]) => XlsProblem[];
	  }
	| { status: 'invalid'; problems: XlsProblem[] };

interface Value {
	text: string;
	/** Set when the cell holds a number. */
	number?: number;
}

interface Header {
	col: number;
	/** As the user wrote it (trimmed): what a problem names. */
	written: string;
	/** The column it means, lower snake_case and de-aliased: `label`, `relevant`, an attr's name as written. */
	base: string;
	/** The language part after `::`, as written. */
	lang?: string;
}

interface SheetRow {
	n: number;
	cells: Map<number, Value>;
}

interface Sheet {
	/** As the workbook names it. */
	name: string;
	headers: Header[];
	rows: SheetRow[];
}

const snake = (s: string) => s.trim().split(/\s+/).join('_').toLowerCase();
const smartQuotes: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"' };
const plainQuotes = (s: string) => s.replace(/[\u2018\u2019\u201c\u201d]/g, (q) => smartQuotes[q]);
const tagPattern = /^(.*\S)\s*\(\s*([A-Za-z][A-Za-z0-9-]*)\s*\)$/;
const wholeNumber = /^-?\d+$/;

/** A cell as text, the way pyxform reads it (xlsx_value_to_str): trimmed, numbers without ".0", TRUE/FALSE, a no-break space as a space. */
function cellValue(v: ExcelJS.CellValue): Value | { error: string } | undefined {
	if (v === null || v === undefined) return undefined;
	if (typeof v === 'number') return { text: String(v), number: v };
	if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
	if (typeof v === 'string') {
		const text = v.replaceAll('\u00a0', ' ').trim();
		return text === '' ? undefined : { text };
	}
	if (v instanceof Date) {
		const iso = v.toISOString();
		return { text: iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso };
	}
	if ('richText' in v) return cellValue(v.richText.map((r) => r.text).join(''));
	if ('error' in v) return { error: `the cell holds the error ${String(v.error)}` };
	if ('formula' in v || 'sharedFormula' in v) {
		const result = (v as { result?: unknown }).result;
		if (result === undefined) return { error: 'the cell holds a formula with no computed value: write the value itself' };
		return cellValue(result as ExcelJS.CellValue);
	}
	if ('text' in v) return cellValue((v as { text: ExcelJS.CellValue }).text);
	return { error: 'the cell holds a value Tun cannot read' };
}

/**
 * A sheet's headers and non-empty rows. A header is de-aliased and normalised to lower
 * snake_case when it names a column Tun knows (pyxform's to_snake_case: "Constraint
 * Message" is constraint_message); any other keeps its spelling (a choices attr).
 */
function readSheet(ws: ExcelJS.Worksheet, aliases: Record<string, string>, known: readonly string[], problems: XlsProblem[]): Sheet {
	const sheet: Sheet = { name: ws.name, headers: [], rows: [] };
	const problem = (row: number | null, column: string | null, message: string) => problems.push({ sheet: ws.name, row, column, message });
	const headerRow = ws.getRow(1);
	const written: [number, string][] = [];
	headerRow.eachCell({ includeEmpty: false }, (cell, col) => {
		const value = cellValue(cell.value);
		if (value && !('error' in value)) written.push([col, value.text.replace(/ +/g, ' ')]);
	});
	// pyxform's rule: a language follows "::"; in a sheet with no "::" at all, the older ":" (jr:count aside).
	const delimiter = written.some(([, text]) => text.includes('::')) ? '::' : ':';
	for (const [col, text] of written) {
		let tokens = text.split(delimiter).map((t) => t.trim());
		if (delimiter === ':' && tokens[0].toLowerCase() === 'jr' && tokens.length > 1) tokens = [`jr:${tokens[1]}`, ...tokens.slice(2)];
		const [first, ...rest] = tokens;
		const norm = snake(first);
		const base = aliases[first.toLowerCase()] ?? aliases[norm] ?? (known.includes(norm) ? norm : first);
		if (rest.length > 1) problem(1, text, `the column "${text}" has more than one "${delimiter}"`);
		sheet.headers.push({ col, written: text, base, lang: rest.length ? rest.join(delimiter) : undefined });
	}
	const seen = new Map<string, string>();
	for (const h of sheet.headers) {
		const key = `${h.base}::${h.lang ?? ''}`;
		if (seen.has(key)) problem(1, h.written, `the columns "${seen.get(key)}" and "${h.written}" are the same column`);
		seen.set(key, h.written);
	}
	const byColumn = new Map(sheet.headers.map((h) => [h.col, h]));
	ws.eachRow({ includeEmpty: false }, (row, n) => {
		if (n === 1) return;
		const cells = new Map<number, Value>();
		row.eachCell({ includeEmpty: false }, (cell, col) => {
			const value = cellValue(cell.value);
			if (!value) return;
			const header = byColumn.get(col);
			if ('error' in value) return problem(n, header?.written ?? cell.address.replace(/\d+$/, ''), value.error);
			if (!header) return problem(n, cell.address.replace(/\d+$/, ''), `a value in a column with no header: "${value.text}"`);
			cells.set(col, value);
		});
		if (cells.size) sheet.rows.push({ n, cells });
	});
	return sheet;
}

/** Definition paths to cells: each item's, choice's and the settings' row and the columns its fields came from. */
interface Located {
	sheet: string;
	row: number | null;
	/** Field (or `label.en`) to the column as written, where it is not the usual one. */
	columns: Map<string, string>;
	kind: 'question' | 'group' | 'repeat' | 'choice' | 'settings';
}

type Obj = Record<string, unknown>;
const set = (o: Obj, key: string, value: unknown) => {
	if (value !== undefined) o[key] = value;
};

/**
 * Reads an XLSForm workbook, builds the definition, runs compileForm on it and maps its
 * problems (dotted paths such as items.3.items.2.relevant) back to sheet, row and column.
 */
export async function readXlsForm(data: Uint8Array): Promise<ReadResult> {
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(data as unknown as ArrayBuffer);
	} catch {
		const message = 'This file is not an Excel workbook (.xlsx): save the XLSForm as .xlsx (an .xls or .csv file too) and send that';
		return { status: 'invalid', problems: [{ sheet: '', row: null, column: null, message }] };
	}
	return new Reader(workbook).read();
}

class Reader {
	problems: XlsProblem[] = [];
	survey?: Sheet;
	choices?: Sheet;
	settings?: Sheet;
	languages: Language[] = [];
	defaultLanguage = '';
	/** Columns refused at their header. */
	refused = new Set<Header>();
	/** Definition paths (items.3.items.2, choices.yes_no.0, settings) to where they stand. */
	where = new Map<string, Located>();

	constructor(private workbook: ExcelJS.Workbook) {}

	problem(sheet: string, row: number | null, column: string | null, message: string) {
		if (!this.problems.some((p) => p.sheet === sheet && p.row === row && p.column === column && p.message === message))
			this.problems.push({ sheet, row, column, message });
	}

	read(): ReadResult {
		const sheets = new Map<string, ExcelJS.Worksheet>();
		for (const ws of this.workbook.worksheets) sheets.set(ws.name.trim().toLowerCase(), ws);
		if (!this.workbook.worksheets.length)
			return {
				status: 'invalid',
				problems: [{ sheet: '', row: null, column: null, message: 'This workbook has no sheets: an XLSForm has a survey sheet.' }]
			};
		const survey = sheets.get('survey');
		if (!survey) {
			const names = this.workbook.worksheets.map((w) => `"${w.name}"`).join(', ');
			return {
				status: 'invalid',
				problems: [{ sheet: '', row: null, column: null, message: `An XLSForm needs a sheet named "survey"; this workbook has ${names}.` }]
			};
		}
		for (const name of unsupportedSheets) {
			const ws = sheets.get(name);
			// Its headers alone (a template's) are harmless.
			if (ws && ws.actualRowCount > 1) this.problem(ws.name, null, null, `Tun does not support the "${name}" sheet: clear it or delete it`);
		}
		this.survey = readSheet(survey, surveyAliases, [...surveyColumnNames, ...unsupportedColumns], this.problems);
		const choices = sheets.get('choices');
		if (choices)
			this.choices = readSheet(choices, choicesAliases, ['list_name', 'name', 'label', 'tun_code', ...unsupportedColumns], this.problems);
		const settings = sheets.get('settings');
		if (settings) this.settings = readSheet(settings, settingsAliases, [...settingsColumnNames, ...unsupportedSettings], this.problems);

		this.checkColumns();
		this.findLanguages();
		if (!this.languages.length) {
			// Without a language no text can be read: saying so is enough.
			if (!this.problems.length) this.problem(survey.name, 1, null, 'the survey sheet needs a label column, e.g. "label::English (en)"');
			return { status: 'invalid', problems: this.sorted() };
		}
		const lists = this.readChoices();
		const items = this.readSurvey();
		const definition = this.readSettings();
		definition.choices = lists;
		definition.items = items;

		const result = compileForm(definition);
		if (result.status === 'invalid') for (const p of result.problems) this.locate(p.path, p.message);
		if (this.problems.length) return { status: 'invalid', problems: this.sorted() };
		if (result.status !== 'ok') throw new Error('unreachable');
		const locate = (problems: readonly { path: string; message: string }[]) => {
			this.problems = [];
			for (const p of problems) this.locate(p.path, p.message);
			return this.sorted();
		};
		return { status: 'ok', definition: result.form.definition, locate };
	}

	sorted(): XlsProblem[] {
		const order = [this.survey?.name, this.choices?.name ?? 'choices', this.settings?.name ?? 'settings'];
		const rank = (p: XlsProblem) => (order.indexOf(p.sheet) + 4) % 4;
		const sheets = [this.survey, this.choices, this.settings];
		const place = (p: XlsProblem) => sheets.find((s) => s?.name === p.sheet)?.headers.find((h) => h.written === p.column)?.col ?? 0;
		// Sheet by sheet, row by row, left to right: as the user reads the workbook.
		return [...this.problems].sort((a, b) => rank(a) - rank(b) || (a.row ?? 0) - (b.row ?? 0) || place(a) - place(b));
	}

	/** Unknown and unsupported columns: refused once, at the header, when any row has a value in them. */
	checkColumns() {
		const check = (
			sheet: Sheet | undefined,
			known: (h: Header) => boolean,
			unsupported: readonly string[],
			translated: readonly string[]
		) => {
			if (!sheet) return;
			for (const h of sheet.headers) {
				const used = sheet.rows.some((r) => r.cells.has(h.col));
				if (!used) continue;
				if (unsupported.includes(h.base.toLowerCase()) || unsupported.includes(snake(h.base)))
					this.refuse(sheet, h, `Tun does not support the column "${h.written}": clear it or delete the column`);
				else if (h.lang !== undefined && !translated.includes(h.base))
					this.refuse(sheet, h, `the column "${h.base}" takes no language ("${h.lang}")`);
				else if (!known(h)) this.refuse(sheet, h, `unknown column "${h.written}"`);
			}
		};
		check(this.survey, (h) => surveyColumnNames.includes(h.base), unsupportedColumns, translatedColumns);
		// Any other choices column is an attr a choice_filter tests by its name.
		check(this.choices, () => true, unsupportedColumns, ['label']);
		for (const h of this.choices?.headers ?? []) {
			if (this.isAttr(h) && !namePattern.test(h.base))
				this.refuse(this.choices!, h, `a choice_filter reads the column "${h.written}" by its name: name it in lower snake_case`);
		}
		check(this.settings, (h) => settingsColumnNames.includes(h.base), unsupportedSettings, ['form_title', titleColumn]);
	}

	/** A choices column that is none of list_name, name, label, tun_code: an attr. */
	isAttr(h: Header): boolean {
		return (
			!['list_name', 'name', 'label', 'tun_code'].includes(h.base) && h.lang === undefined && !this.isUnsupportedHeader(this.choices!, h)
		);
	}

	/** A problem with a whole column, said once at its header: its cells say nothing more. */
	refuse(sheet: Sheet, h: Header, message: string) {
		this.refused.add(h);
		this.problem(sheet.name, 1, h.written, message);
	}

	/** A column refused as a whole, or one Tun does not read on this sheet. */
	isUnsupportedHeader(sheet: Sheet, h: Header): boolean {
		if (this.refused.has(h)) return true;
		if (unsupportedColumns.includes(h.base.toLowerCase()) || unsupportedColumns.includes(snake(h.base))) return true;
		if (sheet === this.survey) return !surveyColumnNames.includes(h.base);
		if (sheet === this.settings) return !settingsColumnNames.includes(h.base);
		return false;
	}

	/**
	 * The form's languages: those the language columns name (`label::English (en)`), in the
	 * order they first stand; a column without a language (`label`) is in the default language.
	 */
	findLanguages() {
		const sheets: [Sheet | undefined, readonly string[]][] = [
			[this.survey, translatedColumns],
			[this.choices, ['label']],
			[this.settings, ['form_title', titleColumn]]
		];
		let plain: { sheet: Sheet; header: Header } | undefined;
		for (const [sheet, columns] of sheets) {
			for (const h of sheet?.headers ?? []) {
				if (!columns.includes(h.base)) continue;
				if (h.lang === undefined) {
					if (h.base !== 'form_title') plain ??= { sheet: sheet!, header: h };
					continue;
				}
				const m = tagPattern.exec(h.lang);
				if (!m) {
					this.refuse(sheet!, h, `write the language as name and code, e.g. "${h.base}::English (en)"`);
					continue;
				}
				const [, name, code] = m;
				const known = this.languages.find((l) => l.code === code);
				if (!known) this.languages.push({ code, name });
				else if (known.name !== name) this.refuse(sheet!, h, `the language "${code}" is named both "${known.name}" and "${name}"`);
			}
		}
		const settingsRow = this.settings?.rows[0];
		const header = this.settings?.headers.find((h) => h.base === formColumns.defaultLanguage);
		const written = header && settingsRow?.cells.get(header.col)?.text;
		if (written !== undefined) {
			const m = tagPattern.exec(written);
			const match = m ? this.languages.find((l) => l.code === m[2]) : this.languages.find((l) => l.code === written || l.name === written);
			if (match) {
				this.defaultLanguage = match.code;
				if (m && match.name !== m[1])
					this.problem(
						this.settings!.name,
						settingsRow!.n,
						header!.written,
						`the language "${m[2]}" is named both "${match.name}" and "${m[1]}"`
					);
			} else if (m && (plain || !this.languages.length)) {
				this.languages.unshift({ code: m[2], name: m[1] });
				this.defaultLanguage = m[2];
			} else {
				this.problem(
					this.settings!.name,
					settingsRow!.n,
					header!.written,
					m
						? `default_language "${written}" is none of the form's languages (${this.languages.map(languageTag).join(', ')})`
						: `write default_language as name and code, e.g. "English (en)"`
				);
			}
		} else if (plain) {
			this.problem(
				plain.sheet.name,
				1,
				plain.header.written,
				`"${plain.header.written}" names no language: write the language in the column, e.g. "${plain.header.base}::English (en)", or set default_language on the settings sheet as name and code, e.g. "English (en)"`
			);
		}
		if (!this.defaultLanguage && this.languages.length) this.defaultLanguage = this.languages[0].code;
	}

	/** The header of a translated column in a language: tagged, or plain for the default language. */
	translatedHeader(sheet: Sheet | undefined, base: string, code: string): Header | undefined {
		const l = this.languages.find((x) => x.code === code);
		const tagged = sheet?.headers.find((h) => h.base === base && h.lang !== undefined && l && tagPattern.exec(h.lang)?.[2] === code);
		if (tagged) return tagged;
		return code === this.defaultLanguage ? sheet?.headers.find((h) => h.base === base && h.lang === undefined) : undefined;
	}

	/** The column a definition field stands in, as written, or as it would be written. */
	columnOf(sheet: Sheet | undefined, base: string, code?: string): string {
		if (code !== undefined) {
			const h = this.translatedHeader(sheet, base, code);
			const l = this.languages.find((x) => x.code === code);
			return h?.written ?? (l ? `${base}::${languageTag(l)}` : base);
		}
		return sheet?.headers.find((h) => h.base === base && h.lang === undefined)?.written ?? base;
	}

	/** Reads one row's cells, remembering which it used: a value in a column the row's kind does not use is a problem. */
	rowReader(sheet: Sheet, row: SheetRow) {
		const taken = new Set<number>();
		const header = (base: string) => sheet.headers.find((h) => h.base === base && h.lang === undefined);
		const get = (base: string): Value | undefined => {
			const h = header(base);
			if (!h) return undefined;
			taken.add(h.col);
			return row.cells.get(h.col);
		};
		const at = (base: string) => header(base)?.written ?? base;
		const reader = {
			get,
			text: (base: string) => get(base)?.text,
			expression: (base: string) => {
				const v = get(base)?.text;
				return v === undefined ? undefined : plainQuotes(v);
			},
			bool: (base: string): boolean | undefined => {
				const v = get(base)?.text;
				if (v === undefined) return undefined;
				if (yesValues.includes(v)) return true;
				if (noValues.includes(v)) return false;
				this.problem(
					sheet.name,
					row.n,
					at(base),
					`"${v}" is not yes or no${base === 'required' ? ' (Tun does not take an expression here)' : ''}`
				);
				return undefined;
			},
			number: (base: string): number | undefined => {
				const v = get(base);
				if (v === undefined) return undefined;
				const n = v.number ?? (/^-?\d+(\.\d+)?$/.test(v.text) ? Number(v.text) : NaN);
				if (!Number.isFinite(n)) this.problem(sheet.name, row.n, at(base), `"${v.text}" is not a number`);
				return Number.isFinite(n) ? n : undefined;
			},
			names: (base: string) => {
				const v = get(base)?.text;
				return v === undefined ? undefined : v.split(/[\s,]+/).filter((s) => s !== '');
			},
			translated: (base: string): Record<string, string> | undefined => {
				const text: Record<string, string> = {};
				for (const l of this.languages) {
					const h = this.translatedHeader(sheet, base, l.code);
					if (!h) continue;
					taken.add(h.col);
					const v = row.cells.get(h.col);
					if (v !== undefined) text[l.code] = v.text;
				}
				return Object.keys(text).length ? text : undefined;
			},
			/** Every cell with a value this row did not use, except those of columns refused as a whole. */
			leftOver: (what: string, except: (h: Header) => boolean = () => false) => {
				for (const h of sheet.headers) {
					if (taken.has(h.col) || !row.cells.has(h.col) || except(h)) continue;
					this.problem(sheet.name, row.n, h.written, `${what} takes no "${h.written}"`);
				}
			},
			at
		};
		return reader;
	}

	readChoices(): Record<string, Obj[]> {
		const lists: Record<string, Obj[]> = {};
		const sheet = this.choices;
		if (!sheet) return lists;
		for (const row of sheet.rows) {
			const r = this.rowReader(sheet, row);
			const list = r.text('list_name');
			const name = r.text('name');
			const label = r.translated('label');
			const code = r.get('tun_code');
			const attrs: Record<string, string> = {};
			for (const h of sheet.headers) {
				if (!this.isAttr(h) || !namePattern.test(h.base)) continue;
				const v = row.cells.get(h.col);
				if (v !== undefined) attrs[h.base] = v.text;
			}
			if (list === undefined) {
				this.problem(sheet.name, row.n, r.at('list_name'), 'this choice has no list_name');
				continue;
			}
			const choice: Obj = {};
			set(choice, 'value', name);
			set(choice, 'label', label);
			if (code !== undefined) {
				if (code.number !== undefined || wholeNumber.test(code.text)) choice.code = code.number ?? Number(code.text);
				else this.problem(sheet.name, row.n, r.at('tun_code'), `"${code.text}" is not a whole number`);
			} else if (name !== undefined && /^\d+$/.test(name)) choice.code = Number(name);
			if (Object.keys(attrs).length) choice.attrs = attrs;
			lists[list] ??= [];
			this.where.set(`choices.${list}.${lists[list].length}`, { sheet: sheet.name, row: row.n, columns: new Map(), kind: 'choice' });
			lists[list].push(choice);
		}
		return lists;
	}

	readSettings(): Obj {
		const def: Obj = {};
		const sheet = this.settings;
		const row = sheet?.rows[0];
		for (const extra of sheet?.rows.slice(1) ?? [])
			this.problem(sheet!.name, extra.n, null, 'the settings sheet takes one row under its headers');
		this.where.set('settings', { sheet: sheet?.name ?? 'settings', row: row?.n ?? null, columns: new Map(), kind: 'settings' });
		const r = sheet && row ? this.rowReader(sheet, row) : undefined;
		const text = (base: string) => r?.text(base);
		set(def, 'id', text(formColumns.id));
		const version = r?.get(formColumns.version);
		set(def, 'version', version?.text);
		const title: Record<string, string> = {};
		for (const l of this.languages) {
			for (const base of ['form_title', titleColumn]) {
				const h = this.translatedHeader(sheet, base, l.code);
				const v = h && row?.cells.get(h.col);
				if (v) title[l.code] = v.text;
			}
		}
		// pyxform's rule: a form without a title is titled by its form_id.
		if (this.defaultLanguage && title[this.defaultLanguage] === undefined && typeof def.id === 'string')
			title[this.defaultLanguage] = def.id;
		def.title = title;
		def.defaultLanguage = this.defaultLanguage || undefined;
		r?.get(formColumns.defaultLanguage);
		// A form in exactly the built-in languages, so named and ordered, declares none (as the household questionnaire).
		const builtIn = formLanguages({});
		const isDefault =
			this.languages.length === builtIn.length && this.languages.every((l, i) => l.code === builtIn[i].code && l.name === builtIn[i].name);
		if (!isDefault) def.languages = this.languages;
		set(def, 'instance_name', r?.expression(formColumns.instance_name));
		set(def, 'place', text(formColumns.place));
		set(def, 'location', text(formColumns.location));
		const roster = text(householdColumns.roster);
		const fields = r?.names(householdColumns.fields);
		if (roster !== undefined || fields !== undefined) def.household = { roster, fields: fields ?? [] };
		// The titles were read above, by language.
		if (r && sheet)
			r.leftOver('the settings sheet', (h) => this.isUnsupportedHeader(sheet, h) || h.base === 'form_title' || h.base === titleColumn);
		return def;
	}

	readSurvey(): Obj[] {
		const sheet = this.survey!;
		interface Frame {
			kind: 'form' | 'group' | 'repeat';
			items: Obj[];
			path: string;
			row: number;
			name?: string;
		}
		const top: Frame = { kind: 'form', items: [], path: 'items', row: 0 };
		const stack: Frame[] = [top];
		/** Selects written `select_one ${question}`: resolved once every question is known. */
		const pending: { q: Obj; question: string; row: number; path: string }[] = [];
		/** Every question's name to its enclosing repeats; a repeat's to itself and those enclosing it. */
		const repeatsOf = new Map<string, string[]>();
		for (const row of sheet.rows) {
			const r = this.rowReader(sheet, row);
			const frame = stack[stack.length - 1];
			const problem = (column: string | null, message: string) => this.problem(sheet.name, row.n, column, message);
			const type = r.text('type')?.replace(/\s+/g, ' ');
			if (type === undefined) {
				problem(r.at('type'), 'this row has no type');
				continue;
			}
			const lower = type.toLowerCase();
			const control = /^(begin|end)[ _](group|repeat)$/.exec(lower);
			if (control?.[1] === 'end') {
				const name = r.text('name');
				if (frame.kind !== control[2]) problem(r.at('type'), `"${type}" with no "begin ${control[2]}" open`);
				else {
					if (name !== undefined && name !== frame.name)
						problem(r.at('name'), `"${type}" names "${name}", but the open ${frame.kind} is "${frame.name}"`);
					stack.pop();
				}
				r.leftOver(`an "${type}" row`, (h) => this.isUnsupportedHeader(sheet, h));
				continue;
			}
			const path = `${frame.path}.${frame.items.length}`;
			const located: Located = { sheet: sheet.name, row: row.n, columns: new Map(), kind: 'question' };
			const item: Obj = {};
			const appearance = r.text('appearance');
			if (control) {
				const kind = control[2] as 'group' | 'repeat';
				located.kind = kind;
				item.type = kind;
				set(item, 'name', r.text('name'));
				set(item, 'label', r.translated('label'));
				set(item, 'relevant', r.expression('relevant'));
				if (kind === 'group') set(item, 'list', r.text(groupColumns.list));
				else {
					set(item, 'count', r.expression(repeatColumns.count));
					set(item, 'summary', r.names(repeatColumns.summary));
					set(item, 'max_entries', r.number(repeatColumns.max_entries));
				}
				item.items = [];
				if (appearance !== undefined && !(kind === 'group' && appearance === fieldList))
					problem(
						r.at('appearance'),
						`Tun has no appearance "${appearance}" for a ${kind}; the only one it reads is "${fieldList}" on a group`
					);
				r.leftOver(`a ${kind}`, (h) => this.isUnsupportedHeader(sheet, h));
				frame.items.push(item);
				this.where.set(path, located);
				stack.push({ kind, items: item.items as Obj[], path: `${path}.items`, row: row.n, name: item.name as string | undefined });
				// `select_one ${repeat}` names the repeat itself (written so when it holds no question of its own).
				if (kind === 'repeat' && typeof item.name === 'string')
					repeatsOf.set(
						item.name,
						stack.filter((f) => f.kind === 'repeat').map((f) => f.name ?? '')
					);
				continue;
			}
			const select = /^(select_one|select one|select_multiple|select multiple|select all that apply)\s+(\S+)(\s+.*)?$/i.exec(type);
			let qtype: string | undefined;
			let list: string | undefined;
			let linkQuestion: string | undefined;
			if (select) {
				qtype = /one/i.test(select[1]) ? 'select_one' : 'select_multiple';
				if (select[3] !== undefined) {
					problem(
						r.at('type'),
						`Tun does not support "${select[3].trim()}" in a select's type: add the "other" choice and a text question`
					);
				}
				const ref = /^\$\{\s*([^}]*?)\s*\}$/.exec(select[2]);
				if (ref && qtype === 'select_one') linkQuestion = ref[1];
				else if (ref) problem(r.at('type'), 'Tun selects the entries of a repeat with select_one only');
				else list = select[2];
			} else if (['text', 'integer', 'decimal', 'date', 'geopoint', 'note', 'calculate'].includes(lower)) {
				qtype = lower;
			} else if (
				unsupportedTypes.includes(lower) ||
				/^(select_one_from_file|select_multiple_from_file|select_one_external|begin[ _]loop|begin[ _]looped[ _]group)\b/.test(lower)
			) {
				problem(r.at('type'), `Tun does not support the question type "${type}"`);
			} else {
				problem(r.at('type'), `unknown question type "${type}"`);
			}
			const tunType = r.text(tunTypeColumn);
			if (tunType !== undefined) {
				if (tunType === 'year' && qtype === 'integer') qtype = 'year';
				else problem(r.at(tunTypeColumn), `${tunTypeColumn} "${tunType}" is unknown here: the only one is "year", on an integer`);
			}
			// A refused type still stands as a question, so what refers to it says nothing false.
			item.type = qtype ?? 'text';
			let name = r.text('name');
			// pyxform's rule: a note without a name is named after its row.
			if (name === undefined && qtype === 'note') name = `generated_note_name_${row.n}`;
			set(item, 'name', name);
			set(item, 'label', r.translated('label'));
			set(item, 'hint', r.translated('hint'));
			set(item, 'required', r.bool('required'));
			set(item, 'relevant', r.expression('relevant'));
			let constraint = r.expression('constraint');
			if (qtype === 'year' && constraint !== undefined) {
				if (constraint === yearRange) constraint = undefined;
				else if (constraint.startsWith(`${yearRange} and (`) && constraint.endsWith(')'))
					constraint = constraint.slice(yearRange.length + 6, -1);
			}
			set(item, 'constraint', constraint);
			set(item, 'constraint_message', r.translated('constraint_message'));
			set(item, 'constraint_soft', r.bool(questionColumns.constraint_soft));
			const calculateChoices = r.text(questionColumns.choices);
			if (select) located.columns.set('choices', r.at('type'));
			if (list !== undefined) item.choices = list;
			if (calculateChoices !== undefined) {
				if (list !== undefined || qtype !== 'calculate')
					problem(r.at(questionColumns.choices), `${questionColumns.choices} is for a calculate; a select names its list in its type`);
				else item.choices = calculateChoices;
			}
			const filter = r.expression('choice_filter');
			set(item, 'choice_filter', filter === undefined ? undefined : renameChoiceName(filter, 'name', 'value'));
			set(item, 'calculation', r.expression('calculation'));
			set(item, 'read_only', r.bool('read_only'));
			const value = r.get('default');
			if (value !== undefined) {
				const numeric = qtype === 'integer' || qtype === 'decimal' || qtype === 'year';
				item.default = numeric ? (value.number ?? (/^-?\d+(\.\d+)?$/.test(value.text) ? Number(value.text) : value.text)) : value.text;
			}
			set(item, 'allow_dont_know', r.bool(questionColumns.allow_dont_know));
			set(item, 'allow_refused', r.bool(questionColumns.allow_refused));
			set(item, 'max_length', r.number(questionColumns.max_length));
			set(item, 'identifying', r.bool(questionColumns.identifying));
			set(item, 'link', r.text(questionColumns.link));
			if (linkQuestion !== undefined) {
				located.columns.set('link', r.at(item.link === undefined ? 'type' : questionColumns.link));
				pending.push({ q: item, question: linkQuestion, row: row.n, path });
			}
			set(item, 'short_label', r.text(questionColumns.short_label));
			set(item, 'unit', r.text(questionColumns.unit));
			if (appearance !== undefined) problem(r.at('appearance'), `Tun has no appearance "${appearance}" for a question`);
			r.leftOver(`a ${qtype ?? 'question'}`, (h) => this.isUnsupportedHeader(sheet, h));
			if (typeof item.name === 'string')
				repeatsOf.set(
					item.name,
					stack.filter((f) => f.kind === 'repeat').map((f) => f.name ?? '')
				);
			frame.items.push(item);
			this.where.set(path, located);
		}
		for (const open of stack.slice(1).reverse())
			this.problem(
				sheet.name,
				open.row,
				this.columnOf(sheet, 'type'),
				`"begin ${open.kind}" "${open.name ?? ''}" has no "end ${open.kind}"`
			);
		for (const p of pending) {
			const repeats = repeatsOf.get(p.question);
			const column = this.columnOf(sheet, 'type');
			// A link that cannot be resolved stands as a text question: its problem is said once, here.
			if (!repeats?.length) p.q.type = 'text';
			if (!repeats) this.problem(sheet.name, p.row, column, `select_one \${${p.question}}: the form has no question "${p.question}"`);
			else if (!repeats.length)
				this.problem(
					sheet.name,
					p.row,
					column,
					`select_one \${${p.question}} selects among a repeat's entries, but "${p.question}" is in no repeat`
				);
			else if (p.q.link === undefined) p.q.link = repeats[repeats.length - 1];
			else if (repeats[repeats.length - 1] !== p.q.link)
				this.problem(
					sheet.name,
					p.row,
					column,
					`select_one \${${p.question}}: "${p.question}" is not a question of the repeat "${String(p.q.link)}" that ${questionColumns.link} names`
				);
		}
		return top.items;
	}

	/** A compile problem at its sheet, row and column. */
	locate(path: string, message: string) {
		const parts = path === '' ? [] : path.split('.');
		if (parts[0] === 'items') {
			for (let k = parts.length; k >= 2; k--) {
				const at = this.where.get(parts.slice(0, k).join('.'));
				if (!at) continue;
				const [field, sub] = parts.slice(k);
				const columns =
					at.kind === 'group' ? groupColumns : at.kind === 'repeat' ? repeatColumns : (questionColumns as Record<string, string>);
				let column: string;
				if (field === undefined) column = this.columnOf(this.survey, 'type');
				else if (at.columns.has(field)) column = at.columns.get(field)!;
				else if ((translatedColumns as readonly string[]).includes(field))
					column = this.columnOf(this.survey, field, sub ?? this.defaultLanguage);
				else column = this.columnOf(this.survey, (columns as Record<string, string>)[field] ?? field);
				return this.problem(at.sheet, at.row, column, message);
			}
			return this.problem(this.survey!.name, null, null, message);
		}
		if (parts[0] === 'choices') {
			const sheet = this.choices;
			const name = sheet?.name ?? 'choices';
			const [, list, index, field, sub] = parts;
			let at = index !== undefined ? this.where.get(`choices.${list}.${index}`) : undefined;
			if (!at && list !== undefined) {
				// A list's problem names a choice ("duplicate choice "x""): the last row of that choice, else the list's first row.
				const named = /choices? "([^"]+)"/.exec(message)?.[1];
				const rows = [...this.where.entries()].filter(([k]) => k.startsWith(`choices.${list}.`));
				const nameCol = sheet?.headers.find((h) => h.base === 'name');
				const rowOf = (loc: Located) => sheet?.rows.find((r) => r.n === loc.row);
				const match = rows.filter(([, loc]) => named !== undefined && nameCol && rowOf(loc)?.cells.get(nameCol.col)?.text === named);
				at = (match.at(-1) ?? rows[0])?.[1];
				if (at) return this.problem(name, at.row, this.columnOf(sheet, match.length ? 'name' : 'list_name'), message);
			}
			if (!at) return this.problem(name, null, list === undefined ? null : this.columnOf(sheet, 'list_name'), message);
			const column =
				field === undefined
					? this.columnOf(sheet, 'name')
					: field === 'value'
						? this.columnOf(sheet, 'name')
						: field === 'label'
							? this.columnOf(sheet, 'label', sub ?? this.defaultLanguage)
							: field === 'code'
								? this.columnOf(sheet, 'tun_code')
								: field === 'attrs' && sub !== undefined
									? (sheet?.headers.find((h) => h.base === sub)?.written ?? sub)
									: field;
			return this.problem(at.sheet, at.row, column, message);
		}
		const at = this.where.get('settings')!;
		const [field, sub] = parts;
		const settings = this.settings;
		let column: string | null;
		if (field === 'title') {
			const code = sub ?? this.defaultLanguage;
			const h = this.translatedHeader(settings, 'form_title', code) ?? this.translatedHeader(settings, titleColumn, code);
			const l = this.languages.find((x) => x.code === code);
			column = h?.written ?? (code === this.defaultLanguage || !l ? 'form_title' : `${titleColumn}::${languageTag(l)}`);
		} else if (field === 'household')
			column = this.columnOf(settings, sub === 'fields' ? householdColumns.fields : householdColumns.roster);
		else if (field === 'languages') column = this.columnOf(this.survey, 'label', this.languages[Number(sub)]?.code ?? this.defaultLanguage);
		else if (field !== undefined && field in formColumns) column = this.columnOf(settings, formColumns[field as keyof typeof formColumns]);
		else column = null;
		if (field === 'languages') return this.problem(this.survey!.name, 1, column, message);
		this.problem(at.sheet, at.row, column, message);
	}
}
