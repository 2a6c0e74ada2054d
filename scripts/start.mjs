// npm start: builds when the sources are newer than the build, then serves app and API with
// scripts/serve.mjs (PORT, default 3000; HOST, default 0.0.0.0; the app reads DATA_DIR).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const built = 'build/handler.js';
const sources = ['src', 'static', 'package.json', 'package-lock.json', 'svelte.config.js', 'vite.config.ts', 'scripts/headers.mjs'];

function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

if (!existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs) {
	console.log('Building Tun…');
	const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

await import('./serve.mjs');
