import { json } from '@sveltejs/kit';
import { getStore } from '$lib/server/db';
import { getRegistry } from '$lib/server/forms';
import { adminOnly, readRequest } from '$lib/server/guard';
import { refuse } from '$lib/server/http';
import { MAX_TARGETS_BODY_BYTES, targetsInputSchema, type TargetsView } from '$lib/wire-progress';
import type { RequestHandler } from './$types';

/**
 * PUT /api/admin/targets {"form","daily","settlements"}: the supervisor's targets for a form,
 * in completed interviews: `daily` per enumerator and day (a whole number from 1 to 1000, or
 * null for none), `settlements` in all per settlement ({"chartar": 40}); the whole set, what
 * is left out is no longer a target. 200 the targets as stored; 400 {error, problems} for a
 * body it cannot take; 404 for a form nobody published.
 */
export const PUT: RequestHandler = adminOnly(async ({ request }) => {
	const body = await readRequest(request, targetsInputSchema, MAX_TARGETS_BODY_BYTES, true);
	if (body instanceof Response) return body;
	const published = (await (await getRegistry()).list()).map((f) => f.id);
	if (!published.includes(body.form)) return refuse(404, `no published form "${body.form}"`);
	const stored = await (await getStore()).setTargets(body.form, { daily: body.daily, settlements: body.settlements });
	return json({ form: body.form, ...stored } satisfies TargetsView);
});
