/**
 * The JavaScript a tablet loads to show the home page, gzipped: the files the prerendered
 * `/` page names (SvelteKit's entry and the layout's and page's nodes) and every file they
 * import statically, from `build/client/_app/immutable`, and the chunk of the Armenian
 * interface strings (the default language), which the root layout loads before anything
 * renders (each language is a chunk of its own, imported dynamically). Run after `vite build`.
 * Usage: node scripts/first-load-js.mjs [page.html under build/prerendered, default index.html]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = 'build/client';
const html = readFileSync(join('build/prerendered', process.argv[2] ?? 'index.html'), 'utf8');
const queue = [...new Set(html.match(/_app\/immutable\/[\w./-]+\.js/g) ?? [])];
const chunks = join(root, '_app/immutable/chunks');
const armenian = readdirSync(chunks).find((f) => f.endsWith('.js') && readFileSync(join(chunks, f), 'utf8').includes('app_name:`Տուն`'));
if (!armenian) throw new Error('no chunk holds the Armenian interface strings');
queue.push(`_app/immutable/chunks/${armenian}`);
const seen = new Set();
while (queue.length) {
	const file = queue.pop();
	if (seen.has(file)) continue;
	seen.add(file);
	const code = readFileSync(join(root, file), 'utf8');
	// Static imports only (`import … from "./x.js"` and `import "./x.js"`): a dynamic import() loads later.
	for (const [, spec] of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w${}*,\s]+from\s*)?["']([^"']+\.js)["']/g))
		queue.push(posix.join(dirname(file), spec));
}
let raw = 0;
let gzipped = 0;
for (const file of [...seen].sort()) {
	const bytes = readFileSync(join(root, file));
	raw += bytes.length;
	gzipped += gzipSync(bytes, { level: 9 }).length;
}
console.log(`${seen.size} files, ${(raw / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
