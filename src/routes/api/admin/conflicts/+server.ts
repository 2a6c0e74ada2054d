import { json } from '@sveltejs/kit';
import { adminOnly } from '$lib/server/guard';
import { getStore } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Content sent under a stored id that differs from what is stored: for the supervisor to settle. */
export const GET: RequestHandler = adminOnly(async () => json(await (await getStore()).listConflicts()));
