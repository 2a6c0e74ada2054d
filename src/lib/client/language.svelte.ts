import { translate, type MessageKey } from '$lib/i18n';
import { languageSchema, type Language } from '$lib/form/schema';

const STORAGE_KEY = 'tun.language';

function stored(): Language {
	const parsed = languageSchema.safeParse(globalThis.localStorage?.getItem(STORAGE_KEY));
	return parsed.success ? parsed.data : 'hy';
}

/** The interface language, kept per device; a change shows at once everywhere. */
class LanguageState {
	current = $state<Language>(stored());

	set(lang: Language) {
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
