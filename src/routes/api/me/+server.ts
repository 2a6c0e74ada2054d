import { json } from '@sveltejs/kit';
import { enumeratorOf } from '$lib/server/enumerator';
import type { RequestHandler } from './$types';

/** Who this tablet's token belongs to. */
export const GET: RequestHandler = async (event) => {
	const enumerator = await enumeratorOf(event);
	if (enumerator instanceof Response) return enumerator;
	return json({ id: enumerator.id, name: enumerator.name });
};
