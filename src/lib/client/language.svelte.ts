import { loadAdminLanguage, loadLanguage, translate, translateAdmin, type AdminMessageKey, type MessageKey } from '$lib/i18n';
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

	/** Whether the supervisor's strings are wanted (the admin page asked for them): a language switch loads them too. */
	private admin = false;

	/** Loads the supervisor's strings of the current language: the admin page waits for them. */
	readyAdmin(): Promise<void> {
		this.admin = true;
		return loadAdminLanguage(this.current);
	}

	async set(lang: Language): Promise<void> {
		await Promise.all([loadLanguage(lang), this.admin ? loadAdminLanguage(lang) : undefined]);
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

/** A message of the supervisor's pages in the current language (loaded by `language.readyAdmin()`). */
export function ta(key: AdminMessageKey, params?: Record<string, string | number>): string {
	return translateAdmin(language.current, key, params);
}
