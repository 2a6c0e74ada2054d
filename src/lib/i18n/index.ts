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
import { formatNumber } from './format';

export type { MessageKey, Messages };

/** Names of the languages, each in itself, for the language switch. */
export const languageNames: Record<Language, string> = { hy: 'Հայերեն', ru: 'Русский', en: 'English' };

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

export function translate(lang: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
	const table = tables[lang];
	if (!table) throw new Error(`the interface strings in "${lang}" are not loaded (loadLanguage first)`);
	return table[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
		if (!(name in params)) return whole;
		const value = params[name];
		// Numbers as the language writes them (decimal mark, grouping), whatever the browser's locale data.
		return typeof value === 'number' ? formatNumber(value, lang) : value;
	});
}
