import { json } from '@sveltejs/kit';
import { getStore } from '$lib/server/db';
import type { Health } from '$lib/wire';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => json({ ok: true, storage: (await getStore()).kind } satisfies Health);
