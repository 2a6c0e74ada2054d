// A port nobody listens on right now (the OS picks it): the one helper the test support
// (tests/support/server.ts) and the plain node scripts (scripts/postgres.mjs) share.
import { createServer } from 'node:net';

/** @returns {Promise<number>} */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}
