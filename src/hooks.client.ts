import type { ClientInit } from '@sveltejs/kit';
import { startFirstRead } from '$lib/client/first-read';

/**
 * Before SvelteKit loads the first route's code: an app started on an interview begins
 * reading it from IndexedDB at once (first-read.ts), while the route's modules and Dexie's
 * load and run.
 */
export const init: ClientInit = () => {
	if (location.pathname === '/interview') startFirstRead(new URL(location.href).searchParams.get('id') ?? '');
};
