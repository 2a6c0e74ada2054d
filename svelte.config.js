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
		// TUN_BUILD_DIR and TUN_APP_VERSION build another version beside build/ (the update test
		// deploys one while an interview is open); by default each build is a new version.
		adapter: adapter({ out: process.env.TUN_BUILD_DIR ?? 'build' }),
		...(process.env.TUN_APP_VERSION ? { version: { name: process.env.TUN_APP_VERSION } } : {}),
		// workbox-window registers the worker (src/lib/client/service-worker.ts), so it can
		// tell the interviewer when an update is waiting instead of swapping code mid-interview.
		serviceWorker: { register: false },
		// Cross-site requests are refused by our own check in src/hooks.server.ts: a state-changing
		// request authorized by the admin session cookie needs this server's Origin, whatever its
		// content type (SvelteKit's check looks only at form content types). SvelteKit's check is
		// off because it also answers 403 to bearer-token API clients that send no Origin, before
		// the API's documented statuses (415 for a text/plain body); those carry no cookie authority.
		csrf: { checkOrigin: false },
		// Pages SvelteKit renders on request (a 404) get this policy as a header with the hash of
		// their start-up script; prerendered pages get it in a <meta>, and scripts/serve.mjs adds
		// the same policy as a header to every response (the only place frame-ancestors works).
		csp: { mode: 'hash', directives: cspDirectives }
	}
};

export default config;
