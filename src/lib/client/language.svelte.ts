import { loadAdminLanguage, loadLanguage, translate, translateAdmin, type AdminMessageKey, type MessageKey } from '$lib/i18n';
import { languages, textIn, type FormLanguage, type Language, type Translated } from '$lib/form/schema';

const STORAGE_KEY = 'tun.language';

function stored(): Language {
	const value = globalThis.localStorage?.getItem(STORAGE_KEY);
	return languages.find((l) => l === value) ?? 'hy';
}

/** The questionnaire an interview shows, as the language switch sees it: its languages, the one shown, and a way to show another. */
export interface QuestionnaireLanguages {
	readonly languages: readonly FormLanguage[];
	readonly language: string;
	setLanguage(code: string): void;
}

/** Whether a questionnaire's language code is one the interface speaks too. */
export const isInterfaceLanguage = (code: string): code is Language => (languages as readonly string[]).includes(code);

/** The interface language, kept per device; a change shows at once everywhere, once its strings are loaded. */
class LanguageState {
	current = $state<Language>(stored());

	/**
	 * The questionnaire of the interview open, if one is: the language switch then offers its
	 * languages (by their names) instead of the interface's.
	 */
	questionnaire = $state<QuestionnaireLanguages | undefined>();

	/** Shows the open questionnaire in `code`; a language the interface speaks switches the interface too. */
	async setQuestionnaire(code: string): Promise<void> {
		if (isInterfaceLanguage(code)) await this.set(code);
		this.questionnaire?.setLanguage(code);
	}

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

/**
 * A questionnaire's text on a page that has no interview open (the desk, the form list): in
 * the interface language when the form has it, else in `fallback` (the form's default
 * language, when known), else in English, else in the language it has.
 */
export function inLanguage(text: Partial<Translated> | null | undefined, fallback?: string): string {
	return textIn(text as Translated | null | undefined, language.current, fallback);
}
