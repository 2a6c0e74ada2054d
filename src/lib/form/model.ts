/**
 * What the definition schema (schema.ts) describes, without zod: the languages, the question
 * types, the deployment citations and the helpers the engine runs on. The engine on a tablet
 * runs forms checked when they were downloaded, so its bundle needs these and not the schema.
 */
import type { Group, Item, Language, Repeat, Translated } from './schema';

export const languages = ['hy', 'ru', 'en'] as const;

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
export type Deployment = Partial<Record<DeploymentKey, Translated>>;

const citationPattern = /\$\{deployment\.([A-Za-z0-9_]*)\}/g;

/** The deployment settings a text cites, known or not. */
export function citations(text: string): string[] {
	return [...text.matchAll(citationPattern)].map((m) => m[1]);
}

/** A text with its `${deployment.x}` citations filled in; an unset setting reads as "…". */
export function cite(text: string, deployment: Deployment | undefined, language: Language): string {
	if (!text.includes('${deployment.')) return text;
	return text.replace(citationPattern, (_, key: string) =>
		Object.hasOwn(deployment ?? {}, key) ? (deployment![key as DeploymentKey]?.[language] ?? '…') : '…'
	);
}
