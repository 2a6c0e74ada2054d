import { loadLanguage, translate, type MessageKey } from '$lib/i18n';
import { languages, type FormDefinition, type Language } from '$lib/form/schema';

const STORAGE_KEY = 'tun.language';

function stored(): Language {
	const value = globalThis.localStorage?.getItem(STORAGE_KEY);
	return languages.find((l) => l === value) ?? 'hy';
}

/** The questionnaire an interview shows, as the language switch sees it: its form (and so its languages), the one shown, and a way to show another. */
export interface QuestionnaireLanguages {
	readonly form: { readonly definition: Pick<FormDefinition, 'languages'> };
	readonly language: string;
	setLanguage(code: string): void;
}

/** The interface language, kept per device; a change shows at once everywhere, once its strings are loaded. */
class LanguageState {
	current = $state<Language>(stored());

	/**
	 * The questionnaire of the interview open, if one is: the language switch then offers its
	 * languages (by their names) instead of the interface's.
	 */
	questionnaire = $state<QuestionnaireLanguages | undefined>();

	/**
	 * What the language switch chose: a language the interface speaks switches the interface;
	 * in an interview, the questionnaire is shown in it (sw, say, changes only the questionnaire).
	 */
	async choose(code: string): Promise<void> {
		if (languages.includes(code as Language)) await this.set(code as Language);
		this.questionnaire?.setLanguage(code);
	}

	/** Loads the strings of the current language: the root layout waits for it before the first page renders. */
	ready(): Promise<void> {
		return loadLanguage(this.current);
	}

	/** More strings a page wants (the supervisor's): a language switch loads them too. */
	private more: ((lang: Language) => Promise<void>)[] = [];

	/** Loads more strings (the supervisor's) in the current language, and in each language switched to. */
	need(load: (lang: Language) => Promise<void>): Promise<void> {
		this.more.push(load);
		return load(this.current);
	}

	async set(lang: Language): Promise<void> {
		await Promise.all([loadLanguage(lang), ...this.more.map((load) => load(lang))]);
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
