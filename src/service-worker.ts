/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Precaches the whole app shell (SvelteKit's list of built files, static files and
 * prerendered pages) with workbox, so the app opens with no network after one visit.
 * API requests are not intercepted: they go to the network or fail, and the outbox retries.
 */
import { build, files, prerendered, version } from '$service-worker';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';

declare const self: ServiceWorkerGlobalScope;

const immutable = (url: string) => url.includes('/_app/immutable/');

precacheAndRoute(
	[...build, ...files, ...prerendered].map((url) => ({ url, revision: immutable(url) ? null : version })),
	// Pages carry their state in the query (/interview?id=…): serve the cached page for any query.
	{ ignoreURLParametersMatching: [/.*/] }
);
cleanupOutdatedCaches();

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
