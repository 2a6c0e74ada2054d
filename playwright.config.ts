import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_ADMIN_TOKEN } from './tests/support/server';
import { chromiumLaunch } from './tests/support/chromium';

// One throw-away data directory for the server of this run; workers inherit it.
process.env.TUN_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'tun-e2e-'));
const port = Number(process.env.TUN_E2E_PORT ?? 4173);
/** With a throw-away PostgreSQL (scripts/postgres.mjs, npm test), the API tests run against it too. */
const postgresUrl = process.env.TUN_PG_URL;
const pgPort = port + 1;
/** The admin token of the test server: tests create enumerators with it. */
export const adminToken = TEST_ADMIN_TOKEN;

/** The built app and API on `port` as production serves it, with its own data directory and the test admin token. */
function server(port: number, env: Record<string, string>) {
	return {
		command: 'node scripts/serve.mjs',
		url: `http://127.0.0.1:${port}/api/health`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: join(process.env.TUN_E2E_DATA_DIR!, String(port)),
			ADMIN_TOKEN: adminToken,
			ORIGIN: `http://127.0.0.1:${port}`,
			...env
		}
	};
}

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.test.ts',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list'], ['json', { outputFile: '.reports/e2e.json' }]],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		serviceWorkers: 'allow',
		viewport: { width: 800, height: 1280 },
		trace: 'retain-on-failure',
		launchOptions: chromiumLaunch
	},
	projects: [
		{ name: 'sqlite', testIgnore: 'instances.test.ts', use: { browserName: 'chromium' }, metadata: { storage: 'sqlite' } },
		...(postgresUrl
			? [
					{
						name: 'postgres-api',
						testMatch: [
							'api.test.ts',
							'desk.test.ts',
							'quality.test.ts',
							'bad-input.test.ts',
							'forms-api.test.ts',
							'settings-api.test.ts',
							'conflicts-api.test.ts',
							'progress.test.ts'
						],
						use: { browserName: 'chromium' as const, baseURL: `http://127.0.0.1:${pgPort}` },
						metadata: { storage: 'postgres' }
					},
					// Two app instances of its own on one PostgreSQL database of its own.
					{ name: 'postgres-instances', testMatch: 'instances.test.ts', use: { browserName: 'chromium' as const } }
				]
			: [])
	],
	webServer: [server(port, {}), ...(postgresUrl ? [server(pgPort, { DATABASE_URL: postgresUrl })] : [])]
});
