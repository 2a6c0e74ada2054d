import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '$lib/form';
import { definitionOf, group, list, q, repeat, tr } from '$lib/form/testing';
import { contentHash } from '$lib/server/storage/hash';
import { readXlsForm, writeXlsForm } from '.';
import { cellsOf, type Cell } from './testing';

/** A definition using every field the schema has. */
const everything = {
	...definitionOf(
		[
			group(
				'place',
				[
					q.selectOne('site_type', 'site', { required: true, hint: tr('Where?'), default: 'armenia' }),
					q.text('village', { identifying: true, max_length: 80, read_only: false, default: 'Martuni' }),
					q.geopoint('gps', { identifying: true })
				],
				{ relevant: 'true()' }
			),
			q.integer('hh_size', {
				required: true,
				constraint: '. >= 1 and . <= 30',
				constraint_message: tr('From 1 to 30'),
				constraint_soft: true,
				allow_refused: true,
				allow_dont_know: false,
				short_label: 'Household size',
				unit: 'people',
				default: 3
			}),
			repeat(
				'member',
				[
					q.text('m_name', { required: true }),
					q.integer('m_age'),
					q.year('m_born', { constraint: '. <= 2026', constraint_message: tr('Not in the future') }),
					q.year('m_wed'),
					q.selectMultiple('m_langs', 'langs', { choice_filter: "value != '99' and kind = 'spoken'", default: '1 2' })
				],
				{ relevant: '${hh_size} > 0', count: '${hh_size}', summary: ['m_name', 'm_age'], max_entries: 30 }
			),
			q.selectOne('respondent', '', { choices: undefined, link: 'member', choice_filter: '${m_age} >= 18' }),
			{ ...q.calculate('resp_site', '${site_type}', { choices: 'site', short_label: 'Site' }), label: tr('Site, again') },
			q.decimal('income', { read_only: true, calculation: undefined }),
			q.date('visit', { default: '2026-12-01' }),
			q.note('thanks'),
			{ type: 'group', name: 'check', label: tr('Check'), list: 'member', items: [q.note('check_note')] }
		],
		{
			site: [
				{ value: 'armenia', label: tr('Armenia'), code: 1, attrs: { country: 'am' } },
				{ value: 'russia', label: tr('Russia'), code: 2, attrs: { country: 'ru' } }
			],
			langs: [
				{ value: '1', label: tr('Armenian'), code: 1, attrs: { kind: 'spoken' } },
				{ value: '2', label: tr('Russian'), code: 2, attrs: { kind: 'spoken' } },
				{ value: '99', label: tr('Sign'), code: 99, attrs: { kind: 'signed' } }
			],
			unused: list('a', 'b')
		}
	),
	instance_name: '${village}',
	place: 'village',
	location: 'gps',
	household: { roster: 'member', fields: ['m_name', 'm_age'] }
} as FormDefinition;
delete (everything.items[3] as { choices?: string }).choices;
delete (everything.items[5] as { calculation?: string }).calculation;

const header = (cells: Cell[][]) => cells[0];
const column = (cells: Cell[][], name: string) => cells.slice(1).map((row) => row[cells[0].indexOf(name)] ?? null);
const rowOf = (cells: Cell[][], name: string) => {
	const row = cells.find((r) => r[1] === name)!;
	return Object.fromEntries(cells[0].map((h, i) => [h, row[i] ?? null]).filter(([, v]) => v !== null));
};

describe('writeXlsForm', () => {
	it('writes a definition using every field, and readXlsForm gives it back unchanged', async () => {
		const read = await readXlsForm(await writeXlsForm(everything));
		if (read.status === 'invalid') expect(read.problems).toEqual([]);
		expect(read).toEqual({ status: 'ok', definition: everything, locate: expect.any(Function) });
		if (read.status === 'ok') expect(contentHash(read.definition)).toBe(contentHash(everything));
	});

	it('links a repeat that holds no question of its own as select_one ${repeat}, and reads it back', async () => {
		const definition = definitionOf([
			repeat('visit', [repeat('person', [q.text('p_name')])]),
			q.selectOne('which', 'unused', { link: 'visit' })
		]) as FormDefinition;
		delete (definition.items[1] as { choices?: string }).choices;
		const data = await writeXlsForm(definition);
		expect((await cellsOf(data)).survey.find((r) => r[1] === 'which')?.[0]).toBe('select_one ${visit}');
		expect(await readXlsForm(data)).toEqual({ status: 'ok', definition, locate: expect.any(Function) });
	});

	it("writes a form's own languages: label::English (en) alone, default_language English (en), no other title; reads it back", async () => {
		const english = {
			...definitionOf([q.text('a')]),
			languages: [{ code: 'en', name: 'English' }],
			title: { en: 'Test form' }
		} as unknown as FormDefinition;
		(english.items[0] as { label: object }).label = { en: 'A' };
		const cells = await cellsOf(await writeXlsForm(english));
		expect(cells.survey).toEqual([
			['type', 'name', 'label::English (en)'],
			['text', 'a', 'A']
		]);
		expect(cells.settings).toEqual([
			['form_id', 'version', 'form_title', 'default_language'],
			['test_form', '1', 'Test form', 'English (en)']
		]);
		expect(await readXlsForm(await writeXlsForm(english))).toEqual({ status: 'ok', definition: english, locate: expect.any(Function) });
	});

	describe("follows pyxform's rules", async () => {
		const cells = await cellsOf(await writeXlsForm(everything));
		const survey = cells.survey;

		it('three sheets: survey, choices, settings, each with its headers in row 1', () => {
			expect(Object.keys(cells)).toEqual(['survey', 'choices', 'settings']);
			expect(header(survey).slice(0, 5)).toEqual(['type', 'name', 'label::Հայերեն (hy)', 'label::Русский (ru)', 'label::English (en)']);
		});

		it('a translated column per language, named label::<name> (<code>)', () => {
			expect(header(survey)).toEqual(
				expect.arrayContaining(['hint::English (en)', 'constraint_message::Հայերեն (hy)', 'constraint_message::Русский (ru)'])
			);
			expect(rowOf(survey, 'hh_size')['constraint_message::Русский (ru)']).toBe('From 1 to 30 (ru)');
		});

		it('groups and repeats as begin group … end group and begin repeat … end repeat, nested in order', () => {
			expect(column(survey, 'type').filter((t) => String(t).startsWith('begin') || String(t).startsWith('end'))).toEqual([
				'begin group',
				'end group',
				'begin repeat',
				'end repeat',
				'begin group',
				'end group'
			]);
			expect(column(survey, 'type')[4]).toBe('end group');
		});

		it('a select as select_one <list> or select_multiple <list>', () => {
			expect(rowOf(survey, 'site_type').type).toBe('select_one site');
			expect(rowOf(survey, 'm_langs').type).toBe('select_multiple langs');
		});

		it('yes and no in boolean columns', () => {
			expect(rowOf(survey, 'hh_size')).toMatchObject({ required: 'yes', tun_constraint_soft: 'yes', tun_allow_dont_know: 'no' });
			expect(rowOf(survey, 'income').read_only).toBe('yes');
		});

		it('a year as an integer within Tun\'s year range and its own constraint, marked tun_type "year"', () => {
			expect(rowOf(survey, 'm_born')).toMatchObject({
				type: 'integer',
				tun_type: 'year',
				constraint: '. >= 1800 and . <= 2200 and (. <= 2026)'
			});
			expect(rowOf(survey, 'm_wed')).toMatchObject({ type: 'integer', tun_type: 'year', constraint: '. >= 1800 and . <= 2200' });
		});

		it("a member link as select_one ${question} of the repeat's first summary question, with tun_link", () => {
			expect(rowOf(survey, 'respondent')).toMatchObject({ type: 'select_one ${m_name}', tun_link: 'member' });
		});

		it("a choice_filter names the choice's own name as ODK does: name", () => {
			expect(rowOf(survey, 'm_langs').choice_filter).toBe("name != '99' and kind = 'spoken'");
		});

		it('a top-level group with appearance field-list: Tun shows it on one screen', () => {
			expect(rowOf(survey, 'place').appearance).toBe('field-list');
			expect(rowOf(survey, 'check').appearance).toBe('field-list');
			expect(column(survey, 'appearance').filter(Boolean)).toHaveLength(2);
		});

		it('numbers as numbers, texts as texts', () => {
			expect(rowOf(survey, 'hh_size').default).toBe(3);
			expect(rowOf(survey, 'member').tun_max_entries).toBe(30);
			expect(rowOf(survey, 'village').default).toBe('Martuni');
		});

		it('choices: list_name, name, label::…, tun_code and each attr in a column', () => {
			expect(header(cells.choices)).toEqual([
				'list_name',
				'name',
				'label::Հայերեն (hy)',
				'label::Русский (ru)',
				'label::English (en)',
				'tun_code',
				'country',
				'kind'
			]);
			expect(cells.choices[1]).toEqual(['site', 'armenia', 'Armenia (hy)', 'Armenia (ru)', 'Armenia', 1, 'am']);
		});

		it('settings: form_id, version, form_title in the default language, default_language as <name> (<code>)', () => {
			const settings = Object.fromEntries(cells.settings[0].map((h, i) => [h, cells.settings[1][i]]));
			expect(settings).toEqual({
				form_id: 'test_form',
				version: '1',
				form_title: 'Test form',
				'tun_form_title::Հայերեն (hy)': 'Test form (hy)',
				'tun_form_title::Русский (ru)': 'Test form (ru)',
				default_language: 'English (en)',
				instance_name: '${village}',
				tun_place: 'village',
				tun_location: 'gps',
				tun_household_roster: 'member',
				tun_household_fields: 'm_name m_age'
			});
		});
	});
});
