// Serves the built app and API: `node scripts/serve.mjs [build directory]` (default build/).
// The one way the built server runs, in production (npm start) and in every test that starts it.
// adapter-node's handler does the work and reads its own variables (ORIGIN, PROTOCOL_HEADER,
// HOST_HEADER, PORT_HEADER, ADDRESS_HEADER, XFF_DEPTH, BODY_SIZE_LIMIT); this wraps it so that
// every response, prerendered pages and static files included, carries the security headers
// (it answers those before any SvelteKit hook runs).
import http from 'node:http';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { contentSecurityPolicy, inlineScriptHashes, responseHeaders } from './headers.mjs';

const runDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
const dir = resolve((runDirectly && process.argv[2]) || fileURLToPath(new URL('../build', import.meta.url)));
const host = process.env.HOST || '0.0.0.0';
const port = Number(process.env.PORT || 3000);
const shutdownSeconds = Number(process.env.SHUTDOWN_TIMEOUT || 30);

// adapter-node refuses bodies over 512 KB by default. Each route caps its own body and answers 413
// above it (sync 5 MB, a backup import 100 MB: src/lib/server/body.ts); this only has to let the
// largest of them through, so the route's own limit is what decides.
process.env.BODY_SIZE_LIMIT ||= '101M';

if (!process.env.ORIGIN) {
	console.warn(
		'Tun: ORIGIN is not set, so the server takes its own address from each request (the Host header, over plain\n' +
			'  http unless PROTOCOL_HEADER says otherwise). That address goes into the setup links handed to tablets,\n' +
			'  decides whether the admin cookie is Secure, and is the Origin that admin changes must come from.\n' +
			'  Set it to the address tablets use, e.g. ORIGIN=https://survey.example.org npm start\n' +
			'  (on a local network without TLS: ORIGIN=http://192.168.1.10:3000 npm start).'
	);
}

/** @type {{ handler: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void }} */
const { handler } = await import(pathToFileURL(join(dir, 'handler.js')).href);
const policy = contentSecurityPolicy(inlineScriptHashes(join(dir, 'prerendered')));

const server = http.createServer((req, res) => {
	let pathname;
	try {
		pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
	} catch {
		// a malformed path: the handler answers it; the stricter headers apply
		pathname = '/api/';
	}
	// Set before the handler: it and sirv add their own headers next to these (the handler's
	// own Cache-Control or Content-Security-Policy, for a page SvelteKit renders, replaces ours).
	for (const [name, value] of Object.entries(responseHeaders(pathname, policy))) res.setHeader(name, value);
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

server.listen(port, host, () => {
	const address = server.address();
	const shown =
		typeof address === 'object' && address
			? `${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`
			: `${host}:${port}`;
	console.log(`Listening on http://${shown}`);
});

/** Stops taking requests, lets the ones under way finish (at most SHUTDOWN_TIMEOUT seconds), then exits. */
let stopping = false;
function shutdown(reason) {
	if (stopping) return;
	stopping = true;
	server.closeIdleConnections();
	server.close(() => {
		// @ts-expect-error adapter-node's event, for hooks that close what they opened
		process.emit('sveltekit:shutdown', reason);
		process.exit(0);
	});
	setTimeout(() => server.closeAllConnections(), shutdownSeconds * 1000).unref();
}
server.on('request', (req) => {
	req.on('close', () => {
		if (stopping) server.closeIdleConnections();
	});
});
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
