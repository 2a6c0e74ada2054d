import { describe, expect, it } from 'vitest';
import { compileForm, FormEngine, type CompiledForm } from '$lib/form';
import { exportTable } from './csv';
import { forms } from '$lib/forms';
import { derivedNameProblems } from './derived-names';

const [v1, v2] = forms;

function compiled(definition: unknown): CompiledForm {
	const result = compileForm(definition);
	if (result.status !== 'ok') throw new Error(JSON.stringify(result.problems));
	return result.form;
}

const label = (s: string) => ({ hy: s, ru: s, en: s });
/** A small form: a multiple choice, a location and a member link, named as given. */
function form(names: { multiple: string; geo: string; link: string; extra?: string }, coded: boolean) {
	return compiled({
		id: 'names_test',
		version: '1',
		title: label('Names'),
		defaultLanguage: 'hy',
		items: [
			{ type: 'select_multiple', name: names.multiple, label: label('Which?'), choices: 'things' },
			{ type: 'geopoint', name: names.geo, label: label('Where?') },
			...(names.extra ? [{ type: 'text', name: names.extra, label: label('Extra') }] : []),
			{
				type: 'repeat',
				name: 'member',
				label: label('Members'),
				summary: ['m_name'],
				items: [{ type: 'text', name: 'm_name', label: label('Name') }]
			},
			{ type: 'select_one', name: names.link, label: label('Who?'), link: 'member' }
		],
		choices: {
			things: [
				{ value: 'a_rather_long_value', label: label('A'), ...(coded ? { code: 1 } : {}) },
				{ value: 'b', label: label('B'), ...(coded ? { code: 2 } : {}) }
			]
		}
	});
}

describe('names the export derives', () => {
	it('leave both built-in versions alone, the first exported with the second as the server does', () => {
		expect(derivedNameProblems([v2], v1)).toEqual([]);
		expect(derivedNameProblems([v1], v2)).toEqual([]);
	});

	it('leave the first version alone too: a value no version codes names its dummy by its place in the list', () => {
		expect(derivedNameProblems([], v1)).toEqual([]);
	});

	it('refuse a dummy, a location part or a link key over 32 characters, each at its question', () => {
		const long = 'q'.repeat(31);
		const problems = derivedNameProblems([], form({ multiple: long, geo: 'g'.repeat(24), link: 'l'.repeat(29) }, true));
		expect(problems.map((p) => p.message.match(/"(\w+)"/)![1])).toEqual([
			`${long}_1`,
			`${long}_2`,
			`${'g'.repeat(24)}_latitude`,
			`${'g'.repeat(24)}_longitude`,
			`${'g'.repeat(24)}_accuracy`,
			`${'l'.repeat(29)}_key`
		]);
		expect(problems[0].path).toBe('items.0.name');
	});

	it('refuse a question named as a column the export derives from another', () => {
		const problems = derivedNameProblems([], form({ multiple: 'things', geo: 'home', link: 'who', extra: 'home_latitude' }, true));
		expect(problems).toHaveLength(1);
		expect(problems[0].message).toContain('"home_latitude"');
	});

	it('name the dummies of numeric choice values ("1", "99", as XLSForm forms have them) by their codes', () => {
		const definition = {
			id: 'numeric_test',
			version: '1',
			title: label('Numbers'),
			defaultLanguage: 'hy',
			items: [
				{ type: 'select_multiple', name: 'q', label: label('Which?'), choices: 'n' },
				{ type: 'calculate', name: 'has_two', calculation: "if(selected(${q}, '2'), 1, 0)" }
			],
			choices: { n: ['1', '2', '99'].map((value) => ({ value, label: label(value), code: Number(value) })) }
		};
		const next = compiled(definition);
		expect(derivedNameProblems([], next)).toEqual([]);
		const columns = exportTable([next], '', [], { odk: true, codes: true, splitMultiple: true }).columns.map((c) => c.name);
		expect(columns).toEqual(expect.arrayContaining(['q', 'q_1', 'q_2', 'q_99', 'has_two']));
		const engine = new FormEngine(next, {}, { today: '2026-12-01' });
		engine.set('q', [], ['2', '99']);
		expect(engine.value('has_two')).toBe(1);
		engine.set('q', [], ['1']);
		expect(engine.value('has_two')).toBe(0);
	});

	it('take names that fit', () => {
		expect(derivedNameProblems([], form({ multiple: 'things', geo: 'home', link: 'who' }, true))).toEqual([]);
	});
});
