/**
 * The form-definition schema: what a questionnaire may say. Definitions are data
 * (src/lib/forms/*.json); this schema checks their shape, and compile.ts checks what
 * lies between the parts (names, references, expressions, cycles). Pure TypeScript and
 * zod: no Svelte, no DOM, no storage.
 */
import * as z from 'zod/mini';
import { namePattern } from './expr/lex';
import { languages, questionTypes } from './model';

export * from './model';

/**
 * Every schema is made inside a call marked pure (as in wire.ts): a bundle that only reads
 * the definition's types and helpers (the engine on the tablet, which runs forms checked
 * when they were downloaded) leaves zod out.
 */
const pure = <T>(make: () => T): T => make();

export const languageSchema = /* @__PURE__ */ pure(() => z.enum(languages));
export type Language = z.infer<typeof languageSchema>;

const nonEmpty = /* @__PURE__ */ pure(() =>
	z.string().check(z.trim(), z.minLength(1, 'must not be empty (every language needs its text)'))
);

/** A string a person reads, in every language the app speaks. */
export const translatedSchema = /* @__PURE__ */ pure(() => z.strictObject({ hy: nonEmpty, ru: nonEmpty, en: nonEmpty }));
export type Translated = z.infer<typeof translatedSchema>;

export const nameSchema = /* @__PURE__ */ pure(() =>
	z
		.string()
		.check(z.maxLength(32, 'names are at most 32 characters'), z.regex(namePattern, 'names are lower snake_case, starting with a letter'))
);

/**
 * A choice's value: a name, or a whole number as XLSForm forms often have them ("1", "2",
 * "99"). A numeric value is also the choice's code (compile-checks.ts): the export's
 * dummies are named by codes (`q_1`), never by values.
 */
export const choiceValuePattern = /^(?:[a-z][a-z0-9_]*|\d{1,9})$/;

export const choiceValueSchema = /* @__PURE__ */ pure(() =>
	z
		.string()
		.check(
			z.maxLength(32, 'names are at most 32 characters'),
			z.regex(choiceValuePattern, 'choice values are lower snake_case names, starting with a letter, or whole numbers')
		)
);

const expression = /* @__PURE__ */ pure(() => z.string().check(z.trim(), z.minLength(1, 'an expression must not be empty')));

export const choiceSchema = /* @__PURE__ */ pure(() =>
	z.strictObject({
		value: choiceValueSchema,
		label: translatedSchema,
		/**
		 * The number statistics packages see (Stata, SPSS, R value labels): a whole number,
		 * unique in its list, never a special code (-1, -2, -3, -7, -9). A list codes every
		 * choice or none; once published, a value keeps its code in every later version.
		 */
		code: z.optional(z.number().check(z.int())),
		/** Extra columns a choice_filter can test as bare names, e.g. {"site": "armenia"}. */
		attrs: z.optional(z.record(nameSchema, z.string()))
	})
);
export type Choice = z.infer<typeof choiceSchema>;

export const questionSchema = /* @__PURE__ */ pure(() =>
	z.strictObject({
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
		max_length: z.optional(z.number()),
		/**
		 * The answer can identify a person (names, coordinates, free-text "other" answers, the
		 * interviewer's notes): exports keep such columns apart from the analysis files.
		 */
		identifying: z.optional(z.boolean()),
		/**
		 * A member link: the name of a repeat whose entries are the choices (a select_one, or a
		 * calculate whose value is an entry's key). The answer is the entry's `_key`; each choice
		 * is labelled by the entry's summary. A choice_filter is read inside each entry
		 * (`${m_sex} = 'male'` is that member's sex).
		 */
		link: z.optional(nameSchema),
		/** The variable label statistics packages show: at most 80 characters (Stata's limit), English. */
		short_label: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(80, 'a short_label is at most 80 characters'))),
		/** The unit of a number, for the codebook: "hectares", "years", "the currency in rem_currency". */
		unit: z.optional(z.string().check(z.trim(), z.minLength(1)))
	})
);
export type Question = z.infer<typeof questionSchema>;

export interface Group {
	type: 'group';
	name: string;
	label: Translated;
	relevant?: string;
	/** A repeat whose entries the group shows at its top, one read-only line each (line and summary): a roster check reads the names back. */
	list?: string;
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

export const groupSchema = /* @__PURE__ */ pure(() =>
	z.strictObject({
		type: z.literal('group'),
		name: nameSchema,
		label: translatedSchema,
		relevant: z.optional(expression),
		list: z.optional(nameSchema),
		get items() {
			return itemsOf();
		}
	})
);

export const repeatSchema = /* @__PURE__ */ pure(() =>
	z.strictObject({
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
	})
);

export const itemSchema = /* @__PURE__ */ pure(() => z.discriminatedUnion('type', [groupSchema, repeatSchema, questionSchema]));

export const formDefinitionSchema = /* @__PURE__ */ pure(() =>
	z.strictObject({
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
		/** The question that names where the interview took place (the settlement): exports, filters and flags read it. */
		place: z.optional(nameSchema),
		/** The geopoint question that holds the interview's location. */
		location: z.optional(nameSchema),
		/**
		 * What makes a household the same household for the duplicate check: the answer to `place`
		 * and these fields of every entry of the roster (a repeat outside others), in any order.
		 */
		household: z.optional(
			z.strictObject({
				roster: nameSchema,
				fields: z.array(nameSchema).check(z.minLength(1, 'household.fields: name at least one question of the roster'))
			})
		),
		/** Choice lists, defined once and named by questions. */
		choices: z._default(z.record(nameSchema, z.array(choiceSchema).check(z.minLength(1))), {}),
		items: z.array(itemSchema).check(z.minLength(1, 'a form needs at least one item'))
	})
);
export type FormDefinition = z.infer<typeof formDefinitionSchema>;
