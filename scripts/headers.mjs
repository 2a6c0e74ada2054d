// The headers every response of the built server carries (scripts/serve.mjs sets them), and
// the Content-Security-Policy that svelte.config.js hands to SvelteKit for the pages it renders.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * In SvelteKit's form (keywords unquoted). No 'unsafe-eval', no inline scripts but the ones
 * whose hashes are listed; inline styles are allowed because Svelte writes style attributes.
 * @type {import('@sveltejs/kit').CspDirectives}
 */
export const cspDirectives = {
	'default-src': ['self'],
	'script-src': ['self'],
	'style-src': ['self', 'unsafe-inline'],
	'img-src': ['self', 'data:', 'blob:'],
	'font-src': ['self'],
	'connect-src': ['self'],
	'worker-src': ['self'],
	'manifest-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self'],
	// Only a header can carry this one: SvelteKit leaves it out of the <meta> of prerendered pages.
	'frame-ancestors': ['none']
};

const keywords = new Set(['self', 'none', 'unsafe-inline', 'strict-dynamic']);

/** The policy as a header value, with the hashes (`sha256-…`) of the inline scripts allowed. */
export function contentSecurityPolicy(scriptHashes = []) {
	return Object.entries(cspDirectives)
		.map(([name, sources]) => {
			const all = name === 'script-src' ? [...(sources ?? []), ...scriptHashes] : (sources ?? []);
			const quoted = all.map((s) => (keywords.has(s) || s.startsWith('sha256-') ? `'${s}'` : s));
			return [name, ...quoted].join(' ');
		})
		.join('; ');
}

/**
 * The hashes of the inline scripts (SvelteKit's start-up script) of every prerendered page
 * under `dir`. adapter-node serves these files as they are, so the header must allow them.
 */
export function inlineScriptHashes(dir) {
	const hashes = new Set();
	let entries;
	try {
		entries = readdirSync(dir, { recursive: true, withFileTypes: true });
	} catch {
		return [];
	}
	for (const entry of entries) {
		if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
		const html = readFileSync(join(entry.parentPath, entry.name), 'utf8');
		for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
			if (/\bsrc\s*=/i.test(attributes) || /\btype\s*=\s*["']?application\/(ld\+)?json/i.test(attributes)) continue;
			hashes.add(`sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}`);
		}
	}
	return [...hashes].sort();
}

/**
 * The headers for a request to `pathname`. API answers carry tokens and survey data: never
 * stored by a browser or a proxy. `/api/health` says only that the server is up.
 */
export function responseHeaders(pathname, policy) {
	const headers = {
		'content-security-policy': policy,
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'no-referrer'
	};
	if (pathname.startsWith('/api/') && pathname !== '/api/health') headers['cache-control'] = 'no-store';
	return headers;
}
