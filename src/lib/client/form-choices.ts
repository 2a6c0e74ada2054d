/**
 * The forms new interviews can start on, for the home screen's "New interview": apart from
 * device-forms.ts, which an interview's first load needs, so that load does not carry them.
 */
import type { Translated } from '$lib/form';
import type { StoredForm, TunDatabase } from './db';

/** A form new interviews can start on: the newest published version of one form id. */
export interface FormChoice {
	id: string;
	version: string;
	title: Partial<Translated>;
}

/** The newest published version of each form id on the device, in the order the ids were first published. */
export async function newestForms(db: TunDatabase): Promise<FormChoice[]> {
	const all = await db.forms.toArray();
	all.sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
	// Later publications overwrite earlier ones; a Map keeps the order in which each id first came.
	const newest = new Map<string, StoredForm>();
	for (const form of all) newest.set(form.id, form);
	return [...newest.values()].map((f) => ({ id: f.id, version: f.version, title: titleOf(f.definition) }));
}

export function titleOf(definition: unknown): Partial<Translated> {
	const title = typeof definition === 'object' && definition && 'title' in definition ? definition.title : undefined;
	return typeof title === 'object' && title ? (title as Partial<Translated>) : {};
}
