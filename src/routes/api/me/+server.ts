import { json } from '@sveltejs/kit';
import { authenticateEnumerator } from '$lib/server/enumerator';
import type { Me } from '$lib/wire';
import type { RequestHandler } from './$types';

/** Who this tablet's token belongs to. */
export const GET: RequestHandler = async (event) => {
	const enumerator = await authenticateEnumerator(event);
	if (enumerator instanceof Response) return enumerator;
	return json({ id: enumerator.id, name: enumerator.name, sex: enumerator.sex } satisfies Me);
};
