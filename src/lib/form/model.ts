/**
 * What the definition schema (schema.ts) describes, without zod: the languages, the question
 * types, the deployment citations and the helpers the engine runs on. The engine on a tablet
 * runs forms checked when they were downloaded, so its bundle needs these and not the schema.
 */
import type { FormDefinition, Group, Item, Language, Repeat } from './schema';

/** The interface's languages: its own strings, and the deployment settings, are in each. */
export const languages = ['hy', 'ru', 'en'] as const;

/** A language of a questionnaire: its code (BCP-47-like) and its name as the language switch shows it. */
export interface FormLanguage {
	code: string;
	name: string;
}

/** The languages of a definition that declares none (the household questionnaire's): the interface's, each named in itself. */
const builtInLanguages: readonly FormLanguage[] = [
	{ code: 'hy', name: 'Հայերեն' },
	{ code: 'ru', name: 'Русский' },
	{ code: 'en', name: 'English' }
];

/** The languages a questionnaire's texts are in. */
export function formLanguages(definition: Pick<FormDefinition, 'languages'>): readonly FormLanguage[] {
	return definition.languages ?? builtInLanguages;
}

/** The language a questionnaire is shown in when `wanted` (the interface's) is asked for: it, when the form has it; else its default. */
export function shownLanguage(definition: Pick<FormDefinition, 'languages' | 'defaultLanguage'>, wanted: string): string {
	return formLanguages(definition).some((l) => l.code === wanted) ? wanted : definition.defaultLanguage;
}

export const questionTypes = [
	'text',
	'integer',
	'decimal',
	'select_one',
	'select_multiple',
	'date',
	'year',
	'geopoint',
	'note',
	'calculate'
] as const;
export type QuestionType = (typeof questionTypes)[number];

/** One problem found in a definition or a submission, located by a dotted path. */
export interface Problem {
	path: string;
	message: string;
}

export function isContainer(item: Item): item is Group | Repeat {
	return item.type === 'group' || item.type === 'repeat';
}

/**
 * Deployment settings an admin sets (the institution that runs the survey, a contact),
 * each in every language; labels cite them as `${deployment.institution}`. A device keeps
 * the settings it started an interview with, and the text shown goes into the submission.
 */
export const deploymentKeys = ['institution', 'contact'] as const;
export type DeploymentKey = (typeof deploymentKeys)[number];
export type Deployment = Partial<Record<DeploymentKey, Record<Language, string>>>;

const citationPattern = /\$\{deployment\.([A-Za-z0-9_]*)\}/g;

/** The deployment settings a text cites, known or not. */
export function citations(text: string): string[] {
	return [...text.matchAll(citationPattern)].map((m) => m[1]);
}

/**
 * A text with its `${deployment.x}` citations filled in; an unset setting reads as "…". The
 * settings are in the interface's languages: a text in another reads them in English, else
 * in any language set.
 */
export function cite(text: string, deployment: Deployment | undefined, language: string): string {
	if (!text.includes('${deployment.')) return text;
	return text.replace(citationPattern, (_, key: string) => {
		const setting = Object.hasOwn(deployment ?? {}, key) ? deployment![key as DeploymentKey] : undefined;
		return setting?.[language as Language] ?? ([setting?.en, ...Object.values(setting ?? {})].find(Boolean) || '…');
	});
}
