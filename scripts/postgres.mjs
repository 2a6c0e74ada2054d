// A throw-away PostgreSQL cluster for tests and benchmarks.
//   node scripts/postgres.mjs <command...>
// runs the command with TUN_PG_URL set, then stops and removes the cluster (also when the
// command fails or on SIGINT/SIGTERM) and exits with the command's exit code. Without
// PostgreSQL binaries it says so loudly and runs the command without TUN_PG_URL.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { freePort } from './free-port.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SKIP_LINE = 'PostgreSQL tests SKIPPED: no PostgreSQL binaries (apt-get install -y postgresql)';

/** The directory holding initdb and pg_ctl, newest major version first; undefined when none. */
export function findPostgresBin() {
	const root = '/usr/lib/postgresql';
	if (existsSync(root)) {
		const versions = readdirSync(root)
			.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
			.sort((a, b) => Number(b) - Number(a));
		if (versions.length > 0) return join(root, versions[0], 'bin');
	}
	try {
		const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
		if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
	} catch {
		// no pg_config on PATH
	}
	return undefined;
}

const quote = (s) => `'${String(s).replaceAll("'", `'\\''`)}'`;

/**
 * Starts a cluster on 127.0.0.1 with trust auth. initdb and postgres refuse to run as root,
 * so as root the directory goes to the `postgres` user and the binaries run as that user.
 * @returns {Promise<{ url: string; port: number; dir: string; startMs: number; stop: () => Promise<number> }>}
 *   stop() resolves to how long stopping took, in ms.
 */
export async function startPostgres({ bin = findPostgresBin() } = {}) {
	if (!bin) throw new Error(SKIP_LINE);
	const started = performance.now();
	const dir = mkdtempSync(join(tmpdir(), 'tun-pg-'));
	const data = join(dir, 'data');
	const asRoot = process.getuid?.() === 0;
	if (asRoot) {
		const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
		chownSync(dir, id('-u'), id('-g'));
	}
	chmodSync(dir, 0o700);
	const run = (args) => {
		const line = args.map(quote).join(' ');
		if (asRoot) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', line], { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
		else execFileSync('/bin/sh', ['-c', line], { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
	};
	const explain = (what, error) => {
		const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
		return new Error(`${what} failed: ${output || error.message}`);
	};

	const port = await freePort();
	try {
		// UTF8 whatever the locale of the shell: text must come back exactly as sent.
		run([join(bin, 'initdb'), '-D', data, '-U', 'postgres', '-E', 'UTF8', '--no-locale', '-A', 'trust', '--no-sync']);
	} catch (error) {
		rmSync(dir, { recursive: true, force: true });
		throw explain('initdb', error);
	}
	// Throw-away data: no fsync, and only 127.0.0.1 plus the private socket directory.
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
	try {
		run([join(bin, 'pg_ctl'), '-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-s', 'start']);
	} catch (error) {
		// The server's own log says why (a port taken meanwhile, shared memory...).
		const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').trim().split('\n').slice(-5).join('\n') : '';
		rmSync(dir, { recursive: true, force: true });
		const failure = explain('pg_ctl start', error);
		throw log ? new Error(`${failure.message}\n${log}`) : failure;
	}
	const startMs = performance.now() - started;

	let stopped;
	const stop = () =>
		(stopped ??= (async () => {
			const t = performance.now();
			try {
				run([join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', '-s', 'stop']);
			} catch {
				// already down: removing the directory is all that is left
			}
			rmSync(dir, { recursive: true, force: true });
			return performance.now() - t;
		})());
	return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, startMs, stop };
}

async function main(argv) {
	if (argv.length === 0) {
		console.error('usage: node scripts/postgres.mjs <command...>');
		return 2;
	}
	// Signals are caught from the start: one arriving while the cluster starts must not leave it running.
	let child;
	let interrupted;
	const onSignal = (signal) => () => {
		interrupted ??= signal;
		child?.kill(signal);
	};
	process.on('SIGINT', onSignal('SIGINT'));
	process.on('SIGTERM', onSignal('SIGTERM'));
	const exitCodeOf = (signal) => (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1);

	const bin = findPostgresBin();
	const env = { ...process.env };
	delete env.TUN_PG_URL;
	let cluster;
	if (bin) {
		cluster = await startPostgres({ bin });
		env.TUN_PG_URL = cluster.url;
		console.error(`PostgreSQL started in ${Math.round(cluster.startMs)} ms at ${cluster.url}`);
	} else {
		console.error(SKIP_LINE);
	}

	let code;
	if (interrupted) {
		code = exitCodeOf(interrupted);
	} else {
		child = spawn(argv[0], argv.slice(1), { stdio: 'inherit', env });
		code = await new Promise((resolve) => {
			child.on('error', (error) => {
				console.error(`could not run ${argv[0]}: ${error.message}`);
				resolve(127);
			});
			child.on('exit', (status, signal) => resolve(status ?? exitCodeOf(signal)));
		});
	}
	if (cluster) {
		const stopMs = await cluster.stop();
		console.error(`PostgreSQL stopped and removed in ${Math.round(stopMs)} ms`);
	}
	return code;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(error) => {
			console.error(error instanceof Error ? error.message : error);
			process.exit(1);
		}
	);
}
