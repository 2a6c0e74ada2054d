/** Builds small definitions for tests in a line or two: labels are filled in for every language. */
import type { Question } from './schema';

export const tr = (en: string) => ({ hy: `${en} (hy)`, ru: `${en} (ru)`, en });

type QuestionInput = Omit<Partial<Question>, 'label'> & Pick<Question, 'name' | 'type'> & { label?: string };

export function question(q: QuestionInput): Record<string, unknown> {
	return { required: false, ...q, label: tr(q.label ?? q.name) };
}

export function formOf(...questions: QuestionInput[]): Record<string, unknown> {
	return { id: 'test_form', version: '1', title: tr('Test form'), defaultLanguage: 'en', questions: questions.map(question) };
}
