/** What an engine issue says to the interviewer, in their language: one mapping for every view. */
import type { AnswerIssue, Language } from '$lib/form';
import { translate, type MessageKey } from '$lib/i18n';

/** The message of each answer type problem (form/values.ts). */
const typeMessages = {
	not_text: 'error_not_text',
	not_integer: 'error_not_integer',
	not_number: 'error_not_number',
	not_date: 'error_not_date',
	not_year: 'error_not_year',
	unknown_choice: 'error_unknown_choice',
	not_geopoint: 'error_not_geopoint',
	special_not_allowed: 'error_special_not_allowed'
} as const satisfies Record<Extract<AnswerIssue, { kind: 'type' }>['code'], MessageKey>;

const limitMessages = {
	too_long: 'error_too_long',
	too_many_entries: 'error_too_many_entries'
} as const satisfies Record<Extract<AnswerIssue, { kind: 'limit' }>['code'], MessageKey>;

/** In the interface's language `lang`; a constraint's own message in the questionnaire's language shown, `formLanguage`. */
export function issueMessage(issue: AnswerIssue, lang: Language, formLanguage: string = lang): string {
	switch (issue.kind) {
		case 'required':
			return translate(lang, 'error_required');
		case 'type':
			return translate(lang, typeMessages[issue.code]);
		case 'limit':
			return translate(lang, limitMessages[issue.code], { max: issue.max });
		case 'constraint':
			return issue.message?.[formLanguage] ?? translate(lang, 'error_constraint');
		case 'unlinked':
			return translate(lang, 'error_unlinked');
	}
}
