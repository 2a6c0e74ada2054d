import { loadLanguage, translate, type MessageKey } from '$lib/i18n';
import { languages, type Language } from '$lib/form/schema';

const STORAGE_KEY = 'tun.language';

function stored(): Language {
	const value = globalThis.localStorage?.getItem(STORAGE_KEY);
	return languages.find((l) => l === value) ?? 'hy';
}

/** The interface language, kept per device; a change shows at once everywhere, once its strings are loaded. */
class LanguageState {
	current = $state<Language>(stored());

	/** Loads the strings of the current language: the root layout waits for it before the first page renders. */
	ready(): Promise<void> {
		return loadLanguage(this.current);
	}

	async set(lang: Language): Promise<void> {
		await loadLanguage(lang);
		this.current = lang;
		localStorage.setItem(STORAGE_KEY, lang);
		document.documentElement.lang = lang;
	}
}

export const language = new LanguageState();

/** A message of the interface in the current language. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
	return translate(language.current, key, params);
}
