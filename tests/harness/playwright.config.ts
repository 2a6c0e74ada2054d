/**
 * The tap harness (issue 12): `npm run taps`. A config of its own, so `npm test` and the e2e
 * config never run it; results go to a temporary directory, nothing into the repository.
 * No service worker: the harness shows the tablet a list of forms of its own (taps.test.ts),
 * and counting taps does not need the offline cache.
 */
import { defineConfig } from '@playwright/test';
import { chromiumLaunch } from '../support/chromium';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default defineConfig({
	testDir: '.',
	testMatch: 'taps.test.ts',
	outputDir: join(tmpdir(), 'tun-taps-results'),
	workers: 1,
	retries: 0,
	reporter: 'list',
	expect: { timeout: 10_000 },
	use: {
		serviceWorkers: 'block',
		viewport: { width: 800, height: 1280 },
		launchOptions: chromiumLaunch
	}
});
