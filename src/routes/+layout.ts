import { language } from '$lib/client/language.svelte';

// Every page is a prerendered shell that renders on the device from IndexedDB, so the
// service worker can serve it with no network. API routes (+server.ts) are unaffected.
export const prerender = true;
export const ssr = false;

/** The interface strings of the device's language, before anything renders (each language is a chunk of its own). */
export async function load(): Promise<void> {
	await language.ready();
}
