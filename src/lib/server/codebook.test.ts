import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { currentForm } from '$lib/forms';
import { compiled, q, list, group, repeat } from '$lib/form/testing';
import { codebookCsv, codebookRows } from './codebook';

describe('codebook', () => {
	it('codebook.csv is the one generated from the current questionnaire (run `npm run codebook`)', () => {
		expect(readFileSync('codebook.csv', 'utf8')).toBe(codebookCsv(currentForm));
	});

	it('describes each variable: table, module, labels, codes, special codes, skip condition in words', () => {
		const form = compiled(
			[
				group('intro', [q.selectOne('consent', 'yes_no')]),
				repeat(
					'member',
					[q.integer('age', { allow_dont_know: true, allow_refused: true }), q.calculate('adult', 'if(${age} >= 18, 1, 0)')],
					{
						relevant: "${consent} = 'yes' and not(selected(${consent}, 'no'))"
					}
				)
			],
			{ yes_no: list('yes', 'no') }
		);
		const rows = codebookRows(form);
		expect(rows[0]).toEqual([
			'consent',
			'test_form',
			'intro',
			'select_one',
			'consent (hy)',
			'consent (ru)',
			'consent',
			'yes=yes (hy); no=no (hy)',
			'yes=yes (ru); no=no (ru)',
			'yes=yes; no=no',
			'-9 Break-off',
			'',
			''
		]);
		expect(rows[1].slice(0, 4)).toEqual(['age', 'member', 'member', 'integer']);
		expect(rows[1].slice(10)).toEqual([
			"-1 Don't know; -2 Refused; -7 Legal skip; -9 Break-off",
			'consent is "yes" and not (consent includes "no")',
			''
		]);
		expect(rows[2][12]).toBe('if(age is at least 18, 1, 0)');
	});
});
