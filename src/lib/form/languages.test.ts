/**
 * A questionnaire's languages are its own: a definition declares them (any codes, at least
 * one, a default among them), and every text a person reads is in each and in no other.
 */
import { describe, expect, it } from 'vitest';
import { compileForm } from './validate';
import { cite, formLanguages, shownLanguage } from './model';
import { reportLanguage, textIn } from './text';
import { FormEngine } from './engine';
import type { Item } from './schema';

const english = [{ code: 'en', name: 'English' }];
const swahili = [
	{ code: 'sw', name: 'Kiswahili' },
	{ code: 'en', name: 'English' }
];

/** A small form in `texts`' languages: a title, a group, a question with hint and constraint message, a choice list. */
function definition(texts: (en: string) => Record<string, string>, extra: Record<string, unknown> = {}) {
	const items: Item[] = [
		{
			type: 'group',
			name: 'home',
			label: texts('Your home'),
			items: [
				{
					type: 'integer',
					name: 'rooms',
					label: texts('How many rooms?'),
					hint: texts('Count the kitchen'),
					constraint: '. > 0',
					constraint_message: texts('At least one')
				},
				{ type: 'select_one', name: 'roof', label: texts('Roof'), choices: 'roof' }
			]
		}
	];
	return {
		id: 'homes',
		version: '1',
		title: texts('Homes'),
		defaultLanguage: 'en',
		choices: { roof: [{ value: 'tin', label: texts('Tin') }] },
		items,
		...extra
	};
}
const inEnglish = (en: string) => ({ en });
const inSwahili = (en: string) => ({ sw: `${en} (sw)`, en });

function problems(input: unknown) {
	const result = compileForm(input);
	if (result.status === 'ok') throw new Error('expected the definition to be refused');
	return result.problems.map((p) => `${p.path}: ${p.message}`);
}

describe("a questionnaire's languages", () => {
	it('a form in English only compiles, and speaks English whatever the interface asks for', () => {
		const result = compileForm(definition(inEnglish, { languages: english }));
		expect(result.status).toBe('ok');
		if (result.status !== 'ok') return;
		const def = result.form.definition;
		expect(formLanguages(def)).toEqual(english);
		expect(shownLanguage(def, 'hy')).toBe('en');
		expect(reportLanguage(def)).toBe('en');
	});

	it('a form in Swahili and English compiles; its default is shown when the interface speaks neither', () => {
		const result = compileForm(definition(inSwahili, { languages: swahili, defaultLanguage: 'sw' }));
		expect(result.status).toBe('ok');
		if (result.status !== 'ok') return;
		const def = result.form.definition;
		expect(formLanguages(def).map((l) => l.name)).toEqual(['Kiswahili', 'English']);
		expect(shownLanguage(def, 'hy')).toBe('sw');
		expect(shownLanguage(def, 'en')).toBe('en');
		// The server's outputs speak English when the form has it.
		expect(reportLanguage(def)).toBe('en');
		expect(reportLanguage({ languages: [{ code: 'sw', name: 'Kiswahili' }], defaultLanguage: 'sw' })).toBe('sw');
	});

	it('a form that declares no languages is in Armenian, Russian and English', () => {
		expect(formLanguages({}).map((l) => `${l.code} ${l.name}`)).toEqual(['hy Հայերեն', 'ru Русский', 'en English']);
		const tri = (en: string) => ({ hy: `${en} (hy)`, ru: `${en} (ru)`, en });
		expect(compileForm(definition(tri)).status).toBe('ok');
		expect(problems(definition(inEnglish))).toContain('title.hy: the title has no text in hy (Հայերեն)');
	});

	it('a text missing a language of the form is refused at its path, naming the language', () => {
		const def = definition(inSwahili, { languages: swahili });
		def.items[0] = { ...def.items[0], items: [{ type: 'text', name: 'note_sw', label: { en: 'Name' } }] } as Item;
		def.choices.roof[0].label = { sw: 'Bati' } as never;
		expect(problems(def)).toEqual([
			'items.0.items.0.label.sw: note_sw: label has no text in sw (Kiswahili)',
			'choices.roof.0.label.en: choice "tin" of list "roof" has no text in en (English)'
		]);
	});

	it('a text in a language the form does not declare is refused, as are hints and constraint messages', () => {
		const def = definition(inEnglish, { languages: english });
		const rooms = (def.items[0] as { items: Item[] }).items[0] as Record<string, unknown>;
		rooms.hint = { en: 'Count the kitchen', de: 'Zähle die Küche' };
		rooms.constraint_message = {};
		def.title = { en: 'Homes', sw: 'Nyumba' } as never;
		expect(problems(def)).toEqual([
			"title.sw: the title is in sw, which is not one of the form's languages",
			"items.0.items.0.hint.de: rooms: hint is in de, which is not one of the form's languages",
			'items.0.items.0.constraint_message.en: rooms: constraint message has no text in en (English)'
		]);
	});

	it('a default language that is not among the languages, duplicate codes, a bad code, none at all: each refused at its path', () => {
		expect(problems(definition(inEnglish, { languages: english, defaultLanguage: 'sw' }))).toEqual([
			"defaultLanguage: defaultLanguage sw is not one of the form's languages (en)"
		]);
		expect(problems(definition(inEnglish, { languages: [...english, { code: 'en', name: 'Anglais' }] }))).toEqual([
			'languages.1.code: language en is listed twice'
		]);
		expect(problems(definition(inEnglish, { languages: [{ code: 'English', name: 'English' }] }))).toEqual([
			'languages.0.code: a language code is lower case letters, as "en", "sw" or "pt-BR"'
		]);
		expect(problems(definition(inEnglish, { languages: [] }))).toEqual(['languages: a form needs at least one language']);
		expect(problems(definition(inEnglish, { languages: [{ code: 'en', name: ' ' }] }))).toEqual([
			'languages.0.name: a language needs its name'
		]);
	});

	it('codes with a region or script are codes too', () => {
		const texts = (en: string) => ({ 'pt-BR': en, 'zh-Hant': en });
		const languages = [
			{ code: 'pt-BR', name: 'Português' },
			{ code: 'zh-Hant', name: '中文' }
		];
		expect(compileForm(definition(texts, { languages, defaultLanguage: 'pt-BR' })).status).toBe('ok');
	});
});

describe('texts in a language', () => {
	it("reads a text in a language, else in the form's default", () => {
		expect(textIn({ sw: 'Nyumba', en: 'Home' }, 'sw', 'en')).toBe('Nyumba');
		expect(textIn({ en: 'Home' }, 'hy', 'en')).toBe('Home');
		expect(textIn({ sw: 'Nyumba', en: 'Home' }, 'hy', 'sw')).toBe('Nyumba');
		expect(textIn(undefined, 'en')).toBe('');
	});

	it('choice labels in instance names and entry summaries speak the language asked for', () => {
		const result = compileForm({
			id: 'homes',
			version: '1',
			title: { sw: 'Nyumba', en: 'Homes' },
			languages: swahili,
			defaultLanguage: 'sw',
			instance_name: 'choice-label(${roof})',
			choices: { roof: [{ value: 'tin', label: { sw: 'Bati', en: 'Tin' } }] },
			items: [
				{ type: 'select_one', name: 'roof', label: { sw: 'Paa', en: 'Roof' }, choices: 'roof' },
				{
					type: 'repeat',
					name: 'house',
					label: { sw: 'Nyumba', en: 'House' },
					summary: ['h_roof'],
					items: [{ type: 'select_one', name: 'h_roof', label: { sw: 'Paa', en: 'Roof' }, choices: 'roof' }]
				}
			]
		});
		if (result.status !== 'ok') throw new Error(JSON.stringify(result.problems));
		const answers = { roof: 'tin', house: [{ h_roof: 'tin' }] };
		const engine = new FormEngine(result.form, answers, { today: '2026-12-01' });
		expect(engine.instanceName()).toBe('Bati'); // the default language
		expect(engine.instanceName('en')).toBe('Tin');
		const house = engine.node('house');
		expect(engine.summaryText(house, [0], 'sw')).toBe('Bati');
		expect(engine.summaryText(house, [0], 'en')).toBe('Tin');
	});

	it('deployment settings, in the interface languages, are cited in English for a form language the interface lacks', () => {
		const deployment = { institution: { hy: 'Ինստիտուտ', ru: 'Институт', en: 'Institute' } };
		expect(cite('Run by ${deployment.institution}', deployment, 'sw')).toBe('Run by Institute');
		expect(cite('Run by ${deployment.institution}', deployment, 'ru')).toBe('Run by Институт');
		expect(cite('Run by ${deployment.institution}', { institution: { hy: 'Ինստիտուտ', ru: '', en: '' } }, 'sw')).toBe('Run by Ինստիտուտ');
	});
});
