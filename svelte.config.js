import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { cspDirectives } from './scripts/headers.mjs';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		// Runes everywhere in the project; libraries decide for themselves.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		adapter: adapter(),
		// workbox-window registers the worker (src/lib/client/service-worker.ts), so it can
		// tell the interviewer when an update is waiting instead of swapping code mid-interview.
		serviceWorker: { register: false },
		// There are no form actions: every state change is a JSON API call that needs a bearer
		// token or the SameSite=Strict admin cookie, which cross-site requests never carry.
		// Turning the form-origin check off lets the sync API answer a non-JSON body with 415.
		csrf: { trustedOrigins: ['*'] },
		// Pages SvelteKit renders on request (a 404) get this policy as a header with the hash of
		// their start-up script; prerendered pages get it in a <meta>, and scripts/serve.mjs adds
		// the same policy as a header to every response (the only place frame-ancestors works).
		csp: { mode: 'hash', directives: cspDirectives }
	}
};

export default config;
