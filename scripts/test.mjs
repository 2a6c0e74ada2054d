// npm test: type check, unit tests, end-to-end tests. Every step runs even when an
// earlier one fails, so one run shows everything; the exit code says whether all passed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

rmSync('.reports', { recursive: true, force: true });
mkdirSync('.reports');

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status === 0;

const checked = run('npm', ['run', '--silent', 'check']);
writeFileSync('.reports/check.json', JSON.stringify({ ok: checked }));
const unit = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.reports/vitest.json']);
const e2e = run('npm', ['run', '--silent', 'test:e2e']);

run('node', ['scripts/summarize-tests.mjs']);
process.exit(checked && unit && e2e ? 0 : 1);
