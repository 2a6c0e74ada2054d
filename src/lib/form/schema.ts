/**
 * The form-definition schema: what a questionnaire may say. Definitions are data
 * (src/lib/forms/*.json); this schema checks their shape, and compile.ts checks what
 * lies between the parts (names, references, expressions, cycles). Pure TypeScript and
 * zod: no Svelte, no DOM, no storage.
 */
import * as z from 'zod/mini';
import { namePattern } from './expr/lex';

export const languages = ['hy', 'ru', 'en'] as const;
export const languageSchema = z.enum(languages);
export type Language = z.infer<typeof languageSchema>;

const nonEmpty = z.string().check(z.trim(), z.minLength(1, 'must not be empty (every language needs its text)'));

/** A string a person reads, in every language the app speaks. */
export const translatedSchema = z.strictObject({ hy: nonEmpty, ru: nonEmpty, en: nonEmpty });
export type Translated = z.infer<typeof translatedSchema>;

export const nameSchema = z
	.string()
	.check(z.maxLength(32, 'names are at most 32 characters'), z.regex(namePattern, 'names are lower snake_case, starting with a letter'));

const expression = z.string().check(z.trim(), z.minLength(1, 'an expression must not be empty'));

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

export const choiceSchema = z.strictObject({
	value: nameSchema,
	label: translatedSchema,
	/** Extra columns a choice_filter can test as bare names, e.g. {"site": "armenia"}. */
	attrs: z.optional(z.record(nameSchema, z.string()))
});
export type Choice = z.infer<typeof choiceSchema>;

export const questionSchema = z.strictObject({
	type: z.enum(questionTypes),
	name: nameSchema,
	/** Required for everything but `calculate`, which is never shown. */
	label: z.optional(translatedSchema),
	hint: z.optional(translatedSchema),
	required: z.optional(z.boolean()),
	relevant: z.optional(expression),
	constraint: z.optional(expression),
	constraint_message: z.optional(translatedSchema),
	/** A soft constraint warns; the interviewer may confirm the answer, and the confirmation is kept. */
	constraint_soft: z.optional(z.boolean()),
	/** The name of a list in the form's `choices`. */
	choices: z.optional(nameSchema),
	choice_filter: z.optional(expression),
	calculation: z.optional(expression),
	read_only: z.optional(z.boolean()),
	default: z.optional(z.union([z.string(), z.number()])),
	allow_dont_know: z.optional(z.boolean()),
	allow_refused: z.optional(z.boolean()),
	/** A text answer's longest length in characters; default 2000 (limits.ts). */
	max_length: z.optional(z.number())
});
export type Question = z.infer<typeof questionSchema>;

export interface Group {
	type: 'group';
	name: string;
	label: Translated;
	relevant?: string;
	items: Item[];
}

export interface Repeat {
	type: 'repeat';
	name: string;
	label: Translated;
	relevant?: string;
	/** When set, the number of entries follows this expression; otherwise entries are added and removed freely. */
	count?: string;
	/** Names of questions in the entry shown on its summary line (e.g. name, sex, age). */
	summary?: string[];
	/** Most entries the repeat may have; default 200 (limits.ts). */
	max_entries?: number;
	items: Item[];
}

export type Item = Question | Group | Repeat;

const itemsOf = (): z.ZodMiniArray<z.ZodMiniType<Item>> =>
	z.array(itemSchema).check(z.minLength(1, 'a group or repeat needs at least one item'));

export const groupSchema = z.strictObject({
	type: z.literal('group'),
	name: nameSchema,
	label: translatedSchema,
	relevant: z.optional(expression),
	get items() {
		return itemsOf();
	}
});

export const repeatSchema = z.strictObject({
	type: z.literal('repeat'),
	name: nameSchema,
	label: translatedSchema,
	relevant: z.optional(expression),
	count: z.optional(expression),
	summary: z.optional(z.array(nameSchema)),
	max_entries: z.optional(z.number()),
	get items() {
		return itemsOf();
	}
});

export const itemSchema = z.discriminatedUnion('type', [groupSchema, repeatSchema, questionSchema]);

export const formDefinitionSchema = z.strictObject({
	id: nameSchema,
	/** Changes with every content change; a draft stays on the version it started with. */
	version: z.string().check(z.minLength(1), z.maxLength(32)),
	title: translatedSchema,
	defaultLanguage: languageSchema,
	/**
	 * The interview's name, as XLSForm's settings sheet has it: an expression over the
	 * answers (e.g. the head's name and the settlement), shown as the interview's title on
	 * the device and exported beside KEY. choice-label() may be used here only.
	 */
	instance_name: z.optional(expression),
	/** Choice lists, defined once and named by questions. */
	choices: z._default(z.record(nameSchema, z.array(choiceSchema).check(z.minLength(1))), {}),
	items: z.array(itemSchema).check(z.minLength(1, 'a form needs at least one item'))
});
export type FormDefinition = z.infer<typeof formDefinitionSchema>;

/** One problem found in a definition or a submission, located by a dotted path. */
export interface Problem {
	path: string;
	message: string;
}

export function isContainer(item: Item): item is Group | Repeat {
	return item.type === 'group' || item.type === 'repeat';
}
