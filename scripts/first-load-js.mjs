/**
 * The JavaScript a tablet loads to show the home page, gzipped: the files the prerendered
 * `/` page names (SvelteKit's entry and the layout's and page's nodes) and every file they
 * import statically, from `build/client/_app/immutable`, and the chunk of the Armenian
 * interface strings (the default language), which the root layout loads before anything
 * renders (each language is a chunk of its own, imported dynamically). Run after `vite build`.
 * Usage: node scripts/first-load-js.mjs [page.html under build/prerendered, default index.html]
 * bench/browser.bench.ts uses firstLoadJs(), precacheSize() and clientSize() for its table.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * The first-load JavaScript of a prerendered page of a build.
 * @param {{ build?: string; page?: string; strings?: boolean }} [options] strings: false for a
 *   build without Tun's interface strings (the bare SvelteKit page of the benchmarks)
 * @returns {{ files: number; raw: number; gzipped: number }} sizes in bytes
 */
export function firstLoadJs({ build = 'build', page = 'index.html', strings = true } = {}) {
	const root = join(build, 'client');
	const html = readFileSync(join(build, 'prerendered', page), 'utf8');
	const queue = [...new Set(html.match(/_app\/immutable\/[\w./-]+\.js/g) ?? [])];
	if (strings) {
		const chunks = join(root, '_app/immutable/chunks');
		const armenian = readdirSync(chunks).find(
			(f) => f.endsWith('.js') && readFileSync(join(chunks, f), 'utf8').includes('app_name:`Տուն`')
		);
		if (!armenian) throw new Error('no chunk holds the Armenian interface strings');
		queue.push(`_app/immutable/chunks/${armenian}`);
	}
	/** @type {Set<string>} */
	const seen = new Set();
	while (queue.length) {
		const file = /** @type {string} */ (queue.pop());
		if (seen.has(file)) continue;
		seen.add(file);
		const code = readFileSync(join(root, file), 'utf8');
		// Static imports only (`import … from "./x.js"` and `import "./x.js"`): a dynamic import() loads later.
		for (const [, spec] of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w${}*,\s]+from\s*)?["']([^"']+\.js)["']/g))
			queue.push(posix.join(dirname(file), spec));
	}
	let raw = 0;
	let gzipped = 0;
	for (const file of seen) {
		const bytes = readFileSync(join(root, file));
		raw += bytes.length;
		gzipped += gzipSync(bytes, { level: 9 }).length;
	}
	return { files: seen.size, raw, gzipped };
}

/** Bytes and gzipped bytes of files. */
function sizes(/** @type {Iterable<string>} */ files) {
	let bytes = 0;
	let gzipped = 0;
	let count = 0;
	for (const file of files) {
		const content = readFileSync(file);
		bytes += content.length;
		gzipped += gzipSync(content, { level: 9 }).length;
		count++;
	}
	return { files: count, bytes, gzipped };
}

const isFile = (/** @type {string} */ path) => {
	try {
		return statSync(path).isFile();
	} catch {
		return false;
	}
};

/**
 * What the built service worker precaches (src/service-worker.ts: SvelteKit's build, files and
 * prerendered lists, which it inlines as root-relative strings), found in build/ and summed.
 * @param {string} [build]
 * @returns {{ files: number; bytes: number; gzipped: number }}
 */
export function precacheSize(build = 'build') {
	const worker = readFileSync(join(build, 'client', 'service-worker.js'), 'utf8');
	const files = new Set();
	for (const [, url] of worker.matchAll(/["'`](\/[^"'`\s]*)["'`]/g)) {
		const path = decodeURIComponent(url);
		const file = [
			join(build, 'client', path),
			join(build, 'prerendered', path, 'index.html'),
			join(build, 'prerendered', `${path}.html`)
		].find(isFile);
		if (file) files.add(file);
	}
	return sizes(files);
}

/**
 * Every file a browser could load from a build: build/client and the prerendered pages, not
 * their .gz and .br copies (what a service worker precaching everything would hold).
 * @param {string} build
 */
export function clientSize(build) {
	const files = readdirSync(build, { recursive: true, encoding: 'utf8' })
		.filter((f) => /^(client|prerendered)\//.test(f) && !/\.(gz|br)$/.test(f))
		.map((f) => join(build, f))
		.filter(isFile);
	return sizes(files);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const { files, raw, gzipped } = firstLoadJs({ page: process.argv[2] ?? 'index.html' });
	console.log(`${files} files, ${(raw / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
}
