import { json } from '@sveltejs/kit';
import { getStore } from '$lib/server/db';
import { adminOnly, readRequest } from '$lib/server/guard';
import { currentThresholds, recomputeAll } from '$lib/server/quality/run';
import { serverForms } from '$lib/server/quality/server';
import { MAX_QUALITY_BODY_BYTES, qualityThresholdsSchema, type QualityView } from '$lib/wire';
import type { RequestHandler } from './$types';

/** GET /api/admin/quality: the data-quality thresholds (the defaults until set) and how many submissions each flag marks. */
export const GET: RequestHandler = adminOnly(async () => {
	const store = await getStore();
	const [thresholds, counts] = await Promise.all([currentThresholds(store), store.flagCounts()]);
	return json({ thresholds, counts } satisfies QualityView);
});

/**
 * PUT /api/admin/quality {speederMinutes, scaleItems, dontKnow, locationKm, answerChanges}:
 * stores the thresholds, computes every stored submission's flags again with them (page by
 * page), and answers them with the counts per flag; 400 {error, problems} for bad input.
 */
export const PUT: RequestHandler = adminOnly(async ({ request }) => {
	const thresholds = await readRequest(request, qualityThresholdsSchema, MAX_QUALITY_BODY_BYTES, true);
	if (thresholds instanceof Response) return thresholds;
	const store = await getStore();
	await store.setQualityThresholds(thresholds);
	const counts = await recomputeAll(store, await serverForms(), thresholds);
	return json({ thresholds, counts } satisfies QualityView);
});
