import { checkAnswers, formLanguages, type CompiledForm } from '$lib/form';
import { batchEnvelopeSchema, submissionSchema, type BatchResult, type ItemResult, type Submission } from '$lib/wire';
import { ErrorList, structuralProblems } from '$lib/wire-limits';
import type { Store } from './storage/types';
import * as z from 'zod/mini';
import { en } from 'zod/locales';

// zod/mini ships without messages; the server explains refusals in full sentences.
z.config(en());

export type FindForm = (id: string, version: string) => CompiledForm | undefined;

export type BatchResponse = { status: 200; body: BatchResult } | { status: 400; body: { error: string } };

function rawId(item: unknown): string | null {
	if (item && typeof item === 'object' && 'id' in item && typeof item.id === 'string') return item.id;
	return null;
}

/** The item's refusal: at most MAX_ITEM_ERRORS errors listed, the rest counted in `moreErrors`. */
function refused(id: string | null, list: ErrorList): { invalid: ItemResult } {
	return { invalid: { id, status: 'invalid', errors: list.errors, ...(list.more ? { moreErrors: list.more } : {}) } };
}

function refusedWith(id: string | null, errors: { path: string; message: string }[]): { invalid: ItemResult } {
	const list = new ErrorList();
	for (const e of errors) list.push(e);
	return refused(id, list);
}

/**
 * Checks one item on its own; returns the submission or why it is refused. Pure and
 * synchronous (it may run in a worker). Cheap checks first: the structure of the raw
 * item (depth, sizes, NUL, meta and its audit log), then its schema, then the limits of
 * its form, and only then the engine.
 */
export function checkItem(item: unknown, findForm: FindForm): { ok: Submission } | { invalid: ItemResult } {
	const structure = structuralProblems(item);
	if (!structure.empty) return refused(rawId(item), structure);
	const parsed = submissionSchema.safeParse(item);
	if (!parsed.success) {
		return refusedWith(
			rawId(item),
			parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
		);
	}
	const s = parsed.data;
	const form = findForm(s.formId, s.formVersion);
	if (!form) {
		const message = `this server does not know form "${s.formId}" version "${s.formVersion}"`;
		return refusedWith(s.id, [{ path: 'formVersion', message }]);
	}
	const spoken = formLanguages(form.definition).map((l) => l.code);
	if (!spoken.includes(s.language)) {
		const message = `language "${s.language}" is not one of the form's languages (${spoken.join(', ')})`;
		return refusedWith(s.id, [{ path: 'language', message }]);
	}
	const problems = checkAnswers(form, s.answers, {
		today: s.meta?.referenceDate ?? s.startedAt.slice(0, 10),
		breakOff: s.meta?.breakOff !== undefined,
		confirmed: s.meta?.confirmed
	});
	if (problems.length) {
		return refusedWith(
			s.id,
			problems.map((p) => ({ path: `answers.${p.path}`, message: `${p.path}: ${p.message}` }))
		);
	}
	return { ok: s };
}

/** checkItem, with anything it did not foresee made the item's own refusal (and logged), never the batch's. */
function checkItemSafely(item: unknown, findForm: FindForm): { ok: Submission } | { invalid: ItemResult } {
	try {
		return checkItem(item, findForm);
	} catch (error) {
		const id = (() => {
			try {
				return rawId(item);
			} catch {
				return null;
			}
		})();
		console.error(`submission ${id ?? '(no id)'} could not be checked:`, error);
		return refusedWith(id, [{ path: '', message: 'the item could not be checked' }]);
	}
}

/** What checking a batch came to, before anything is stored: a refused envelope, or each item's fate. */
export type CheckedBatch =
	{ status: 400; error: string } | { status: 200; results: ItemResult[]; valid: { index: number; submission: Submission }[] };

/**
 * Checks a batch body (the parsed JSON) item by item; pure and synchronous, so it can run in
 * a worker thread. Valid items are answered `created` until the store decides.
 */
export function checkBatch(body: unknown, findForm: FindForm): CheckedBatch {
	const envelope = batchEnvelopeSchema.safeParse(body);
	if (!envelope.success) {
		const issue = envelope.error.issues[0];
		const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
		const message = issue.path.length ? issue.message : 'expected an object {"submissions":[...]}';
		return { status: 400, error: `${where}${message}` };
	}
	const results: ItemResult[] = [];
	const valid: { index: number; submission: Submission }[] = [];
	for (const item of envelope.data.submissions) {
		const checked = checkItemSafely(item, findForm);
		if ('invalid' in checked) results.push(checked.invalid);
		else {
			valid.push({ index: results.length, submission: checked.ok });
			results.push({ id: checked.ok.id, status: 'created' });
		}
	}
	return { status: 200, results, valid };
}

/** checkBatch on the request body's text: parsing the JSON is part of the work moved off the event loop. */
export function checkBatchText(text: string, findForm: FindForm): CheckedBatch {
	const parsed = parseBatchText(text);
	return 'body' in parsed ? checkBatch(parsed.body, findForm) : parsed;
}

/** The JSON of a batch body, or the 400 that answers text that is not JSON. */
export function parseBatchText(text: string): { body: unknown } | { status: 400; error: string } {
	try {
		return { body: JSON.parse(text) as unknown };
	} catch {
		return { status: 400, error: 'the request body is not valid JSON' };
	}
}

/** What happens to the submissions a save created, after it (the data-quality flags: quality/run.ts flagArrivals). Never throws. */
export type Arrived = (created: Submission[]) => Promise<void>;

/** The submissions of `items` whose outcome is `created`. */
export const createdOf = (items: readonly Submission[], outcomes: readonly string[]): Submission[] =>
	items.filter((_, i) => outcomes[i] === 'created');

/** Stores the valid items of a checked batch in one transaction and answers each item in order; then `arrived` sees what was created. */
export async function saveChecked(
	checked: CheckedBatch,
	store: Store,
	enumeratorId: string | null,
	arrived?: Arrived
): Promise<BatchResponse> {
	if (checked.status === 400) return { status: 400, body: { error: checked.error } };
	const { results, valid } = checked;
	const outcomes = await store.saveBatch(
		valid.map((v) => v.submission),
		enumeratorId
	);
	valid.forEach((v, i) => (results[v.index] = { id: v.submission.id, status: outcomes[i] }));
	await arrived?.(
		createdOf(
			valid.map((v) => v.submission),
			outcomes
		)
	);
	return { status: 200, body: { results } };
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
	return saveChecked(checkBatch(body, findForm), store, enumeratorId);
}
