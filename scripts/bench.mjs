// `npm run bench`: every benchmark, then ONE table of their figures, each beside its baseline
// measured in the same run.
//   1. builds the app (vite build) when a source is newer than build/, and always the bare
//      SvelteKit page (bench/bare-kit), with the same toolchain;
//   2. runs the engine, ingest, validation, desk and export benchmarks (bench/*.bench.ts) one file
//      after another, with a throw-away PostgreSQL (scripts/postgres.mjs);
//   3. runs the browser benchmark (bench/browser.bench.ts) against build/ in Chromium;
//   4. prints the figures each wrote to .reports/bench/*.json as a markdown table, with the
//      machine and the date.
// TUN_BENCH=browser runs only the browser part (the export benchmark alone takes minutes);
// TUN_BENCH=node only the others. Each benchmark still prints its own detailed output first.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { FIGURES_DIR } from '../bench/figures.mjs';

const part = process.env.TUN_BENCH ?? 'all';
if (!['all', 'browser', 'node'].includes(part)) throw new Error(`TUN_BENCH is "${part}": all, browser or node`);
const vite = join(process.cwd(), 'node_modules/vite/bin/vite.js');
const vitest = join(process.cwd(), 'node_modules/vitest/vitest.mjs');

/**
 * Runs a command with this output; the exit code.
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [options]
 */
function run(command, args, options = {}) {
	console.log(`\n$ ${[command, ...args].join(' ')}`);
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	return result.status ?? 1;
}

/** The newest modification time under these paths, in ms. @param {string[]} paths */
function newest(paths) {
	let latest = 0;
	for (const path of paths) {
		if (!existsSync(path)) continue;
		const stat = statSync(path);
		if (stat.isDirectory())
			for (const entry of readdirSync(path, { recursive: true, encoding: 'utf8' }))
				latest = Math.max(latest, statSync(join(path, entry)).mtimeMs);
		else latest = Math.max(latest, stat.mtimeMs);
	}
	return latest;
}

/** @type {string[]} */
const failures = [];
const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
if (!existsSync('build/handler.js') || newest(sources) > statSync('build/handler.js').mtimeMs) {
	if (run(process.execPath, [vite, 'build', '--logLevel', 'warn'])) throw new Error('vite build failed');
} else console.log('build/ is newer than every source: not built again');
rmSync('bench/bare-kit/build', { recursive: true, force: true });
if (run(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: 'bench/bare-kit' })) throw new Error('the bare page did not build');

const nodeBenches = ['engine', 'ingest', 'validation', 'desk', 'export'];
const parts = part === 'node' ? nodeBenches : part === 'browser' ? ['browser'] : [...nodeBenches, 'browser'];
for (const name of parts) rmSync(join(FIGURES_DIR, `${name}.json`), { force: true });
if (part !== 'browser') {
	const files = nodeBenches.map((n) => `bench/${n}.bench.ts`);
	const code = run(process.execPath, [
		'scripts/postgres.mjs',
		process.execPath,
		vitest,
		'bench',
		'--run',
		'--no-file-parallelism',
		...files
	]);
	if (code) failures.push(`vitest bench (${nodeBenches.join(', ')}) exited ${code}`);
}
if (part !== 'node') {
	const code = run(process.execPath, [vitest, 'bench', '--run', 'bench/browser.bench.ts']);
	if (code) failures.push(`the browser benchmark exited ${code}`);
}

function chromiumVersion() {
	try {
		const out = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore']
		});
		return out.trim().split('\n').at(-1);
	} catch {
		return 'Chromium (version unknown)';
	}
}

const cell = (/** @type {unknown} */ text) => String(text ?? '').replaceAll('|', '\\|');
const cores = cpus();
const lines = [
	'',
	`## Benchmarks, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
	'',
	`Machine: ${cores[0]?.model ?? 'unknown CPU'} × ${cores.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}, ${chromiumVersion()}`,
	'',
	'| benchmark | figure | Tun | baseline (same run) | Tun / baseline |',
	'| --- | --- | --- | --- | --- |'
];
for (const name of parts) {
	const file = join(FIGURES_DIR, `${name}.json`);
	if (!existsSync(file)) {
		lines.push(`| ${name} | no figures: the benchmark did not finish | | | |`);
		continue;
	}
	const { figures } = JSON.parse(readFileSync(file, 'utf8'));
	for (const f of figures) lines.push(`| ${name} | ${cell(f.figure)} | ${cell(f.value)} | ${cell(f.baseline)} | ${cell(f.ratio)} |`);
}
console.log([...lines, ''].join('\n'));
for (const failure of failures) console.error(failure);
process.exitCode = failures.length ? 1 : 0;
