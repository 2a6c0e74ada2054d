/**
 * Checks an answers object against a definition. Used by the device before it
 * finalizes an interview and by the server before it stores one, so both sides agree.
 */
import type { FormDefinition, Question } from './schema';

export type AnswerValue = string | number;
export type Answers = Record<string, unknown>;

export type AnswerErrorCode = 'required' | 'not_integer' | 'not_text' | 'unknown_choice' | 'unknown_question';

export interface AnswerError {
	/** The question's name: the key of the answer in the answers object. */
	path: string;
	code: AnswerErrorCode;
	message: string;
}

/** Empty means "not answered": absent, null, or a string of white space. */
export function isEmptyAnswer(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function checkType(q: Question, value: unknown): AnswerError | undefined {
	switch (q.type) {
		case 'text':
			if (typeof value !== 'string') return { path: q.name, code: 'not_text', message: `${q.name}: expected text` };
			return undefined;
		case 'integer':
			if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
				return { path: q.name, code: 'not_integer', message: `${q.name}: expected a whole number` };
			}
			return undefined;
		case 'select_one':
			if (typeof value !== 'string' || !q.choices?.some((c) => c.value === value)) {
				return {
					path: q.name,
					code: 'unknown_choice',
					message: `${q.name}: "${String(value)}" is not one of the choices`
				};
			}
			return undefined;
	}
}

/** Every problem with the answers, in question order; an empty list means they are acceptable. */
export function validateAnswers(form: FormDefinition, answers: Answers): AnswerError[] {
	const errors: AnswerError[] = [];
	const known = new Set<string>();
	for (const q of form.questions) {
		known.add(q.name);
		const value = answers[q.name];
		if (isEmptyAnswer(value)) {
			if (q.required) errors.push({ path: q.name, code: 'required', message: `${q.name}: an answer is required` });
			continue;
		}
		const typeError = checkType(q, value);
		if (typeError) errors.push(typeError);
	}
	for (const name of Object.keys(answers)) {
		if (!known.has(name)) {
			errors.push({ path: name, code: 'unknown_question', message: `${name}: no such question in this form` });
		}
	}
	return errors;
}

/** The answers as they leave the device: empty answers are dropped, not sent as "". */
export function finalAnswers(form: FormDefinition, answers: Answers): Answers {
	const out: Answers = {};
	for (const q of form.questions) {
		const value = answers[q.name];
		if (!isEmptyAnswer(value)) out[q.name] = value;
	}
	return out;
}
