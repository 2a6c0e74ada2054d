import { json } from '@sveltejs/kit';
import { adminOnly } from '$lib/server/guard';
import { refuse } from '$lib/server/http';
import { getStore } from '$lib/server/db';
import { getRegistry } from '$lib/server/forms';
import { deskAnswer, deskForm, parseDeskQuery } from '$lib/server/desk';
import type { DeskPageView } from '$lib/wire';
import type { RequestHandler } from './$types';

/**
 * The supervisor's table of submissions: `?form` (default the household form), the export's
 * filters (`from`, `to`, `enumerator`, `settlement`, `review`), `flag`, `limit` (1 to 500, default 50)
 * and `cursor` (the `next` of the page before) → `{"items","total","next"}`, newest first,
 * filtered and paged in SQL; `flag` (a comma list, or repeated: any of them) keeps the flagged ones.
 */
export const GET: RequestHandler = adminOnly(async ({ url }) => {
	const registry = await getRegistry();
	const formId = deskForm(
		url.searchParams,
		(await registry.list()).map((f) => f.id)
	);
	if (typeof formId !== 'string') return refuse(formId.status, formId.error);
	const versions = await registry.versionsOf(formId);
	const query = parseDeskQuery(url.searchParams, formId, versions);
	if (typeof query === 'string') return refuse(400, query);
	const page = await (await getStore()).deskPage(query);
	return json(deskAnswer(page, versions) satisfies DeskPageView);
});
