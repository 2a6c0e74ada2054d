import { json } from '@sveltejs/kit';
import { adminOnly, readRequest } from '$lib/server/guard';
import { refuse } from '$lib/server/http';
import { getStore } from '$lib/server/db';
import { flagOnArrival } from '$lib/server/quality/server';
import { conflictResolveSchema, MAX_CONFLICT_RESOLVE_BYTES, type ConflictResolution } from '$lib/wire';
import type { RequestHandler } from './$types';

/**
 * Settles the open conflicts of a submission (`<id>` the submission's id, as GET
 * /api/admin/conflicts lists it): `{"keep":"stored"}` keeps the stored row, `{"keep":"new"}`
 * replaces its content with the newest conflicting content. `200 {"id","keep","by","at"}`,
 * `by` the name given at sign-in; afterwards a resend of either content is answered
 * `duplicate`. `400` for a bad body; `404` for an unknown id, and for a submission with no
 * open conflict (none was sent, or it was settled already: settling again is a 404).
 */
export const POST: RequestHandler = adminOnly(async ({ params, request, locals }) => {
	const choice = await readRequest(request, conflictResolveSchema, MAX_CONFLICT_RESOLVE_BYTES);
	if (choice instanceof Response) return choice;
	const store = await getStore();
	const resolved = await store.resolveConflicts(params.id, choice.keep, locals.adminName ?? 'admin', new Date().toISOString());
	if (resolved) {
		// The kept content is judged as an arriving one would be: its data-quality flags are its own.
		const kept = choice.keep === 'new' ? await store.getSubmission(params.id) : undefined;
		if (kept) await (await flagOnArrival())([kept]);
		return json(resolved satisfies ConflictResolution);
	}
	return (await store.getSubmission(params.id))
		? refuse(404, 'no open conflict for that submission: none was sent, or it was resolved already')
		: refuse(404, 'no submission with that id');
});
