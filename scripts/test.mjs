// npm test: type check, build, unit tests (with the sync fault runs), end-to-end tests.
// A throw-away PostgreSQL cluster runs for the whole time, so the storage contract and
// the API tests run against both stores; without PostgreSQL binaries that half is skipped
// with a loud line. Every step runs even when an earlier one fails, so one run shows
// everything; the exit code says whether all passed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { findPostgresBin, SKIP_LINE, startPostgres } from './postgres.mjs';

rmSync('.reports', { recursive: true, force: true });
mkdirSync('.reports');

const run = (command, args, env = {}) => spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;

const postgres = findPostgresBin() ? await startPostgres() : undefined;
if (!postgres) console.warn(`\n*** ${SKIP_LINE} ***\n`);
const env = postgres ? { TUN_PG_URL: postgres.url } : {};

let ok;
try {
	const checked = run('npm', ['run', '--silent', 'check']);
	writeFileSync('.reports/check.json', JSON.stringify({ ok: checked }));
	const built = run('npx', ['vite', 'build', '--logLevel', 'warn']);
	const unit = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.reports/vitest.json'], env);
	const e2e = run('node', ['scripts/require-chromium.mjs']) && run('npx', ['playwright', 'test'], env);
	ok = checked && built && unit && e2e;
} finally {
	await postgres?.stop();
}
run('node', ['scripts/summarize-tests.mjs']);
process.exit(ok ? 0 : 1);
