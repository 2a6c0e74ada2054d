import { json } from '@sveltejs/kit';
import { forms } from '$lib/forms';
import { adminOrEnumerator } from '$lib/server/guard';
import type { FormList } from '$lib/wire';
import type { RequestHandler } from './$types';

// TEMPORARY (device branch only, until the server half lands): the compiled-in versions count as published at start.
const publishedAt = new Date().toISOString();

/** The form versions this server knows, so a device can fetch a new one. */
export const GET: RequestHandler = async (event) => {
	const refused = await adminOrEnumerator(event);
	if (refused) return refused;
	return json(
		forms.map((f) => ({ id: f.definition.id, version: f.definition.version, title: f.definition.title, publishedAt })) satisfies FormList
	);
};
