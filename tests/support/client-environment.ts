/**
 * A vitest environment that loads modules as the browser build does (Svelte compiled for the
 * client, `svelte` resolved to its client runtime) while running in Node: for tests of runes
 * ($derived, $effect, createSubscriber), which the default server compile turns into plain
 * values. A file opts in with `// @vitest-environment svelte-client` (an alias in vite.config.ts).
 */
import type { Environment } from 'vitest/environments';

export default {
	name: 'svelte-client',
	viteEnvironment: 'client',
	setup: () => ({ teardown() {} })
} satisfies Environment;
