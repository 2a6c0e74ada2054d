import { json } from '@sveltejs/kit';
import { findForm } from '$lib/forms';
import { readJsonBody } from '$lib/server/body';
import { enumeratorOf } from '$lib/server/enumerator';
import { refuse } from '$lib/server/http';
import { RateLimiter } from '$lib/server/rate-limit';
import { getStore } from '$lib/server/store';
import { receiveBatch } from '$lib/server/submissions';
import type { RequestHandler } from './$types';

const limiter = new RateLimiter(60, 60_000);

/** Checks in order: token (401), rate (429), media type (415), size (413), JSON (400), then each item. */
export const POST: RequestHandler = async (event) => {
	const enumerator = await enumeratorOf(event);
	if (enumerator instanceof Response) return enumerator;
	const allowed = limiter.take(enumerator.id);
	if (!allowed.ok) {
		return refuse(429, `more than 60 requests a minute from this tablet: try again in ${allowed.retryAfter} s`, {
			'retry-after': String(allowed.retryAfter)
		});
	}
	const body = await readJsonBody(event.request);
	if (!body.ok) return refuse(body.status, body.message);
	let parsed: unknown;
	try {
		parsed = JSON.parse(body.text);
	} catch {
		return refuse(400, 'the request body is not valid JSON');
	}
	const response = await receiveBatch(parsed, await getStore(), findForm, enumerator.id);
	return json(response.body, { status: response.status });
};
