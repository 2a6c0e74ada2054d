// Prints "N passed, N failed" summed over the suites of the last `npm test`
// (vitest and Playwright JSON reports; a failed type check counts as one failure).
import { existsSync, readFileSync } from 'node:fs';

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
let passed = 0;
let failed = 0;

const unit = read('.reports/vitest.json');
if (unit) {
	passed += unit.numPassedTests;
	// A file that failed to load fails no test of its own: count it once.
	const brokenFiles = (unit.testResults ?? []).filter(
		(file) => file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed')
	).length;
	failed += unit.numFailedTests + brokenFiles;
} else failed += 1;

const e2e = read('.reports/e2e.json');
if (e2e) {
	passed += e2e.stats.expected + (e2e.stats.flaky ?? 0);
	failed += e2e.stats.unexpected;
	if (e2e.errors?.length) failed += e2e.errors.length;
} else failed += 1;

const check = read('.reports/check.json');
if (!check || !check.ok) failed += 1;

console.log(`${passed} passed, ${failed} failed`);
