import { json } from '@sveltejs/kit';
import { readJsonBody } from '$lib/server/body';
import { authenticateEnumerator } from '$lib/server/enumerator';
import { refuse } from '$lib/server/http';
import { RateLimiter } from '$lib/server/rate-limit';
import { getStore } from '$lib/server/db';
import { getRegistry } from '$lib/server/forms';
import { saveChecked, type CheckedBatch } from '$lib/server/submissions';
import { flagOnArrival } from '$lib/server/quality/server';
import { checkBatchOffThread, ValidationBusy } from '$lib/server/validation/pool';
import type { RequestHandler } from './$types';

const limiter = new RateLimiter(60, 60_000);

/**
 * Checks in order: token (401), rate (429), media type (415), size (413), then, in a worker
 * thread, JSON (400) and each item; the valid items are stored in one transaction.
 */
export const POST: RequestHandler = async (event) => {
	const enumerator = await authenticateEnumerator(event);
	if (enumerator instanceof Response) return enumerator;
	const allowed = limiter.take(enumerator.id);
	if (!allowed.ok) {
		return refuse(429, `more than 60 requests a minute from this tablet: try again in ${allowed.retryAfter} s`, {
			'retry-after': String(allowed.retryAfter)
		});
	}
	const body = await readJsonBody(event.request);
	if (!body.ok) return refuse(body.status, body.message);
	let checked: CheckedBatch;
	try {
		const registry = await getRegistry();
		checked = await checkBatchOffThread(body.text, (refs) => registry.texts(refs));
	} catch (error) {
		if (!(error instanceof ValidationBusy)) throw error;
		return refuse(503, 'the server is busy checking other batches: try again in a few seconds', { 'retry-after': '5' });
	}
	// The data-quality flags of what was created are computed after the save (a failure there is logged, never the batch's).
	const response = await saveChecked(checked, await getStore(), enumerator.id, await flagOnArrival());
	return json(response.body, { status: response.status });
};
