/**
 * Reading a questionnaire's text in one language, where the language may not be the form's
 * own: the supervisor's pages (in the interface's language) and the server's outputs (in
 * English, else the form's default). Kept apart from model.ts so the tablet's first load,
 * which shows a checked form in one of its own languages, does not carry it.
 */
import { shownLanguage } from './model';
import type { FormDefinition, Translated } from './schema';

/** The language of what the server writes for people (codebook, value labels, flags): English when the form has it, else its default. */
export function reportLanguage(definition: Pick<FormDefinition, 'languages' | 'defaultLanguage'>): string {
	return shownLanguage(definition, 'en');
}

/** A text as the server writes it for people: in reportLanguage. */
export function reportText(text: Translated | null | undefined, definition: Pick<FormDefinition, 'languages' | 'defaultLanguage'>): string {
	return textIn(text, reportLanguage(definition), definition.defaultLanguage);
}

/**
 * A text in `language`, else in `fallback` (the form's default language), else in English,
 * else in any language it has: a text of a valid form has every language of the form.
 */
export function textIn(text: Translated | null | undefined, language: string, fallback = 'en'): string {
	if (!text) return '';
	return text[language] ?? text[fallback] ?? text.en ?? Object.values(text)[0] ?? '';
}
