import type { RequestEvent } from '@sveltejs/kit';
import { bearer, hashToken } from './auth';
import { refuse } from './http';
import type { Enumerator } from './storage/types';
import { getStore } from './db';

/** The enumerator whose token the request carries, or the 401 to answer (a revoked token included). */
export async function authenticateEnumerator(event: RequestEvent): Promise<Enumerator | Response> {
	const token = bearer(event.request);
	const enumerator = token ? await (await getStore()).findEnumerator(hashToken(token)) : undefined;
	return enumerator ?? refuse(401, 'a valid enumerator token is needed: set this tablet up again from its setup link');
}
