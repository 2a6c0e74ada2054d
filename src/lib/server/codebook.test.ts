import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileForm, isContainer, languages, type Choice, type CompiledForm, type Item, type Question } from '$lib/form';
import { forms, currentForm } from '$lib/forms';
import { q, tr, group, repeat, list } from '$lib/form/testing';
import { csvRecords } from '../../../tests/support/csv';
import { builtInCodebook, codebookCsv, codebookRows, shortened, SHORT_LABEL_MAX, type CodebookRow } from './codebook';
import { detailColumns, exportTables } from './csv';

const coded = (...specs: string[]): Choice[] =>
	specs.map((spec) => {
		const [code, value] = spec.split(' ');
		return { value, label: tr(value[0].toUpperCase() + value.slice(1).replaceAll('_', ' ')), code: Number(code) };
	});

const longLabel = 'In the last 12 months, did the household receive money or goods from any member living or working away?';
const landLabel = 'How much land does the household own or use, counting gardens, fields and pastures, in Martuni or elsewhere?';

function definition(version: string, items: Item[], choices: Record<string, Choice[]>) {
	return { id: 'test_form', version, title: tr('Test form'), defaultLanguage: 'en', instance_name: '${resp_name}', choices, items };
}

const numberOfMembers: Question = { type: 'calculate', name: 'n_members', label: tr('Number of members'), calculation: 'count(${member})' };

/** Version 1 of a small form: an uncoded yes/no list, an identifying name (version 2 forgets the mark), a unit, a note, a variable version 2 drops. */
const older = definition(
	'2026-01-01',
	[
		group('intro', [
			q.note('consent_note', { label: 'We ask about your household.' }),
			q.selectOne('consent', 'yes_no'),
			q.text('resp_name', { label: "Respondent's name", identifying: true })
		]),
		repeat(
			'member',
			[
				q.text('m_name', { label: 'Name', identifying: true }),
				q.selectOne('m_sex', 'sex', { label: 'Sex' }),
				q.integer('m_age', { label: 'Age', unit: 'years', allow_dont_know: true }),
				q.selectOne('m_reason', 'reason', { label: 'Why away' })
			],
			{ relevant: "${consent} = 'yes'", summary: ['m_name'] }
		),
		group('economy', [
			q.decimal('land', { label: landLabel, unit: 'hectares' }),
			q.selectOne('old_only', 'yes_no', { label: 'Asked in version 1 only' })
		]),
		numberOfMembers
	],
	{ yes_no: list('yes', 'no'), sex: coded('1 male', '2 female'), reason: coded('1 work', '2 military') }
);

/** Version 2: new wording, a removed and an added reason, a short label, a member link, a coded calculate, read-aloud list items. */
const newer = definition(
	'2026-02-01',
	[
		group('intro', [
			q.note('consent_note', { label: 'We ask about your household and its members. You may skip any question.' }),
			q.selectOne('consent', 'yes_no'),
			q.text('resp_name', { label: "Respondent's name" })
		]),
		repeat(
			'member',
			[
				q.text('m_name', { label: 'Name', identifying: true }),
				q.selectOne('m_sex', 'sex', { label: 'Sex' }),
				q.integer('m_age', { label: 'Age in completed years', unit: 'years', allow_dont_know: true }),
				q.selectOne('m_reason', 'reason', { label: 'Why away' }),
				{
					type: 'calculate',
					name: 'm_type',
					label: tr('Adult or child'),
					calculation: 'if(${m_age} >= 18, "adult", "child")',
					choices: 'age_group'
				}
			],
			{ relevant: "${consent} = 'yes'", summary: ['m_name'] }
		),
		group('economy', [
			q.decimal('land', { label: landLabel, short_label: 'Land owned or used (hectares)', unit: 'hectares' }),
			q.selectOne('rem_any', 'yes_no', { label: longLabel }),
			{
				type: 'select_one',
				name: 'spouse',
				label: tr("Who is the respondent's spouse?"),
				short_label: "The respondent's spouse, picked from the household members listed in the roster",
				link: 'member'
			},
			q.note('list_items', { label: 'Read: 1. Visit relatives. 2. Go to church. 3. Keep bees. How many of these?' }),
			q.integer('list_count', { label: 'How many of these?' })
		]),
		numberOfMembers
	],
	{
		yes_no: coded('1 yes', '2 no'),
		sex: coded('1 male', '2 female'),
		reason: coded('1 work', '3 study'),
		age_group: coded('1 adult', '2 child')
	}
);

/** A synthetic version, compiled; any problem is the test's. */
function version(raw: ReturnType<typeof definition>): CompiledForm {
	const result = compileForm(raw);
	if (result.status !== 'ok') throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
	return result.form;
}

const versions = [version(older), version(newer)];
const rows = codebookRows(versions);
const find = (variable: string, table = 'test_form'): CodebookRow => {
	const found = rows.find((r) => r.variable === variable && r.table === table);
	if (!found) throw new Error(`no row for ${table}.${variable}`);
	return found;
};
const builtIn = forms.filter((f) => f.definition.id === currentForm.definition.id);
const builtInRows = codebookRows(builtIn);

/** Every (table, column) of every version's export. */
function exportColumns(all: readonly CompiledForm[]): { version: string; table: string; column: string }[] {
	return all.flatMap((form) =>
		[...exportTables([form])].flatMap(([table, columns]) =>
			columns.map((column) => ({ version: form.definition.version, table: table || form.definition.id, column }))
		)
	);
}

function questions(form: CompiledForm): Question[] {
	return [...form.nodes.values()].map((n) => n.item).filter((i): i is Question => !isContainer(i));
}

describe('codebook', () => {
	it('codebook.csv is the one generated from every version of the current questionnaire (run `npm run codebook`)', () => {
		expect(readFileSync('codebook.csv', 'utf8')).toBe(builtInCodebook());
	});

	it('has a row for every variable of every version, naming the versions it exists in, newest first', () => {
		for (const all of [versions, builtIn]) {
			const table = codebookRows(all);
			for (const { version, table: t, column } of exportColumns(all)) {
				const found = table.find((r) => r.variable === column && r.table === t);
				expect(found, `${t}.${column}`).toBeDefined();
				expect(found!.versions.split('; '), `${t}.${column}`).toContain(version);
			}
		}
		expect(find('old_only').versions).toBe('2026-01-01');
		expect(find('rem_any').versions).toBe('2026-02-01');
		expect(find('m_age', 'member').versions).toBe('2026-02-01; 2026-01-01');
		// Definition order, a dropped variable after its predecessor in the version that had it.
		const order = rows.filter((r) => r.table === 'test_form').map((r) => r.variable);
		expect(order.slice(0, order.indexOf('KEY'))).toEqual([
			'consent_note',
			'consent',
			'resp_name',
			'land',
			'old_only',
			'rem_any',
			'spouse',
			'spouse_key',
			'list_items',
			'list_count',
			'n_members'
		]);
	});

	it('writes each value as code=label in every language, with the value names, the newest wording first', () => {
		expect(find('m_sex', 'member')).toMatchObject({
			values_hy: '1=Male (hy); 2=Female (hy)',
			values_ru: '1=Male (ru); 2=Female (ru)',
			values_en: '1=Male; 2=Female',
			value_names: '1=male; 2=female',
			special_codes: '-7 Legal skip; -9 Break-off',
			asked_if: 'consent is "yes"'
		});
		// A value one version lacks says which versions have it.
		expect(find('m_reason', 'member')).toMatchObject({
			values_en: '1=Work; 3=Study [only 2026-02-01]; 2=Military [only 2026-01-01]',
			value_names: '1=work; 3=study; 2=military'
		});
		expect(find('m_age', 'member')).toMatchObject({
			label_en: 'Age in completed years [2026-01-01: Age]',
			label_hy: 'Age in completed years (hy) [2026-01-01: Age (hy)]',
			short_label: 'Age in completed years',
			unit: 'years',
			special_codes: "-1 Don't know; -7 Legal skip; -9 Break-off"
		});
		// Answers of a version without codes take the newest version's codes, as the export writes them
		// (choiceCode): by the question, else by the newest list of the same name, for a question only the old version asks.
		for (const l of languages) expect(find('consent')[`values_${l}`]).toMatch(/^1=Yes.*; 2=No/);
		expect(find('consent').value_names).toBe('1=yes; 2=no');
		expect(find('old_only')).toMatchObject({ values_en: '1=yes; 2=no', value_names: '1=yes; 2=no' });
	});

	it('documents calculated variables with their label and coded values, and what they compute', () => {
		expect(find('m_type', 'member')).toMatchObject({
			type: 'calculate',
			versions: '2026-02-01',
			short_label: 'Adult or child',
			label_ru: 'Adult or child (ru)',
			values_en: '1=Adult; 2=Child',
			value_names: '1=adult; 2=child',
			calculation: 'if(m_age is at least 18, "adult", "child")',
			special_codes: '-7 Legal skip'
		});
		expect(find('n_members')).toMatchObject({
			label_en: 'Number of members',
			calculation: 'the number of member entries',
			special_codes: ''
		});
	});

	it('gives the read-aloud texts rows of their own, in full in the three languages, every wording with its versions', () => {
		expect(find('consent_note')).toMatchObject({
			type: 'note',
			module: 'intro',
			versions: '2026-02-01; 2026-01-01',
			label_hy:
				'We ask about your household and its members. You may skip any question. (hy) [2026-01-01: We ask about your household. (hy)]',
			label_ru:
				'We ask about your household and its members. You may skip any question. (ru) [2026-01-01: We ask about your household. (ru)]',
			label_en: 'We ask about your household and its members. You may skip any question. [2026-01-01: We ask about your household.]',
			short_label: '',
			identifying: ''
		});
		expect(find('list_items').label_en).toBe('Read: 1. Visit relatives. 2. Go to church. 3. Keep bees. How many of these?');
	});

	it('keeps every short label within 80 characters: the short_label, the English label, or a cut at a word boundary', () => {
		for (const r of [...rows, ...builtInRows]) expect(r.short_label.length, r.variable).toBeLessThanOrEqual(SHORT_LABEL_MAX);
		expect(find('land').short_label).toBe('Land owned or used (hectares)');
		expect(find('land').unit).toBe('hectares');
		expect(find('rem_any').short_label).toBe('In the last 12 months, did the household receive money or goods from any member…');
		expect(find('m_name', 'member').short_label).toBe('Name');
		expect(shortened('word '.repeat(30))).toBe(`${'word '.repeat(16).trim()}…`);
		expect(shortened('word '.repeat(30)).length).toBe(80);
		expect(shortened(`${'w'.repeat(78)} abc`)).toBe(`${'w'.repeat(78)}…`);
		expect(shortened(`${'a'.repeat(100)} b`)).toBe(`${'a'.repeat(79)}…`);
		expect(shortened(`${'x'.repeat(77)}, yes`)).toBe(`${'x'.repeat(77)}…`);
	});

	it('lists the built-in variables whose short label is a cut: their authors should add a short_label', () => {
		const cut = (all: CodebookRow[]) => all.filter((r) => r.short_label.endsWith('…')).map((r) => r.variable);
		expect(cut(rows)).toEqual(['rem_any']);
		// Published versions cannot change: the newest definition carries a short_label for each (version 2 does).
		expect(cut(builtInRows)).toEqual([]);
	});

	it('shows the code of every coded choice of every version', () => {
		for (const all of [versions, builtIn]) {
			const table = codebookRows(all);
			for (const form of all) {
				for (const question of questions(form)) {
					const list = question.choices ? form.definition.choices[question.choices] : [];
					const r = table.find((x) => x.variable === question.name)!;
					for (const choice of list.filter((c) => c.code !== undefined)) {
						expect(r.value_names.split('; '), question.name).toContain(`${choice.code}=${choice.value}`);
						expect(r.values_en, question.name).toContain(`${choice.code}=`);
					}
				}
			}
		}
	});

	it('marks identifying variables, and instance_name when it reads one', () => {
		for (const all of [versions, builtIn]) {
			const table = codebookRows(all);
			for (const form of all) {
				for (const question of questions(form).filter((x) => x.type !== 'note')) {
					const marked = all.some((f) => questions(f).some((x) => x.name === question.name && x.identifying));
					expect(table.find((r) => r.variable === question.name)!.identifying, question.name).toBe(marked ? '1' : '0');
				}
			}
		}
		expect(find('resp_name').identifying).toBe('1');
		expect(find('m_name', 'member').identifying).toBe('1');
		expect(find('m_sex', 'member').identifying).toBe('0');
		expect(find('instance_name').identifying).toBe('1');
	});

	it('documents a member link: the line number under its name, the entry key under <name>_key', () => {
		expect(find('spouse').description).toContain('Line number of the member in member');
		expect(find('spouse').description).toContain('spouse_key');
		expect(find('spouse_key')).toMatchObject({
			type: 'text',
			versions: '2026-02-01',
			short_label: "The respondent's spouse, picked from the household members listed in the… (key)",
			identifying: '0'
		});
		expect(find('spouse_key').description).toContain('_key');
		expect(find('KEY', 'member').description).toContain('(the number a member link writes)');
	});

	it('documents KEY, PARENT_KEY and every interview detail the export writes, with what they mean', () => {
		for (const [all, id] of [
			[versions, 'test_form'],
			[builtIn, currentForm.definition.id]
		] as const) {
			const table = codebookRows(all);
			const documented = (variable: string, t: string) => {
				const r = table.find((x) => x.variable === variable && x.table === t);
				expect(r, `${t}.${variable}`).toBeDefined();
				expect(r!.description.length, `${t}.${variable}`).toBeGreaterThan(20);
				expect(r!.short_label, `${t}.${variable}`).not.toBe('');
			};
			documented('KEY', id);
			for (const column of detailColumns) documented(column, id);
			for (const repeatTable of [...exportTables(all).keys()].filter(Boolean)) {
				documented('PARENT_KEY', repeatTable);
				documented('KEY', repeatTable);
			}
		}
		expect(find('PARENT_KEY', 'member').description).toBe('The KEY of the row in test_form.csv this member entry belongs to.');
		expect(find('break_off').values_en).toBe('1=broken off (the respondent stopped); 0=completed');
	});

	it('is CSV a statistics package reads back: one record per row, every field as written', () => {
		const records = csvRecords(codebookCsv(versions));
		expect(records).toHaveLength(rows.length);
		expect(records.find((r) => r.variable === 'consent_note')).toEqual(find('consent_note'));
	});
});

describe('the codebook of a form in its own languages', () => {
	const form = (languages: { code: string; name: string }[], defaultLanguage: string, say: (en: string) => Record<string, string>) =>
		version({
			id: 'water',
			version: '2027-02-01',
			title: say('Water'),
			languages,
			defaultLanguage,
			choices: {
				source: [
					{ value: 'tap', label: say('Tap'), code: 1 },
					{ value: 'well', label: say('Well'), code: 2 }
				]
			},
			items: [
				{
					type: 'group',
					name: 'home',
					label: say('Your home'),
					items: [{ type: 'select_one', name: 'source', label: say('Where do you get water?'), choices: 'source' }]
				}
			]
		} as unknown as ReturnType<typeof definition>);
	const kiswahili = (en: string) => ({ sw: `${en} (sw)`, en });

	it('has a label and values column per language of the form, and its English words when it has English', () => {
		const water = form(
			[
				{ code: 'sw', name: 'Kiswahili' },
				{ code: 'en', name: 'English' }
			],
			'sw',
			kiswahili
		);
		const [header] = csvRecords(codebookCsv([water])).map((r) => Object.keys(r));
		expect(header.filter((c) => /^(label|values)_/.test(c))).toEqual(['label_sw', 'label_en', 'values_sw', 'values_en']);
		const source = codebookRows([water]).find((r) => r.variable === 'source')!;
		expect(source).toMatchObject({
			module: 'Your home',
			short_label: 'Where do you get water?',
			label_sw: 'Where do you get water? (sw)',
			values_sw: '1=Tap (sw); 2=Well (sw)',
			values_en: '1=Tap; 2=Well'
		});
		expect(source.label_hy).toBeUndefined();
	});

	it("speaks the form's default language when it has no English", () => {
		const water = form([{ code: 'sw', name: 'Kiswahili' }], 'sw', (en) => ({ sw: `${en} (sw)` }));
		const rows = codebookRows([water]);
		expect(rows.find((r) => r.variable === 'source')).toMatchObject({
			module: 'Your home (sw)',
			short_label: 'Where do you get water? (sw)'
		});
		// The interview's details are documented in the one language the codebook has.
		expect(rows.find((r) => r.variable === 'ReviewState' || r.variable === 'break_off')?.values_sw).toMatch(/=/);
		expect(Object.keys(csvRecords(codebookCsv([water]))[0]).filter((c) => /^(label|values)_/.test(c))).toEqual(['label_sw', 'values_sw']);
	});
});
