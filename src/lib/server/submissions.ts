import { checkAnswers, type CompiledForm } from '$lib/form';
import { batchEnvelopeSchema, submissionSchema, type BatchResult, type ItemResult, type Submission } from '$lib/wire';
import type { Store } from './storage/types';
import * as z from 'zod/mini';
import { en } from 'zod/locales';

// zod/mini ships without messages; the server explains refusals in full sentences.
z.config(en());

export type FindForm = (id: string, version: string) => CompiledForm | undefined;

export type BatchResponse =
	| { status: 200; body: BatchResult }
	| { status: 400; body: { error: string } };

function rawId(item: unknown): string | null {
	if (item && typeof item === 'object' && 'id' in item && typeof item.id === 'string') return item.id;
	return null;
}

/** Where the first NUL character hides in a JSON value, if anywhere: databases and exports choke on it. */
export function findNul(value: unknown, path: string[] = []): string | undefined {
	if (typeof value === 'string') return value.includes('\0') ? path.join('.') : undefined;
	if (typeof value !== 'object' || value === null) return undefined;
	for (const [key, inner] of Object.entries(value)) {
		if (key.includes('\0')) return [...path, key].join('.');
		const found = findNul(inner, [...path, key]);
		if (found !== undefined) return found;
	}
	return undefined;
}

/** Checks one item on its own; returns the submission or why it is refused. */
function checkItem(item: unknown, findForm: FindForm): { ok: Submission } | { invalid: ItemResult } {
	const nul = findNul(item);
	if (nul !== undefined) {
		return { invalid: { id: rawId(item), status: 'invalid', errors: [{ path: nul, message: 'NUL characters are not allowed' }] } };
	}
	const parsed = submissionSchema.safeParse(item);
	if (!parsed.success) {
		const errors = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
		return { invalid: { id: rawId(item), status: 'invalid', errors } };
	}
	const s = parsed.data;
	const form = findForm(s.formId, s.formVersion);
	if (!form) {
		const message = `this server does not know form "${s.formId}" version "${s.formVersion}"`;
		return { invalid: { id: s.id, status: 'invalid', errors: [{ path: 'formVersion', message }] } };
	}
	const problems = checkAnswers(form, s.answers, {
		today: s.meta?.referenceDate ?? s.startedAt.slice(0, 10),
		breakOff: s.meta?.breakOff !== undefined,
		confirmed: s.meta?.confirmed
	});
	if (problems.length) {
		const errors = problems.map((p) => ({ path: `answers.${p.path}`, message: `${p.path}: ${p.message}` }));
		return { invalid: { id: s.id, status: 'invalid', errors } };
	}
	return { ok: s };
}

/**
 * POST /api/submissions: `{"submissions":[...]}` with 1 to 100 items. Each item is
 * answered on its own (created / duplicate / conflict / invalid); the valid ones are
 * saved in one transaction. A malformed envelope is a 400 and stores nothing.
 */
export async function receiveBatch(
	body: unknown,
	store: Store,
	findForm: FindForm,
	enumeratorId: string | null = null
): Promise<BatchResponse> {
	const envelope = batchEnvelopeSchema.safeParse(body);
	if (!envelope.success) {
		const issue = envelope.error.issues[0];
		const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
		const message = issue.path.length ? issue.message : 'expected an object {"submissions":[...]}';
		return { status: 400, body: { error: `${where}${message}` } };
	}
	const results: ItemResult[] = [];
	const valid: { index: number; submission: Submission }[] = [];
	for (const item of envelope.data.submissions) {
		const checked = checkItem(item, findForm);
		if ('invalid' in checked) results.push(checked.invalid);
		else {
			valid.push({ index: results.length, submission: checked.ok });
			results.push({ id: checked.ok.id, status: 'created' });
		}
	}
	const outcomes = await store.saveBatch(valid.map((v) => v.submission), enumeratorId);
	valid.forEach((v, i) => (results[v.index] = { id: v.submission.id, status: outcomes[i] }));
	return { status: 200, body: { results } };
}
