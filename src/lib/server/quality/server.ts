/** The server's data-quality flags over its one store and form registry (db.ts, forms.ts). */
import { getStore } from '../db';
import { getRegistry } from '../forms';
import type { Arrived } from '../submissions';
import { flagArrivals, type FindCompiled } from './run';

export async function serverForms(): Promise<FindCompiled> {
	const registry = await getRegistry();
	return (id, version) => registry.findForm(id, version);
}

/** What sync and the backup import call after a save: the flags of the submissions it created. */
export async function flagOnArrival(): Promise<Arrived> {
	const [store, forms] = await Promise.all([getStore(), serverForms()]);
	return (created) => flagArrivals(store, forms, created);
}
