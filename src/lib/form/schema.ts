/**
 * The form-definition schema: what a questionnaire may say. Definitions are data
 * (src/lib/forms/*.json); this schema is the one gate they pass, on the device, on the
 * server and in tests. Pure TypeScript and zod: no Svelte, no DOM, no storage.
 */
import * as z from 'zod/mini';

export const languages = ['hy', 'ru', 'en'] as const;
export const languageSchema = z.enum(languages);
export type Language = z.infer<typeof languageSchema>;

const nonEmpty = z.string().check(z.trim(), z.minLength(1, 'must not be empty'));

/** A string a person reads, in every language the app speaks. */
export const translatedSchema = z.strictObject({ hy: nonEmpty, ru: nonEmpty, en: nonEmpty });
export type Translated = z.infer<typeof translatedSchema>;

/** Variable names become CSV columns read by Stata, SPSS and R. */
export const namePattern = /^[a-z][a-z0-9_]*$/;
const nameSchema = z
	.string()
	.check(
		z.maxLength(32, 'names are at most 32 characters'),
		z.regex(namePattern, 'names are lower snake_case, starting with a letter')
	);

export const questionTypes = ['text', 'integer', 'select_one'] as const;
export type QuestionType = (typeof questionTypes)[number];

export const choiceSchema = z.strictObject({ value: nameSchema, label: translatedSchema });
export type Choice = z.infer<typeof choiceSchema>;

export const questionSchema = z.strictObject({
	name: nameSchema,
	type: z.enum(questionTypes),
	label: translatedSchema,
	required: z._default(z.boolean(), false),
	choices: z.optional(z.array(choiceSchema))
});
export type Question = z.infer<typeof questionSchema>;

export const formDefinitionSchema = z.strictObject({
	id: nameSchema,
	version: z.string().check(z.minLength(1), z.maxLength(32)),
	title: translatedSchema,
	defaultLanguage: languageSchema,
	questions: z.array(questionSchema).check(z.minLength(1, 'a form needs at least one question'))
});
export type FormDefinition = z.infer<typeof formDefinitionSchema>;

/** One problem found in a definition or a submission, located by a dotted path. */
export interface Problem {
	path: string;
	message: string;
}

export type ParseFormResult =
	| { status: 'ok'; form: FormDefinition }
	| { status: 'invalid'; problems: Problem[] };

/** Checks untrusted input against the schema and lists every problem, not just the first. */
export function parseFormDefinition(input: unknown): ParseFormResult {
	const result = formDefinitionSchema.safeParse(input);
	const problems = crossChecks(input);
	if (result.success && problems.length === 0) return { status: 'ok', form: result.data };
	const shapeProblems = result.success
		? []
		: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
	return { status: 'invalid', problems: [...shapeProblems, ...problems] };
}

const record = (x: unknown): Record<string, unknown> => (x && typeof x === 'object' ? (x as Record<string, unknown>) : {});
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/**
 * Problems between questions (duplicates, a select with no choices). They are checked on
 * the raw input, beside the shape, so one run reports everything wrong with a definition.
 */
function crossChecks(input: unknown): Problem[] {
	const problems: Problem[] = [];
	const names = new Set<string>();
	list(record(input).questions).forEach((raw, i) => {
		const q = record(raw);
		const name = String(q.name);
		if (names.has(name)) problems.push({ path: `questions.${i}.name`, message: `duplicate question name "${name}"` });
		names.add(name);
		const choices = list(q.choices);
		if (q.type === 'select_one' && choices.length === 0) {
			problems.push({ path: `questions.${i}.choices`, message: `select_one question "${name}" needs choices` });
		}
		const codes = new Set<string>();
		choices.forEach((c, j) => {
			const code = String(record(c).value);
			if (codes.has(code)) {
				problems.push({ path: `questions.${i}.choices.${j}.value`, message: `duplicate choice "${code}" in "${name}"` });
			}
			codes.add(code);
		});
	});
	return problems;
}
