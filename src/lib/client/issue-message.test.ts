import { describe, expect, it } from 'vitest';
import { issueMessage } from './issue-message';

describe('issueMessage', () => {
	it('says each kind of issue in the language asked for', () => {
		expect(issueMessage({ kind: 'required' }, 'en')).toBe('An answer is required.');
		expect(issueMessage({ kind: 'type', code: 'not_integer' }, 'en')).toBe('Enter a whole number.');
		expect(issueMessage({ kind: 'type', code: 'special_not_allowed' }, 'en')).toBe("Don't know / Refused is not allowed here.");
		expect(issueMessage({ kind: 'limit', code: 'too_long', max: 200 }, 'en')).toBe('At most 200 characters.');
		expect(issueMessage({ kind: 'limit', code: 'too_many_entries', max: 12 }, 'ru')).toMatch(/12/);
		expect(issueMessage({ kind: 'type', code: 'not_year' }, 'hy')).toMatch(/[\u0531-\u058F]/);
	});

	it("a constraint says the definition's own message, else the general one", () => {
		const message = { hy: 'Տարիքը 18-ից', ru: 'Возраст от 18', en: 'Age from 18' };
		expect(issueMessage({ kind: 'constraint', soft: false, confirmed: false, message }, 'ru')).toBe('Возраст от 18');
		expect(issueMessage({ kind: 'constraint', soft: true, confirmed: false }, 'en')).toBe('This answer is not allowed.');
	});

	it('every type problem has its own message', () => {
		const codes = [
			'not_text',
			'not_integer',
			'not_number',
			'not_date',
			'not_year',
			'unknown_choice',
			'not_geopoint',
			'special_not_allowed'
		] as const;
		const texts = codes.map((code) => issueMessage({ kind: 'type', code }, 'en'));
		expect(new Set(texts).size).toBe(codes.length);
	});
});
