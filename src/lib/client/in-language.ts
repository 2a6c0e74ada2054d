/**
 * A questionnaire's text on a supervisor's page (the desk, conflicts, progress): in the
 * interface language when the form has it, else in English, else in the language it has.
 * A module of its own, so the tablet's first load does not carry it.
 */
import { textIn } from '$lib/form/text';
import type { Translated } from '$lib/form/schema';
import { language } from './language.svelte';

export function inLanguage(text: Translated | null | undefined): string {
	return textIn(text, language.current);
}
