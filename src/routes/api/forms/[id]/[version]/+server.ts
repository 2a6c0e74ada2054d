import { json } from '@sveltejs/kit';
import { findForm } from '$lib/forms';
import { adminOrEnumerator } from '$lib/server/guard';
import { refuse } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const refused = await adminOrEnumerator(event);
	if (refused) return refused;
	const form = findForm(event.params.id, event.params.version);
	return form ? json(form.definition) : refuse(404, `no form "${event.params.id}" version "${event.params.version}"`);
};
