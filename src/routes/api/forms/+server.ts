import { json } from '@sveltejs/kit';
import { forms } from '$lib/forms';
import { enumeratorOf } from '$lib/server/enumerator';
import type { RequestHandler } from './$types';

/** The form versions this server knows, so a device can fetch a new one. */
export const GET: RequestHandler = async (event) => {
	if (!event.locals.admin) {
		const enumerator = await enumeratorOf(event);
		if (enumerator instanceof Response) return enumerator;
	}
	return json(forms.map((f) => ({ id: f.definition.id, version: f.definition.version, title: f.definition.title })));
};
