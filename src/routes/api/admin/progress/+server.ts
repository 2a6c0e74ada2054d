import { json } from '@sveltejs/kit';
import { adminOnly } from '$lib/server/guard';
import { refuse } from '$lib/server/http';
import { getStore } from '$lib/server/db';
import { getRegistry } from '$lib/server/forms';
import { deskForm } from '$lib/server/desk';
import { parseProgressQuery, readProgress } from '$lib/server/progress';
import type { ProgressView } from '$lib/wire-progress';
import type { RequestHandler } from './$types';

/**
 * The desk's progress: `?form` (default the household form), `by` (`enumerator`, the default,
 * or `settlement`), `from` and `to` (YYYY-MM-DD, inclusive, the day started in the server's
 * time zone; at most 366 days; without them the last 31 days with interviews) →
 * `{"form","by","days","series","totals","targets","settlements"}` (wire.ts progressViewSchema),
 * counted in SQL. 400 for a parameter it cannot read, 404 for a form nobody published.
 */
export const GET: RequestHandler = adminOnly(async ({ url }) => {
	const registry = await getRegistry();
	const formId = deskForm(
		url.searchParams,
		(await registry.list()).map((f) => f.id)
	);
	if (typeof formId !== 'string') return refuse(formId.status, formId.error);
	const query = parseProgressQuery(url.searchParams, formId);
	if (typeof query === 'string') return refuse(400, query);
	const answer = await readProgress(await getStore(), query, await registry.versionsOf(formId));
	return json(answer satisfies ProgressView);
});
