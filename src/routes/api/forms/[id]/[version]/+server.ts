import { json } from '@sveltejs/kit';
import { findForm } from '$lib/forms';
import { enumeratorOf } from '$lib/server/enumerator';
import { refuse } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	if (!event.locals.admin) {
		const enumerator = await enumeratorOf(event);
		if (enumerator instanceof Response) return enumerator;
	}
	const form = findForm(event.params.id, event.params.version);
	return form ? json(form.definition) : refuse(404, `no form "${event.params.id}" version "${event.params.version}"`);
};
