import { describe, expect, it } from 'vitest';
import { finalAnswers, validateAnswers } from './answers';
import { parseFormDefinition, type FormDefinition } from './schema';
import { formOf, tr } from './testing';

function form(...args: Parameters<typeof formOf>): FormDefinition {
	const parsed = parseFormDefinition(formOf(...args));
	if (parsed.status !== 'ok') throw new Error(JSON.stringify(parsed.problems));
	return parsed.form;
}

const household = form(
	{ name: 'resp_name', type: 'text', required: true },
	{ name: 'hh_size', type: 'integer', required: true },
	{ name: 'site', type: 'select_one', choices: [{ value: 'martuni', label: tr('Martuni') }] },
	{ name: 'notes', type: 'text' }
);

describe('answers validator', () => {
	it('accepts complete answers', () => {
		expect(validateAnswers(household, { resp_name: 'Ani', hh_size: 4, site: 'martuni' })).toEqual([]);
	});

	it('reports each missing required answer by question name', () => {
		const errors = validateAnswers(household, { resp_name: '  ', notes: 'door closed' });
		expect(errors.map((e) => [e.path, e.code])).toEqual([
			['resp_name', 'required'],
			['hh_size', 'required']
		]);
	});

	it('reports answers of the wrong type', () => {
		const errors = validateAnswers(household, { resp_name: 7, hh_size: 'four', site: 'paris' });
		expect(errors.map((e) => e.code)).toEqual(['not_text', 'not_integer', 'unknown_choice']);
		expect(validateAnswers(household, { resp_name: 'A', hh_size: 2.5 })[0].code).toBe('not_integer');
	});

	it('reports answers to questions the form does not have', () => {
		expect(validateAnswers(household, { resp_name: 'A', hh_size: 1, salary: 5 })).toEqual([
			expect.objectContaining({ path: 'salary', code: 'unknown_question' })
		]);
	});

	it('drops empty answers from what is sent and keeps the rest as typed', () => {
		expect(finalAnswers(household, { resp_name: 'Անի', hh_size: 3, site: null, notes: '' })).toEqual({
			resp_name: 'Անի',
			hh_size: 3
		});
	});
});
