import { json } from '@sveltejs/kit';
import { findForm } from '$lib/forms';
import { getStore } from '$lib/server/store';
import { receiveBatch } from '$lib/server/submissions';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => {
	let body: unknown;
	try {
		body = JSON.parse(await request.text());
	} catch {
		return json({ error: 'the request body is not valid JSON' }, { status: 400 });
	}
	const response = await receiveBatch(body, getStore(), findForm);
	return json(response.body, { status: response.status });
};
