/**
 * The codebook: a row per column of the export, over every version of a form (what a
 * statistician finds in one export), and a row per text read out (notes), generated from
 * the definitions, so the documentation can never drift from what devices collect.
 * `npm run codebook` writes codebook.csv; codebook.test.ts fails when it is stale.
 */
import {
	formLanguages,
	isContainer,
	reportLanguage,
	reportText,
	type Choice,
	type CompiledForm,
	type FormDefinition,
	type FormNode,
	type Question
} from '$lib/form';
import { currentForm, forms } from '$lib/forms';
import { detailDocs, type Documented } from './codebook-details';
import { inWords } from './codebook-words';
import { choiceCode } from './codes';
import { csvLine, detailColumns, exportTables, odkNames, rawCsvLine, REVIEW_STATE, tableFile } from './csv';

function ancestors(node: FormNode, form: CompiledForm): FormNode[] {
	const chain: FormNode[] = [];
	for (let n: FormNode | undefined = node; n; n = n.parent ? form.nodes.get(n.parent) : undefined) chain.unshift(n);
	return chain;
}

/** Stata's limit for a variable label. */
export const SHORT_LABEL_MAX = 80;

/** A label of at most `max` characters: cut at a word boundary, ending with "…", when longer. */
export function shortened(text: string, max = SHORT_LABEL_MAX): string {
	const t = text.replace(/\s+/g, ' ').trim();
	if (t.length <= max) return t;
	const room = t.slice(0, max - 1);
	const end = t[max - 1] === ' ' ? room.length : room.lastIndexOf(' ');
	return `${(end > 0 ? room.slice(0, end) : room).replace(/[\s,;:.(«"'‘“–—-]+$/u, '')}…`;
}

/** The columns before and after the texts in each language of the form (label_<code>, values_<code>). */
const leading = ['variable', 'table', 'module', 'type', 'versions', 'short_label'] as const;
const trailing = ['value_names', 'unit', 'identifying', 'special_codes', 'asked_if', 'calculation', 'description'] as const;

/** The languages of a form over its versions: the newest's, then any an older version had. */
export function codebookLanguages(versions: readonly CompiledForm[]): string[] {
	return [...new Set([...versions].reverse().flatMap((f) => formLanguages(f.definition).map((l) => l.code)))];
}

/** The codebook's columns for a form in `codes`: label_<code> and values_<code> for each. */
export function codebookHeader(codes: readonly string[]): string[] {
	return [...leading, ...codes.map((l) => `label_${l}`), ...codes.map((l) => `values_${l}`), ...trailing];
}
export type CodebookField = (typeof leading)[number] | (typeof trailing)[number];
/** A row: the fixed columns, and label_<code> and values_<code> for the form's languages. */
export type CodebookRow = Record<CodebookField, string> & Record<string, string>;

const row = (fields: Partial<CodebookRow>): CodebookRow =>
	({ ...Object.fromEntries([...leading, ...trailing].map((f) => [f, ''])), ...fields }) as CodebookRow;

const inLanguages = (prefix: string, codes: readonly string[], text: (l: string) => string) =>
	Object.fromEntries(codes.map((l) => [`${prefix}_${l}`, text(l)]));

/** A node as one version defines it. */
interface Placed {
	version: string;
	form: CompiledForm;
	node: FormNode;
}
interface Defined extends Placed {
	q: Question;
}

/**
 * A text as the newest definition has it (defs come newest first), then each other wording
 * with the versions that used it: "Age [2026-12-01: Age in years]".
 */
function worded<T extends { version: string }>(defs: readonly T[], text: (d: T) => string): string {
	const newest = text(defs[0]);
	const older = new Map<string, string[]>();
	for (const d of defs.slice(1)) {
		const t = text(d);
		if (t !== newest) older.set(t, [...(older.get(t) ?? []), d.version]);
	}
	return [newest, ...[...older].map(([t, versions]) => `[${versions.join(', ')}: ${t || '(none)'}]`)].filter(Boolean).join(' ');
}

function moduleOf(d: Placed): string {
	const top = ancestors(d.node, d.form)[0].item;
	return isContainer(top) ? reportText(top.label, d.form.definition) : '';
}

function askedIf(d: Placed): string {
	return ancestors(d.node, d.form)
		.filter((n) => n.exprs.relevant)
		.map((n) => inWords(n.exprs.relevant!, d.form))
		.join('; and ');
}

function specialCodes(d: Defined): string {
	return [
		d.q.allow_dont_know ? "-1 Don't know" : '',
		d.q.allow_refused ? '-2 Refused' : '',
		askedIf(d) ? '-7 Legal skip' : '',
		d.q.type === 'calculate' ? '' : '-9 Break-off'
	]
		.filter(Boolean)
		.join('; ');
}

/**
 * The variable label: the question's short_label, else its label in English (the form's
 * default language when it has no English), shortened when longer than 80 characters.
 */
export function shortLabel(q: Question, definition: Pick<FormDefinition, 'languages' | 'defaultLanguage'>): string {
	return q.short_label ?? (q.label ? shortened(reportText(q.label, definition)) : '');
}

/** A value of a variable's choices over its versions, with the code of the newest version that codes it. */
interface Value {
	value: string;
	code?: number;
	defs: { version: string; choice: Choice }[];
}

/**
 * The values a variable's lists hold over its versions. A value only older versions offer
 * takes its code as the export does (choiceCode: the newest version's list of the same name),
 * so the codebook and the data never disagree.
 */
function valuesOf(defs: readonly Defined[], versions: readonly CompiledForm[]): Value[] {
	const byValue = new Map<string, Value>();
	for (const d of defs) {
		const name = d.q.choices;
		const list = name && Object.hasOwn(d.form.definition.choices, name) ? d.form.definition.choices[name] : [];
		for (const choice of list) {
			const known = byValue.get(choice.value) ?? { value: choice.value, defs: [] };
			known.code ??= choice.code;
			known.defs.push({ version: d.version, choice });
			byValue.set(choice.value, known);
		}
	}
	for (const v of byValue.values()) v.code ??= choiceCode(versions, defs[0].q.name, v.value, v.defs[0].version);
	return [...byValue.values()];
}

/** "code=label; …" (or "value=label" for a list without codes); "[only <versions>]" after a value some versions lack. */
function valueLabels(values: readonly Value[], versions: number, l: string): string {
	return values
		.map((v) => {
			const only = v.defs.length < versions ? ` [only ${v.defs.map((d) => d.version).join(', ')}]` : '';
			return `${v.code ?? v.value}=${worded(v.defs, (d) => d.choice.label[l] ?? '')}${only}`;
		})
		.join('; ');
}

function description(q: Question, tableOf: (repeat: string) => string): string {
	if (q.type === 'note') return 'Read out or shown to the interviewer; no column in the export.';
	if (q.link) {
		return `Line number of the member in ${q.link}: the n of its KEY (…/${q.link}[n]) in ${tableOf(q.link)}; empty when no one is picked. The member's entry key is in ${q.name}_key.`;
	}
	if (q.type === 'calculate') return 'Calculated on the tablet from the answers; never asked.';
	return '';
}

function variableRows(
	table: string,
	defs: Defined[],
	tableOf: (repeat: string) => string,
	versions: readonly CompiledForm[]
): CodebookRow[] {
	const q = defs[0].q;
	const note = q.type === 'note';
	const codes = codebookLanguages(versions);
	const values = valuesOf(defs, versions);
	const coded = values.filter((v) => v.code !== undefined);
	const common = {
		table,
		module: worded(defs, moduleOf),
		asked_if: worded(defs, askedIf)
	};
	const rows = [
		row({
			...common,
			variable: q.name,
			type: worded(defs, (d) => d.q.type),
			versions: defs.map((d) => d.version).join('; '),
			short_label: note ? '' : shortLabel(q, defs[0].form.definition),
			...inLanguages('label', codes, (l) => worded(defs, (d) => d.q.label?.[l] ?? '')),
			...inLanguages('values', codes, (l) => valueLabels(values, defs.length, l)),
			value_names: coded.map((v) => `${v.code}=${v.value}`).join('; '),
			unit: worded(defs, (d) => d.q.unit ?? ''),
			identifying: note ? '' : defs.some((d) => d.q.identifying) ? '1' : '0',
			special_codes: note ? '' : worded(defs, specialCodes),
			calculation: worded(defs, (d) => (d.node.exprs.calculation ? inWords(d.node.exprs.calculation, d.form) : '')),
			description: description(q, tableOf)
		})
	];
	const linked = defs.filter((d) => d.q.link);
	if (linked.length) {
		const repeat = linked[0].q.link!;
		rows.push(
			row({
				...common,
				variable: `${q.name}_key`,
				type: 'text',
				versions: linked.map((d) => d.version).join('; '),
				short_label: `${shortened(shortLabel(linked[0].q, linked[0].form.definition), SHORT_LABEL_MAX - ' (key)'.length)} (key)`,
				identifying: '0',
				description: `The key of the member picked in ${q.name}: the _key (a UUID the tablet made) of that ${repeat} entry, which stays the same when entries are deleted or reordered; empty when no one is picked.`
			})
		);
	}
	return rows;
}

/** instance_name identifies the household when it reads an identifying question, through calculations too. */
export function instanceNameIdentifies(form: CompiledForm): boolean {
	const seen = new Set<string>();
	const queue = [...(form.instanceName?.node.reads ?? [])];
	for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
		if (seen.has(name)) continue;
		seen.add(name);
		const node = form.nodes.get(name);
		if (!node || isContainer(node.item)) continue;
		if (node.item.identifying) return true;
		queue.push(...node.reads);
	}
	return false;
}

/** ODK Central's review state, in the export archive's main table. */
export const reviewStateDoc: Documented = {
	type: 'text',
	short: "Supervisor's review state",
	values: 'received=Received; hasIssues=Has issues; approved=Approved; rejected=Rejected',
	meaning: "ODK Central's review state of the interview: received for every interview until the supervisor's desk sets others."
};

/** KEY, PARENT_KEY and the interview's details, table by table as the export writes them. */
function keyRows(newestFirst: readonly CompiledForm[], tableOf: (repeat: string) => string, odk: boolean): CodebookRow[] {
	const id = newestFirst[0].definition.id;
	const all = newestFirst.map((f) => f.definition.version).join('; ');
	const rows: CodebookRow[] = [];
	const linked = new Set(
		newestFirst.flatMap((f) => [...f.nodes.values()].flatMap((n) => ('link' in n.item && n.item.link ? [n.item.link] : [])))
	);
	for (const table of exportTables([...newestFirst].reverse()).keys()) {
		if (!table) {
			const module = 'Keys and interview details';
			rows.push(
				row({
					variable: 'KEY',
					table: id,
					module,
					type: 'text',
					versions: all,
					short_label: 'Interview key',
					identifying: '0',
					description:
						"The interview's id: a UUID the tablet made when the interview started. The PARENT_KEY of each entry of a top-level repeat names it."
				})
			);
			const named = (column: (typeof detailColumns)[number]) =>
				odk && column in odkNames ? odkNames[column as keyof typeof odkNames] : column;
			type Detail = (typeof detailColumns)[number] | typeof REVIEW_STATE;
			const details: readonly Detail[] = odk
				? [...detailColumns.filter((c) => c in odkNames), REVIEW_STATE, ...detailColumns.filter((c) => !(c in odkNames))]
				: detailColumns;
			for (const column of details) {
				const doc = column === REVIEW_STATE ? reviewStateDoc : detailDocs[column];
				const variable = column === REVIEW_STATE ? column : named(column);
				const identifying = column === 'instance_name' && newestFirst.some(instanceNameIdentifies);
				rows.push(
					row({
						variable,
						table: id,
						module,
						type: doc.type,
						versions: all,
						short_label: doc.short,
						[`values_${reportLanguage(newestFirst[0].definition)}`]: doc.values,
						identifying: identifying ? '1' : '0',
						description: doc.meaning
					})
				);
			}
			continue;
		}
		const defs = newestFirst.flatMap((form) => {
			const node = form.nodes.get(table);
			return node ? [{ version: form.definition.version, form, node }] : [];
		});
		const parent = defs[0].node.repeats.at(-1);
		const common = {
			table,
			module: worded(defs, moduleOf),
			type: 'text',
			versions: defs.map((d) => d.version).join('; '),
			identifying: '0'
		};
		rows.push(
			row({
				...common,
				variable: 'PARENT_KEY',
				short_label: parent
					? `Key of the ${parent} entry this ${table} entry belongs to`
					: `Key of the interview this ${table} entry belongs to`,
				description: `The KEY of the row in ${tableOf(parent ?? '')} this ${table} entry belongs to.`
			})
		);
		rows.push(
			row({
				...common,
				variable: 'KEY',
				short_label: `Key of the ${table} entry`,
				description: `This entry's key: its PARENT_KEY followed by /${table}[n], n its line number in the ${table} list${linked.has(table) ? ' (the number a member link writes)' : ''}.`
			})
		);
	}
	return rows;
}

/**
 * The codebook of a form over its versions, given oldest first (as published): a row per
 * question, calculation and note in definition order (a variable only older versions have
 * stands after its predecessor there), each worded as its newest definition has it, then
 * KEY, PARENT_KEY and the interview's details.
 */
export function codebookRows(versions: readonly CompiledForm[], odk = false): CodebookRow[] {
	if (!versions.length) return [];
	const newestFirst = [...versions].reverse();
	const id = newestFirst[0].definition.id;
	const tableOf = (repeat: string) => tableFile(id, repeat);
	const variables = new Map<string, { table: string; defs: Defined[] }>();
	const order: string[] = [];
	for (const form of newestFirst) {
		let at = -1;
		for (const node of form.nodes.values()) {
			const q = node.item;
			if (isContainer(q)) continue;
			const table = node.repeats.at(-1) ?? id;
			const key = `${table}/${q.name}`;
			const defined = { version: form.definition.version, form, node, q };
			const known = variables.get(key);
			if (known) {
				known.defs.push(defined);
				at = order.indexOf(key);
				continue;
			}
			variables.set(key, { table, defs: [defined] });
			order.splice(++at, 0, key);
		}
	}
	return [
		...order.flatMap((key) => {
			const { table, defs } = variables.get(key)!;
			return variableRows(table, defs, tableOf, versions);
		}),
		...keyRows(newestFirst, tableOf, odk)
	];
}

/**
 * The codebook as CSV. `guarded` is the export archive's copy: its detail columns have ODK Central's names (SubmissionDate,
 * …, ReviewState), as the archive's tables do, and text a spreadsheet would read as a formula is made inert.
 */
export function codebookCsv(versions: readonly CompiledForm[], guarded = false): string {
	const line = guarded ? csvLine : rawCsvLine;
	const header = codebookHeader(codebookLanguages(versions));
	return [header, ...codebookRows(versions, guarded).map((r) => header.map((f) => r[f] ?? ''))].map((r) => line(r)).join('');
}

/** What `npm run codebook` writes to codebook.csv: every built-in version of the current questionnaire. */
export function builtInCodebook(): string {
	return codebookCsv(forms.filter((f) => f.definition.id === currentForm.definition.id));
}
