/**
 * Every string of the interface, in Armenian, Russian and English. The type makes a
 * missing translation a compile error; `{name}` marks a value filled in by `translate`.
 *
 * A device loads only the language it shows: each language is a chunk of its own, fetched
 * (from the service worker's cache when offline) before the first page renders and before a
 * switch takes effect, so the first load carries one language's strings, not three.
 */
import type { Language } from '../form/schema';
import type { MessageKey, Messages } from './en';
import type { AdminMessageKey, AdminMessages } from './admin-en';
import { formatNumber } from './format';

export type { AdminMessageKey, AdminMessages, MessageKey, Messages };

const loaders: Record<Language, () => Promise<Messages>> = {
	hy: () => import('./hy').then((m) => m.hy),
	ru: () => import('./ru').then((m) => m.ru),
	en: () => import('./en').then((m) => m.en)
};
const tables: Partial<Record<Language, Messages>> = {};

/** Makes a language's strings available to `translate`; loading one already loaded does nothing. */
export async function loadLanguage(lang: Language): Promise<void> {
	tables[lang] ??= await loaders[lang]();
}

/** `{name}` placeholders filled; numbers as the language writes them (decimal mark, grouping), whatever the browser's locale data. */
export function fill(template: string, lang: Language, params: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
		if (!(name in params)) return whole;
		const value = params[name];
		return typeof value === 'number' ? formatNumber(value, lang) : value;
	});
}

export function translate(lang: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
	const table = tables[lang];
	if (!table) throw new Error(`the interface strings in "${lang}" are not loaded (loadLanguage first)`);
	return fill(table[key], lang, params);
}
