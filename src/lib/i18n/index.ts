/**
 * Every string of the interface, in Armenian, Russian and English. The type makes a
 * missing translation a compile error; `{name}` marks a value filled in by `translate`.
 */
import type { Language } from '../form/schema';
import { en, type MessageKey, type Messages } from './en';
import { hy } from './hy';
import { ru } from './ru';
import { formatNumber } from './format';

export type { MessageKey, Messages };

export const messages: Record<Language, Messages> = { en, ru, hy };

/** Names of the languages, each in itself, for the language switch. */
export const languageNames: Record<Language, string> = { hy: 'Հայերեն', ru: 'Русский', en: 'English' };

export function translate(lang: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
	return messages[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
		if (!(name in params)) return whole;
		const value = params[name];
		// Numbers as the language writes them (decimal mark, grouping), whatever the browser's locale data.
		return typeof value === 'number' ? formatNumber(value, lang) : value;
	});
}
