import { sveltekit } from '@sveltejs/kit/vite';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Builds the validation worker (src/lib/server/validation/worker.ts) as one self-contained
 * file, build/validation-worker.js, once adapter-node has written build/ (SvelteKit runs the
 * adapter in its closeBundle; this plugin's comes after it). The worker pool finds it there
 * (src/lib/server/validation/pool.ts). adapter-node bundles only what its entries import,
 * so a worker entry of SvelteKit's own server build would never reach build/.
 */
function validationWorker(): Plugin {
	return {
		name: 'tun:validation-worker',
		apply: 'build',
		closeBundle: {
			sequential: true,
			async handler() {
				if (this.environment.config.consumer !== 'server') return;
				await build({
					configFile: false,
					logLevel: 'warn',
					resolve: { alias: { $lib: source('./src/lib') } },
					ssr: { noExternal: true },
					build: {
						ssr: source('./src/lib/server/validation/worker.ts'),
						outDir: resolve(source('.'), process.env.TUN_BUILD_DIR ?? 'build'),
						emptyOutDir: false,
						copyPublicDir: false,
						sourcemap: true,
						rollupOptions: { output: { entryFileNames: 'validation-worker.js', codeSplitting: false } }
					}
				});
			}
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), validationWorker()],
	test: {
		expect: { requireAssertions: true },
		// Nothing here asserts time: on a 2-core machine running files side by side, a few tests of
		// whole households take more than vitest's default 5 s.
		testTimeout: 20_000,
		include: ['src/**/*.test.ts', 'tests/faults/**/*.test.ts'],
		setupFiles: ['src/lib/i18n/test-setup.ts'],
		environment: 'node',
		// `// @vitest-environment svelte-client` runs a test file with Svelte compiled for the browser (runes tests).
		alias: { 'vitest-environment-svelte-client': source('./tests/support/client-environment.ts') }
	},
	// The browser's build of Svelte for those tests; every other test runs in the server environment, as before.
	...(process.env.VITEST ? { environments: { client: { resolve: { conditions: ['browser'] } } } } : {})
});
