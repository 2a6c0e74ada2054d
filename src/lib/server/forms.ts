/**
 * The form versions this server knows: published ones live in the store (so every instance
 * on one PostgreSQL knows the same), compiled ones are kept in memory by id@version. A
 * published version never changes (publishing other content under it is a conflict), so
 * what is in memory never goes stale; a version not in memory is looked up in the store
 * before anyone is told it is unknown.
 */
import { compileForm, type CompiledForm } from '$lib/form';
import type { Problem } from '$lib/form/schema';
import { forms as builtIn } from '$lib/forms';
import { getStore } from './db';
import { compatibilityProblems } from './form-compat';
import { derivedNameProblems } from './derived-names';
import { contentHash } from './storage/hash';
import type { PublishedFormInfo, Store } from './storage/types';
import type { FormRef, FormText } from './validation/task';

/** A version as this server holds it: the definition as published and its compiled form. */
export interface KnownForm {
	text: string;
	form: CompiledForm;
}

export type PublishResult =
	| { status: 201 | 200; body: { id: string; version: string } }
	| { status: 409; body: { error: string } }
	| { status: 400; body: { error: string; problems: Problem[] } };

/** A form version as GET /api/forms lists it. */
export interface FormListItem {
	id: string;
	version: string;
	title: unknown;
	publishedAt: string;
}

const key = (id: string, version: string) => `${id}@${version}`;

function compileText(text: string): CompiledForm {
	const result = compileForm(JSON.parse(text));
	if (result.status === 'ok') return result.form;
	// The store holds only what compiled when it was published: this is a broken database.
	throw new Error(`a published form does not compile: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
}

export class FormRegistry {
	private readonly known = new Map<string, KnownForm>();

	constructor(private readonly store: Store) {}

	/** The version with its definition text, from memory, else from the store (then kept); undefined when nobody published it. */
	async find(id: string, version: string): Promise<KnownForm | undefined> {
		const cached = this.known.get(key(id, version));
		if (cached) return cached;
		const row = await this.store.getForm(id, version);
		if (!row) return undefined;
		const found = { text: row.definition, form: compileText(row.definition) };
		this.known.set(key(id, version), found);
		return found;
	}

	async findForm(id: string, version: string): Promise<CompiledForm | undefined> {
		return (await this.find(id, version))?.form;
	}

	/**
	 * Publishes a definition given as JSON text: compiled first (400 with every problem),
	 * then compared with the published versions of its id (400 when it gives a question
	 * another type or a choice value another code: form-compat.ts; 400 when the export would
	 * derive a column name over 32 characters or twice: derived-names.ts, with `alongside`
	 * versions counted as published, as the built-in ones are), then stored. The text is
	 * kept exactly as given; content is compared by the hash of its canonical JSON, so a copy
	 * that differs only in spacing or key order is the same.
	 */
	async publish(text: string, now = new Date(), alongside: readonly CompiledForm[] = []): Promise<PublishResult> {
		let raw: unknown;
		try {
			raw = JSON.parse(text);
		} catch {
			const problems = [{ path: '', message: 'the body is not valid JSON' }];
			return { status: 400, body: { error: 'the definition is not valid JSON', problems } };
		}
		const compiled = compileForm(raw);
		if (compiled.status === 'invalid') {
			const n = compiled.problems.length;
			return {
				status: 400,
				body: { error: `the definition has ${n} problem${n === 1 ? '' : 's'}`, problems: compiled.problems }
			};
		}
		const { id, version } = compiled.form.definition;
		const published = (await this.store.listForms()).filter((r) => r.id === id);
		// A version published already is the store's to answer (the same again, or a conflict).
		if (!published.some((r) => r.version === version)) {
			const earlier = await this.versionsOf(id, published);
			const problems = compatibilityProblems(earlier, compiled.form);
			if (problems.length) {
				const n = problems.length;
				const error = `the definition changes ${n} thing${n === 1 ? '' : 's'} that earlier versions of "${id}" published`;
				return { status: 400, body: { error, problems } };
			}
			const names = derivedNameProblems([...earlier, ...alongside.filter((f) => f.definition.id === id)], compiled.form);
			if (names.length) {
				const n = names.length;
				const error = `the export would name ${n} column${n === 1 ? '' : 's'} of "${id}" too long or twice`;
				return { status: 400, body: { error, problems: names } };
			}
		}
		const outcome = await this.store.publishForm({ id, version, definition: text, hash: contentHash(raw), publishedAt: now.toISOString() });
		if (outcome === 'conflict') {
			return {
				status: 409,
				body: { error: `form "${id}" version "${version}" is published already with other content: give the new one another version` }
			};
		}
		if (outcome === 'created') this.known.set(key(id, version), { text, form: compiled.form });
		return { status: outcome === 'created' ? 201 : 200, body: { id, version } };
	}

	/**
	 * Definitions for a validation thread (validation/task.ts): the text as published, null
	 * for a version nobody published, or one no submission may name (longer than the wire allows).
	 */
	async texts(refs: FormRef[]): Promise<FormText[]> {
		return Promise.all(
			refs.map(async (r) => {
				const possible = r.id.length <= 64 && r.version.length <= 32;
				return { ...r, text: possible ? ((await this.find(r.id, r.version))?.text ?? null) : null };
			})
		);
	}

	/** Every published version, oldest first, with its title. */
	async list(): Promise<FormListItem[]> {
		const rows = await this.store.listForms();
		return Promise.all(rows.map(async (r) => ({ id: r.id, version: r.version, title: await this.title(r), publishedAt: r.publishedAt })));
	}

	/** The published versions of one form, compiled, in the order published. */
	async versionsOf(formId: string, listed?: PublishedFormInfo[]): Promise<CompiledForm[]> {
		const rows = (listed ?? (await this.store.listForms())).filter((r) => r.id === formId);
		const found = await Promise.all(rows.map((r) => this.findForm(r.id, r.version)));
		return found.filter((f) => f !== undefined);
	}

	/** Publishes the definitions built into the app (src/lib/forms): the same content again changes nothing. */
	async publishBuiltIn(): Promise<void> {
		for (const f of builtIn) {
			// Exported together with the later built-in versions, which code what the earlier ones left uncoded.
			const result = await this.publish(JSON.stringify(f.definition), new Date(), builtIn);
			if (result.status === 409 || result.status === 400) {
				const { id, version } = f.definition;
				throw new Error(`the built-in form "${id}" version "${version}" could not be published: ${result.body.error}`);
			}
		}
	}

	private async title(r: PublishedFormInfo): Promise<unknown> {
		return (await this.findForm(r.id, r.version))?.definition.title;
	}
}

let registry: { store: Store; registry: FormRegistry } | undefined;

/** The server's registry over its one store (db.ts). */
export async function getRegistry(): Promise<FormRegistry> {
	const store = await getStore();
	if (registry?.store !== store) registry = { store, registry: new FormRegistry(store) };
	return registry.registry;
}
