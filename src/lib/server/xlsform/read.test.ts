import { describe, expect, it } from 'vitest';
import { tr } from '$lib/form/testing';
import { readXlsForm, type XlsProblem } from '.';
import { sheet, workbook, type Cell } from './testing';

const settings = () => sheet([{ form_id: 'test_form', version: '1', form_title: 'Test form', default_language: 'English (en)' }]);
const titled = (rows: Cell[][]) => {
	// form_title in English; the title in hy and ru in their own columns.
	rows[0].push('tun_form_title::Հայերեն (hy)', 'tun_form_title::Русский (ru)');
	rows[1].push('Test form (hy)', 'Test form (ru)');
	return rows;
};

async function read(sheets: Record<string, Cell[][]>) {
	return readXlsForm(await workbook({ settings: titled(settings()), ...sheets }));
}
async function definitionOf(sheets: Record<string, Cell[][]>) {
	const result = await read(sheets);
	if (result.status === 'invalid') expect(result.problems).toEqual([]);
	if (result.status !== 'ok') throw new Error('expected the workbook to be read');
	return result.definition;
}
async function problemsOf(sheets: Record<string, Cell[][]>): Promise<XlsProblem[]> {
	const result = await read(sheets);
	if (result.status === 'ok') throw new Error('expected the workbook to be refused');
	return result.problems;
}
const at = (sheet: string, row: number | null, column: string | null, message: string | RegExp) => ({
	sheet,
	row,
	column,
	message: typeof message === 'string' ? message : expect.stringMatching(message)
});

const yesNo = sheet([
	{ list_name: 'yes_no', name: 'yes', label: 'Yes' },
	{ list_name: 'yes_no', name: 'no', label: 'No' }
]);

describe('readXlsForm reads', () => {
	it('every supported type and column into the definition', async () => {
		const survey = sheet([
			{ type: 'begin group', name: 'place', label: 'Place', appearance: 'field-list' },
			{ type: 'select_one site', name: 'site_type', label: 'Site', required: 'yes' },
			{
				type: 'text',
				name: 'village',
				label: 'Village',
				hint: 'As people say it',
				tun_identifying: 'yes',
				tun_max_length: 80,
				default: 'Martuni'
			},
			{ type: 'geopoint', name: 'gps', label: 'Location', tun_identifying: true },
			{ type: 'end group' },
			{
				type: 'integer',
				name: 'hh_size',
				label: 'People',
				required: 'yes',
				constraint: '. >= 1 and . <= 30',
				constraint_message: 'From 1 to 30',
				tun_allow_refused: 'yes',
				tun_unit: 'people',
				tun_short_label: 'Household size'
			},
			{
				type: 'begin repeat',
				name: 'member',
				label: 'Members',
				repeat_count: '${hh_size}',
				tun_summary: 'm_name m_age',
				tun_max_entries: 30
			},
			{ type: 'text', name: 'm_name', label: 'Name', required: 'yes' },
			{ type: 'integer', name: 'm_age', label: 'Age', default: 30 },
			{ type: 'integer', name: 'm_born', label: 'Born', tun_type: 'year', constraint: '. >= 1800 and . <= 2200 and (. <= 2026)' },
			{ type: 'select_multiple langs', name: 'm_langs', label: 'Languages', choice_filter: "name != '99' or ${m_age} > 5" },
			{ type: 'end repeat' },
			{ type: 'select_one ${m_name}', name: 'respondent', label: 'Who answers?', choice_filter: '${m_age} >= 18' },
			{
				type: 'decimal',
				name: 'income',
				label: 'Income',
				constraint: '. < 1000000',
				tun_constraint_soft: 'yes',
				tun_allow_dont_know: 'yes',
				read_only: 'no'
			},
			{ type: 'date', name: 'visit', label: 'Visit', relevant: '${hh_size} > 0' },
			{ type: 'calculate', name: 'site_copy', calculation: '${site_type}', tun_choices: 'site' },
			{ type: 'begin_group', name: 'check', label: 'Check', tun_list: 'member' },
			{ type: 'note', name: 'check_note', label: 'Read the names back' },
			{ type: 'end_group' }
		]);
		const choices = sheet([
			{ list_name: 'site', name: 'armenia', label: 'Armenia', tun_code: 1, country: 'am' },
			{ list_name: 'site', name: 'russia', label: 'Russia', tun_code: 2, country: 'ru' },
			{ list_name: 'langs', name: 1, label: 'Armenian' },
			{ list_name: 'langs', name: '2', label: 'Russian' },
			{ list_name: 'langs', name: 99, label: 'Other' }
		]);
		const settingsRows = titled(
			sheet([
				{
					form_id: 'test_form',
					version: 3,
					form_title: 'Test form',
					default_language: 'English (en)',
					instance_name: '${village}',
					tun_place: 'village',
					tun_location: 'gps',
					tun_household_roster: 'member',
					tun_household_fields: 'm_name m_age'
				}
			])
		);
		const result = await readXlsForm(await workbook({ survey, choices, settings: settingsRows }));
		expect(result).toEqual({
			status: 'ok',
			locate: expect.any(Function),
			definition: {
				id: 'test_form',
				version: '3',
				title: tr('Test form'),
				defaultLanguage: 'en',
				instance_name: '${village}',
				place: 'village',
				location: 'gps',
				household: { roster: 'member', fields: ['m_name', 'm_age'] },
				choices: {
					site: [
						{ value: 'armenia', label: tr('Armenia'), code: 1, attrs: { country: 'am' } },
						{ value: 'russia', label: tr('Russia'), code: 2, attrs: { country: 'ru' } }
					],
					langs: [
						{ value: '1', label: tr('Armenian'), code: 1 },
						{ value: '2', label: tr('Russian'), code: 2 },
						{ value: '99', label: tr('Other'), code: 99 }
					]
				},
				items: [
					{
						type: 'group',
						name: 'place',
						label: tr('Place'),
						items: [
							{ type: 'select_one', name: 'site_type', label: tr('Site'), required: true, choices: 'site' },
							{
								type: 'text',
								name: 'village',
								label: tr('Village'),
								hint: tr('As people say it'),
								default: 'Martuni',
								max_length: 80,
								identifying: true
							},
							{ type: 'geopoint', name: 'gps', label: tr('Location'), identifying: true }
						]
					},
					{
						type: 'integer',
						name: 'hh_size',
						label: tr('People'),
						required: true,
						constraint: '. >= 1 and . <= 30',
						constraint_message: tr('From 1 to 30'),
						allow_refused: true,
						short_label: 'Household size',
						unit: 'people'
					},
					{
						type: 'repeat',
						name: 'member',
						label: tr('Members'),
						count: '${hh_size}',
						summary: ['m_name', 'm_age'],
						max_entries: 30,
						items: [
							{ type: 'text', name: 'm_name', label: tr('Name'), required: true },
							{ type: 'integer', name: 'm_age', label: tr('Age'), default: 30 },
							{ type: 'year', name: 'm_born', label: tr('Born'), constraint: '. <= 2026' },
							{
								type: 'select_multiple',
								name: 'm_langs',
								label: tr('Languages'),
								choices: 'langs',
								choice_filter: "value != '99' or ${m_age} > 5"
							}
						]
					},
					{ type: 'select_one', name: 'respondent', label: tr('Who answers?'), choice_filter: '${m_age} >= 18', link: 'member' },
					{
						type: 'decimal',
						name: 'income',
						label: tr('Income'),
						constraint: '. < 1000000',
						constraint_soft: true,
						read_only: false,
						allow_dont_know: true
					},
					{ type: 'date', name: 'visit', label: tr('Visit'), relevant: '${hh_size} > 0' },
					{ type: 'calculate', name: 'site_copy', choices: 'site', calculation: '${site_type}' },
					{
						type: 'group',
						name: 'check',
						label: tr('Check'),
						list: 'member',
						items: [{ type: 'note', name: 'check_note', label: tr('Read the names back') }]
					}
				]
			}
		});
	});

	it("headers and sheet names in any case and spacing, pyxform's aliases, and blank rows skipped", async () => {
		const survey = [
			[
				' Type ',
				'NAME',
				'Label :: Հայերեն (hy)',
				'label::Русский (ru)',
				'label::English  (en)',
				'Relevance',
				'Constraint Message::English (en)'
			],
			['integer', 'age', 'Age (hy)', 'Age (ru)', 'Age', null, null],
			[],
			[],
			['  text ', '  job  ', 'Job (hy)', 'Job (ru)', '  Job  ', '${age} >= 15', null]
		];
		const choices = [
			['List Name', 'Value', 'Caption::Հայերեն (hy)', 'caption::Русский (ru)', 'caption::English (en)'],
			['unused', 'a', 'A (hy)', 'A (ru)', 'A']
		];
		const definition = (await readXlsForm(await workbook({ SURVEY: survey, Choices: choices, Settings: titled(settings()) }))) as {
			definition: unknown;
		};
		expect(definition.definition).toMatchObject({
			choices: { unused: [{ value: 'a', label: tr('A') }] },
			items: [
				{ type: 'integer', name: 'age', label: tr('Age') },
				{ type: 'text', name: 'job', label: tr('Job'), relevant: '${age} >= 15' }
			]
		});
	});

	it('default_language as name and code, as a bare code or name, or absent (the first language); the title the form_id when none', async () => {
		const survey = sheet([{ type: 'text', name: 'a', label: 'A' }]);
		const titles = {
			'tun_form_title::Հայերեն (hy)': 'T (hy)',
			'tun_form_title::Русский (ru)': 'T (ru)',
			'tun_form_title::English (en)': 'T'
		};
		const withDefault = async (default_language: string | null) => {
			const settingsRows = sheet([{ form_id: 'f', version: '1', ...titles, ...(default_language ? { default_language } : {}) }]);
			const result = await readXlsForm(await workbook({ survey, settings: settingsRows }));
			return result.status === 'ok' ? result.definition.defaultLanguage : result.problems;
		};
		expect(await withDefault('Русский (ru)')).toBe('ru');
		expect(await withDefault('ru')).toBe('ru');
		expect(await withDefault('English')).toBe('en');
		expect(await withDefault(null)).toBe('hy');
		expect(await withDefault('Deutsch (de)')).toEqual([
			at(
				'settings',
				2,
				'default_language',
				'default_language "Deutsch (de)" is none of the form\'s languages (Հայերեն (hy), Русский (ru), English (en))'
			)
		]);
		const untitled = await readXlsForm(
			await workbook({
				survey,
				settings: sheet([{ form_id: 'my_form', version: '1', default_language: 'en', ...titles, 'tun_form_title::English (en)': null }])
			})
		);
		expect(untitled).toMatchObject({ status: 'ok', definition: { title: { hy: 'T (hy)', ru: 'T (ru)', en: 'my_form' } } });
	});

	it('sheets of other names left alone, as pyxform leaves them', async () => {
		const survey = sheet([{ type: 'text', name: 'a', label: 'A' }]);
		const result = await readXlsForm(
			await workbook({ survey, settings: titled(settings()), 'Notes for the team': [['anything'], ['at all']] })
		);
		expect(result.status).toBe('ok');
	});

	it('the older single-colon language columns (label:English (en)) in a sheet with no "::", as pyxform reads them', async () => {
		const survey = [
			['type', 'name', 'label:Հայերեն (hy)', 'label:Русский (ru)', 'label:English (en)', 'jr:count'],
			['begin repeat', 'r', 'R (hy)', 'R (ru)', 'R', '2'],
			['text', 'a', 'A (hy)', 'A (ru)', 'A', null],
			['end repeat']
		];
		expect((await definitionOf({ survey })).items).toEqual([
			{ type: 'repeat', name: 'r', label: tr('R'), count: '2', items: [{ type: 'text', name: 'a', label: tr('A') }] }
		]);
	});

	it('a form in English only, written label::English (en) or label with default_language English (en)', async () => {
		const expected = {
			id: 'f',
			version: '1',
			title: { en: 'F' },
			languages: [{ code: 'en', name: 'English' }],
			defaultLanguage: 'en',
			choices: { yn: [{ value: 'yes', label: { en: 'Yes' } }] },
			items: [{ type: 'select_one', name: 'a', label: { en: 'A?' }, hint: { en: 'Ask' }, choices: 'yn' }]
		};
		const tagged = await readXlsForm(
			await workbook({
				survey: [
					['type', 'name', 'label::English (en)', 'hint::English (en)'],
					['select_one yn', 'a', 'A?', 'Ask']
				],
				choices: [
					['list_name', 'name', 'label::English (en)'],
					['yn', 'yes', 'Yes']
				],
				settings: [
					['form_id', 'version', 'form_title'],
					['f', '1', 'F']
				]
			})
		);
		expect(tagged).toEqual({ status: 'ok', definition: expected, locate: expect.any(Function) });
		const plain = await readXlsForm(
			await workbook({
				survey: [
					['type', 'name', 'label', 'hint'],
					['select_one yn', 'a', 'A?', 'Ask']
				],
				choices: [
					['list_name', 'name', 'label'],
					['yn', 'yes', 'Yes']
				],
				settings: [
					['form_id', 'version', 'form_title', 'default_language'],
					['f', '1', 'F', 'English (en)']
				]
			})
		);
		expect(plain).toEqual({ status: 'ok', definition: expected, locate: expect.any(Function) });
	});

	it('a form in English and Swahili: each text in both, a missing one at its cell; the languages in column order', async () => {
		const survey = [
			['type', 'name', 'label::English (en)', 'label::Kiswahili (sw)'],
			['text', 'a', 'Name', 'Jina'],
			['integer', 'b', 'Age', null]
		];
		const settings = [
			['form_id', 'version', 'form_title', 'tun_form_title::Kiswahili (sw)'],
			['f', '1', 'F', 'F (sw)']
		];
		expect(await readXlsForm(await workbook({ survey, settings }))).toEqual({
			status: 'invalid',
			problems: [at('survey', 3, 'label::Kiswahili (sw)', 'b: label has no text in sw (Kiswahili)')]
		});
		survey[2][3] = 'Umri';
		const read = await readXlsForm(await workbook({ survey, settings }));
		expect(read).toMatchObject({
			status: 'ok',
			definition: {
				languages: [
					{ code: 'en', name: 'English' },
					{ code: 'sw', name: 'Kiswahili' }
				],
				defaultLanguage: 'en',
				title: { en: 'F', sw: 'F (sw)' }
			}
		});
	});

	it('a language code the schema refuses, at its column', async () => {
		const survey = [
			['type', 'name', 'label::English (EN)'],
			['text', 'a', 'A']
		];
		const read = await readXlsForm(
			await workbook({
				survey,
				settings: [
					['form_id', 'version'],
					['f', '1']
				]
			})
		);
		expect(read).toMatchObject({ status: 'invalid', problems: [at('survey', 1, 'label::English (EN)', /language code/)] });
	});

	it("yes and no as pyxform spells them, and Excel's TRUE and FALSE", async () => {
		const spellings: [Cell, boolean][] = [
			...['yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'true()'].map((s): [Cell, boolean] => [s, true]),
			...['no', 'No', 'NO', 'false', 'False', 'FALSE', 'false()'].map((s): [Cell, boolean] => [s, false]),
			[true, true],
			[false, false]
		];
		const survey = sheet(spellings.map(([required], i) => ({ type: 'text', name: `q${i}`, label: `Q${i}`, required })));
		const items = (await definitionOf({ survey })).items;
		expect(items.map((q) => (q as { required?: boolean }).required)).toEqual(spellings.map(([, b]) => b));
	});

	it('begin/end group and repeat in both spellings, smart quotes in expressions as plain ones, texts as written', async () => {
		const survey = sheet([
			{ type: 'begin_repeat', name: 'r', label: 'R “quoted”' },
			{ type: 'text', name: 's', label: 'S' },
			{ type: 'text', name: 't', label: 'T', relevant: '${s} != ‘x’' },
			{ type: 'end_repeat' }
		]);
		const [r] = (await definitionOf({ survey })).items as unknown as { label: { en: string }; items: { relevant: string }[] }[];
		expect(r.label.en).toBe('R “quoted”');
		expect(r.items[1].relevant).toBe("${s} != 'x'");
	});

	it('a note without a name, named after its row as pyxform names it', async () => {
		const survey = sheet([{ type: 'text', name: 'a', label: 'A' }, null, { type: 'note', label: 'Thanks' }]);
		expect((await definitionOf({ survey })).items[1]).toMatchObject({ type: 'note', name: 'generated_note_name_4' });
	});
});

describe('readXlsForm refuses, at the sheet, row and column a spreadsheet user sees', () => {
	it('a file that is not a workbook, a workbook without a survey sheet', async () => {
		const notXlsx = await readXlsForm(new TextEncoder().encode('type,name\ntext,a\n'));
		expect(notXlsx).toEqual({ status: 'invalid', problems: [at('', null, null, /^This file is not an Excel workbook \(\.xlsx\)/)] });
		const noSurvey = await readXlsForm(await workbook({ questions: [['type'], ['text']] }));
		expect(noSurvey).toEqual({
			status: 'invalid',
			problems: [at('', null, null, 'An XLSForm needs a sheet named "survey"; this workbook has "questions".')]
		});
	});

	it('every problem of a broken form at once', async () => {
		const survey = sheet([
			{ type: 'text', name: 'a', label: 'A', notes: 'ask politely' },
			{ type: 'barcode', name: 'scan', label: 'Scan' },
			{ type: 'rating', name: 'x', label: 'X' },
			{ type: 'integer', name: 'b', label: 'B', relevant: '${nope} > 1' },
			{ type: 'text', name: 'c', label: 'C', required: "${a} = 'x'" },
			{ type: 'text', name: 'd', label: 'D', appearance: 'multiline' },
			null,
			{ type: 'text', name: 'e', 'label::Հայերեն (hy)': 'E (hy)', 'label::English (en)': 'E' },
			{ type: 'text', name: 'f', label: 'F', calculation: '1' },
			{ type: 'text', name: 'g', label: 'G', repeat_count: 3 },
			{ type: 'select_one colors or_other', name: 'h', label: 'H' },
			{ type: 'text', name: 'a', label: 'A again' },
			{ type: 'select_one ${a}', name: 'who', label: 'Who' },
			{ name: 'lost', label: 'No type' },
			{ type: 'end group' },
			{ type: 'begin repeat', name: 'r', label: 'R' }
		]);
		// A column with a header and no values is no problem.
		survey[0].push('media::image');
		const choices = sheet([
			{ list_name: 'colors', name: 'red', label: 'Red' },
			{ list_name: 'colors', name: 'red', label: 'Red again' },
			{ list_name: 'nums', name: 1, label: 'One', tun_code: 5 },
			{ name: 'blue', label: 'Blue' }
		]);
		const noVersion = titled(sheet([{ form_id: 'test_form', form_title: 'Test form', default_language: 'English (en)' }]));
		const result = await readXlsForm(await workbook({ survey, choices, settings: noVersion }));
		expect(result).toEqual({
			status: 'invalid',
			problems: [
				at('survey', 1, 'notes', 'unknown column "notes"'),
				at('survey', 3, 'type', 'Tun does not support the question type "barcode"'),
				at('survey', 4, 'type', 'unknown question type "rating"'),
				at('survey', 5, 'relevant', 'b: relevant refers to ${nope}, which the form does not have'),
				at('survey', 6, 'required', `"\${a} = 'x'" is not yes or no (Tun does not take an expression here)`),
				at('survey', 7, 'appearance', 'Tun has no appearance "multiline" for a question'),
				at('survey', 9, 'label::Русский (ru)', 'e: label has no text in ru (Русский)'),
				at('survey', 10, 'calculation', 'f: only a calculate takes a calculation'),
				at('survey', 11, 'repeat_count', 'a text takes no "repeat_count"'),
				at('survey', 12, 'type', /^Tun does not support "or_other"/),
				at('survey', 13, 'name', 'duplicate name "a"'),
				at('survey', 14, 'type', 'select_one ${a} selects among a repeat\'s entries, but "a" is in no repeat'),
				at('survey', 15, 'type', 'this row has no type'),
				at('survey', 16, 'type', '"end group" with no "begin group" open'),
				at('survey', 17, 'type', '"begin repeat" "r" has no "end repeat"'),
				at('survey', 17, 'type', 'a group or repeat needs at least one item'),
				at('choices', 3, 'name', 'duplicate choice "red" in list "colors"'),
				at('choices', 4, 'tun_code', 'choice "1" in list "nums": a numeric value is its own code, so its code must be 1'),
				at('choices', 5, 'list_name', 'this choice has no list_name'),
				at('settings', 2, 'version', 'missing')
			]
		});
	});

	it('sheets, columns and cells Tun does not support', async () => {
		const survey = sheet([{ type: 'text', name: 'a', label: 'A', 'media::image': 'a.png', 'guidance_hint::English (en)': 'Ask slowly' }]);
		survey[2] = ['integer', 'b', 'B (hy)', 'B (ru)', 'B', null, null, { formula: 'A1', result: undefined } as Cell];
		survey[0][7] = 'default';
		const external = [
			['list_name', 'name'],
			['towns', 'a']
		];
		const problems = await problemsOf({ survey, external_choices: external, entities: [['list_name', 'label']] });
		expect(problems).toEqual([
			at('survey', 1, 'media::image', 'Tun does not support the column "media::image": clear it or delete the column'),
			at(
				'survey',
				1,
				'guidance_hint::English (en)',
				'Tun does not support the column "guidance_hint::English (en)": clear it or delete the column'
			),
			at('survey', 3, 'default', 'the cell holds a formula with no computed value: write the value itself'),
			at('external_choices', null, null, 'Tun does not support the "external_choices" sheet: clear it or delete it')
		]);
	});

	it('choices: an attr column not named in lower snake_case, a language on a column that takes none, a name that is no value', async () => {
		const survey = sheet([{ type: 'select_one l', name: 'a', label: 'A', choice_filter: "site = 'x'" }]);
		const choices = sheet([
			{ list_name: 'l', name: 'x', label: 'X', site: 'x', Region: 'north', 'hint::English (en)': 'h' },
			{ list_name: 'l', name: 1.5, label: 'Y' }
		]);
		expect(await problemsOf({ survey, choices })).toEqual([
			at('choices', 1, 'Region', 'a choice_filter reads the column "Region" by its name: name it in lower snake_case'),
			at('choices', 1, 'hint::English (en)', 'the column "hint" takes no language ("English (en)")'),
			at('choices', 3, 'name', 'choice values are lower snake_case names, starting with a letter, or whole numbers')
		]);
	});

	it('a label column that names no language, unless default_language names it', async () => {
		const survey = [
			['type', 'name', 'label'],
			['text', 'a', 'A']
		];
		const plain = await readXlsForm(
			await workbook({
				survey,
				settings: [
					['form_id', 'version'],
					['f', '1']
				]
			})
		);
		expect(plain).toEqual({
			status: 'invalid',
			problems: [
				at(
					'survey',
					1,
					'label',
					'"label" names no language: write the language in the column, e.g. "label::English (en)", or set default_language on the settings sheet as name and code, e.g. "English (en)"'
				)
			]
		});
		// Said once, at the header, however many rows have a value there.
		const badTag = await readXlsForm(
			await workbook({
				survey: sheet([
					{ type: 'text', name: 'a', label: 'A', 'hint::English': 'Ask' },
					{ type: 'text', name: 'b', label: 'B', 'hint::English': 'Ask again' }
				]),
				settings: titled(settings())
			})
		);
		expect(badTag).toEqual({
			status: 'invalid',
			problems: [at('survey', 1, 'hint::English', 'write the language as name and code, e.g. "hint::English (en)"')]
		});
	});

	it('a year whose type is not an integer, a select_one ${…} whose question is not in the repeat tun_link names', async () => {
		const survey = sheet([
			{ type: 'text', name: 'y', label: 'Y', tun_type: 'year' },
			{ type: 'begin repeat', name: 'r1', label: 'R1' },
			{ type: 'text', name: 'n1', label: 'N1' },
			{ type: 'end repeat' },
			{ type: 'begin repeat', name: 'r2', label: 'R2' },
			{ type: 'text', name: 'n2', label: 'N2' },
			{ type: 'end repeat' },
			{ type: 'select_one ${n1}', name: 'who', label: 'Who', tun_link: 'r2' }
		]);
		expect(await problemsOf({ survey, choices: yesNo })).toEqual([
			at('survey', 2, 'tun_type', 'tun_type "year" is unknown here: the only one is "year", on an integer'),
			at('survey', 9, 'type', 'select_one ${n1}: "n1" is not a question of the repeat "r2" that tun_link names')
		]);
	});
});
