// ESLint for TypeScript and Svelte 5, with type information where a rule needs it
// (no-floating-promises: a fired promise whose failure nobody handles loses an error).
// The house rules of README "The house" are no-restricted-imports per folder below.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Imports a folder's own code may not make: [pattern, why]. Tests may cross rooms. */
function house(files, forbidden) {
	return {
		files,
		ignores: ['**/*.test.ts', '**/testing.ts'],
		rules: {
			'no-restricted-imports': ['error', { patterns: forbidden.map(([group, message]) => ({ group: [group].flat(), message })) }]
		}
	};
}

const notServer = ['$lib/server', '$lib/server/*', '**/server/**'];

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'.reports/',
			// The bare SvelteKit page of the benchmarks: its own project, built beside ours.
			'bench/bare-kit/build/',
			'bench/bare-kit/.svelte-kit/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }
			]
		}
	},
	{
		files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
		ignores: ['eslint.config.js', 'svelte.config.js', 'bench/bare-kit/**'],
		languageOptions: {
			parserOptions: {
				// The service worker (its own lib: webworker) and the benchmarks sit outside tsconfig.json.
				projectService: { allowDefaultProject: ['src/service-worker.ts', 'bench/*.ts'] },
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		rules: {
			// {@html} is used for the QR code's SVG, drawn from our own setup link.
			'svelte/no-at-html-tags': 'off',
			// Links are plain hrefs: the app has no base path.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	// The house: which room may import which (README "The house").
	house(
		['src/lib/form/**'],
		[
			[['$lib/*', '$lib/**', '!$lib/form', '!$lib/form/**'], 'the engine is pure: it imports zod and its own files only'],
			[['svelte', 'svelte/*', 'dexie', '$app/*', 'node:*'], 'the engine is pure: it imports zod and its own files only']
		]
	),
	house(
		['src/lib/forms/**'],
		[
			[
				['$lib/client', '$lib/client/*', ...notServer, '$lib/components/*', 'svelte'],
				'questionnaires are data: they import the engine only'
			]
		]
	),
	house(
		['src/lib/i18n/**'],
		[
			[
				['$lib/client/*', ...notServer, '$lib/components/*', '$lib/forms', 'svelte'],
				"interface strings import nothing but the engine's types"
			]
		]
	),
	house(
		['src/lib/wire.ts', 'src/lib/wire-limits.ts'],
		[
			[
				['$lib/client/*', ...notServer, '$lib/components/*', 'svelte', 'dexie'],
				'the wire contract is shared by both sides: zod and the engine only'
			]
		]
	),
	house(
		['src/lib/client/**'],
		[
			[notServer, 'the device never imports server code'],
			[['$lib/components/*'], 'client code is below the components: components import it, not the other way']
		]
	),
	house(['src/lib/components/**'], [[notServer, 'the interview screen never imports server code']]),
	house(
		['src/lib/server/**'],
		[
			[
				['$lib/client', '$lib/client/*', '$lib/components/*', 'svelte', 'dexie', '$app/*'],
				'the server never imports device or interface code'
			]
		]
	)
);
