/**
 * Form versions held on the device, as interviews open them. A definition is checked against
 * the schema when it is downloaded (forms.ts storeForm); the form as the schema accepted it is
 * kept beside the published JSON with the app version that checked it, so opening a draft
 * compiles that (compileDefinition, no zod) and the schema's code is not part of the first
 * load. After an app update the first open checks the definition again, and keeps the result.
 */
import { version } from '$app/environment';
import { compileDefinition, type CompiledForm, type FormDefinition } from '$lib/form';
import type { StoredForm, TunDatabase } from './db';

/** Compiled forms of this page load, per database, by "id@version": opening an interview does not compile again. */
const cache = new WeakMap<TunDatabase, Map<string, CompiledForm>>();
export function compiledOf(db: TunDatabase): Map<string, CompiledForm> {
	let forms = cache.get(db);
	if (!forms) cache.set(db, (forms = new Map()));
	return forms;
}
export const keyOf = (id: string, version: string) => `${id}@${version}`;

/** The app version whose schema checks a definition now: a stored check by another version is done again. */
export const CHECKED_BY = version;

/** What a stored version keeps of its check: the definition as the schema of `by` accepted it. */
export function checkedRecord(definition: FormDefinition): NonNullable<StoredForm['checked']> {
	return { by: CHECKED_BY, definition };
}

async function compileStored(db: TunDatabase, stored: StoredForm): Promise<CompiledForm | undefined> {
	if (stored.checked?.by === CHECKED_BY) {
		const result = compileDefinition(stored.checked.definition as FormDefinition);
		if (result.status === 'ok') return result.form;
	}
	const { compileForm } = await import('$lib/form/validate');
	const result = compileForm(stored.definition);
	if (result.status !== 'ok') return undefined;
	await db.forms.update([stored.id, stored.version], { checked: checkedRecord(result.form.definition) });
	return result.form;
}

/**
 * The compiled form of a version held on the device, compiled at most once per page load;
 * undefined when the device does not hold it. (A version is immutable on the server, so the
 * cache never goes stale.) `read`: its stored row, when the caller has read it already.
 */
export async function formFor(db: TunDatabase, id: string, version: string, read?: StoredForm): Promise<CompiledForm | undefined> {
	const key = keyOf(id, version);
	const cached = compiledOf(db).get(key);
	if (cached) return cached;
	const stored = read ?? (await db.forms.get([id, version]));
	const form = stored && (await compileStored(db, stored));
	if (form) compiledOf(db).set(key, form);
	return form;
}
