import { describe, expect, it } from 'vitest';
import { languages, type Language } from '$lib/form';
import { adminMessages, messages } from './all';
import { translate } from './index';

describe.each([
	['interface strings', messages],
	["the supervisor's strings", adminMessages]
] as const)('%s', (_, messages: Record<Language, Record<string, string>>) => {
	const keys = Object.keys(messages.en);

	it('exist in Armenian, Russian and English, each in its own script', () => {
		for (const key of keys) {
			for (const lang of languages) expect(messages[lang][key].trim(), `${lang}.${key}`).not.toBe('');
			expect(messages.hy[key], `hy.${key}`).toMatch(/[\u0531-\u058F]/);
			expect(messages.ru[key], `ru.${key}`).toMatch(/[\u0400-\u04FF]/);
			expect(messages.en[key], `en.${key}`).not.toMatch(/[\u0400-\u04FF\u0531-\u058F]/);
		}
	});

	it('keep the same placeholders in every language', () => {
		const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const key of keys) {
			for (const lang of languages) expect(placeholders(messages[lang][key]), `${lang}.${key}`).toEqual(placeholders(messages.en[key]));
		}
	});
});

describe('filling strings', () => {
	it('fills placeholders', () => {
		expect(translate('en', 'waiting_count', { count: 3 })).toBe('Waiting to sync: 3');
		expect(translate('hy', 'sync_progress', { done: 1, total: 2 })).toBe('Ուղարկվում է՝ 1/2…');
	});
});
