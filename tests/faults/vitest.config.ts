/**
 * `npm run test:faults`: only the fault tests, 1,000 runs (FAULT_RUNS overrides), with
 * the project's own Vite/Vitest set-up otherwise.
 */
import { defineConfig } from 'vitest/config';
import base from '../../vite.config.ts';

process.env.FAULT_RUNS ??= '1000';

export default defineConfig({
	...base,
	test: { ...base.test, include: ['tests/faults/**/*.test.ts'] }
});
