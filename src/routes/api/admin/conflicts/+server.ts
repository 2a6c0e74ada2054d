import { json } from '@sveltejs/kit';
import { adminOnly } from '$lib/server/guard';
import { refuse } from '$lib/server/http';
import { getStore } from '$lib/server/db';
import { getRegistry } from '$lib/server/forms';
import { conflictItems } from '$lib/server/conflicts';
import type { RequestHandler } from './$types';

/**
 * Content sent under a stored id that differs from what is stored: for the supervisor to settle.
 * The open ones, oldest first; `?resolved=1` the settled ones. Each item keeps its fields `id`
 * (the submission's id), `enumeratorId`, `receivedAt` and `submission` (as sent), and adds the
 * stored version, the choice (`resolution`: `{keep, by, at}`, null while open) and the two
 * versions compared (conflicts.ts, wire.ts conflictViewSchema).
 */
export const GET: RequestHandler = adminOnly(async ({ url }) => {
	const resolved = url.searchParams.get('resolved') ?? '0';
	if (resolved !== '0' && resolved !== '1') return refuse(400, 'resolved: give 1 (settled conflicts) or 0 (open ones, the default)');
	const registry = await getRegistry();
	return json(await conflictItems(await getStore(), (id, version) => registry.findForm(id, version), resolved === '1'));
});
