/**
 * What a validation thread does with a batch. It knows no forms of its own: the main thread
 * hands it the definitions it lacks. A thread keeps the forms it has compiled (a published
 * version never changes). When the batch names a version the thread lacks and the task does
 * not carry, it answers `needs` with every version the batch names; the main thread looks
 * them up (registry, then store) and runs the task again with them, a version nobody
 * published as `text: null`, which checkItem then refuses as unknown.
 */
import { compileForm, type CompiledForm } from '$lib/form';
import { checkBatch, parseBatchText, type CheckedBatch } from '../submissions';

export interface FormRef {
	id: string;
	version: string;
}

/** A definition as published, or null: the server does not know that version. */
export interface FormText extends FormRef {
	text: string | null;
}

export interface CheckTask {
	text: string;
	definitions?: FormText[];
}

export type TaskResult = CheckedBatch | { needs: FormRef[] };

const key = (id: string, version: string) => `${id}@${version}`;

/** The versions a batch body names: distinct string pairs (formId, formVersion) of its items. */
function namedVersions(body: unknown): FormRef[] {
	if (typeof body !== 'object' || body === null || !('submissions' in body) || !Array.isArray(body.submissions)) return [];
	const named = new Map<string, FormRef>();
	for (const item of body.submissions as unknown[]) {
		if (typeof item !== 'object' || item === null) continue;
		const { formId, formVersion } = item as Record<string, unknown>;
		if (typeof formId === 'string' && typeof formVersion === 'string')
			named.set(key(formId, formVersion), { id: formId, version: formVersion });
	}
	return [...named.values()];
}

/** A checker with its own cache of compiled forms: one per thread (and one for the inline path). */
export function createChecker(): (task: CheckTask) => TaskResult {
	const compiled = new Map<string, CompiledForm>();
	return ({ text, definitions = [] }) => {
		const parsed = parseBatchText(text);
		if (!('body' in parsed)) return parsed;
		const { body } = parsed;
		const given = new Map(definitions.map((d) => [key(d.id, d.version), d.text]));
		const named = namedVersions(body);
		if (named.some((f) => !compiled.has(key(f.id, f.version)) && !given.has(key(f.id, f.version)))) return { needs: named };
		for (const [k, definition] of given) {
			if (definition === null || compiled.has(k)) continue;
			const result = compileForm(JSON.parse(definition));
			if (result.status === 'ok') compiled.set(k, result.form);
		}
		return checkBatch(body, (id, version) => compiled.get(key(id, version)));
	};
}
