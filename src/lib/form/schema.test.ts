import { describe, expect, it } from 'vitest';
import { parseFormDefinition } from './schema';
import { formOf, tr } from './testing';

function problems(input: unknown) {
	const result = parseFormDefinition(input);
	if (result.status === 'ok') throw new Error('expected the definition to be rejected');
	return result.problems;
}

describe('form definition schema', () => {
	it('accepts a well-formed definition and fills defaults', () => {
		const result = parseFormDefinition(formOf({ name: 'age', type: 'integer' }));
		expect(result.status).toBe('ok');
		if (result.status === 'ok') expect(result.form.questions[0].required).toBe(false);
	});

	it('rejects input that is not a definition at all', () => {
		expect(problems('a questionnaire').length).toBeGreaterThan(0);
		expect(problems(null).length).toBeGreaterThan(0);
	});

	it('lists every problem, each located by path', () => {
		const bad = formOf({ name: 'Age', type: 'integer' }, { name: 'sex', type: 'select_one' });
		(bad.questions as Record<string, unknown>[])[0].label = { hy: 'Տարիք', en: 'Age' };
		const found = problems(bad);
		expect(found.map((p) => p.path)).toEqual(
			expect.arrayContaining(['questions.0.name', 'questions.0.label.ru', 'questions.1.choices'])
		);
	});

	it('rejects an unknown question type', () => {
		expect(problems(formOf({ name: 'x', type: 'barcode' as never }))[0].path).toBe('questions.0.type');
	});

	it('rejects duplicate question names and duplicate choice codes', () => {
		const found = problems(
			formOf(
				{ name: 'x', type: 'text' },
				{ name: 'x', type: 'select_one', choices: [{ value: 'a', label: tr('A') }, { value: 'a', label: tr('A again') }] }
			)
		);
		expect(found.map((p) => p.message)).toEqual(
			expect.arrayContaining(['duplicate question name "x"', 'duplicate choice "a" in "x"'])
		);
	});

	it('rejects names over 32 characters and empty translations', () => {
		const bad = formOf({ name: 'a'.repeat(33), type: 'text' });
		(bad.title as Record<string, string>).hy = '   ';
		expect(problems(bad).map((p) => p.path)).toEqual(expect.arrayContaining(['title.hy', 'questions.0.name']));
	});

	it('rejects a form with no questions', () => {
		expect(problems(formOf())[0].path).toBe('questions');
	});
});
