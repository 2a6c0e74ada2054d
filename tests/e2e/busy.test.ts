/**
 * One enumerator token cannot stall the server: the largest, costliest batch the limits
 * allow (about two seconds of checking) is checked in a worker thread, and the server
 * answers other requests meanwhile.
 */
import { expect, test } from '@playwright/test';
import http from 'node:http';
import { worstCaseBatch } from '../../src/lib/forms/worst-case';
import { createEnumerator, uniqueName } from './helpers';

test('while the costliest batch within the limits is checked, /api/health answers first; the batch is then stored whole', async ({
	request,
	baseURL
}) => {
	const { body, items, ids } = worstCaseBatch();
	expect(items).toBeGreaterThan(10);
	expect(body.length).toBeLessThanOrEqual(5 * 1024 * 1024);
	const { token } = await createEnumerator(request, uniqueName('Busy'));
	const { port } = new URL(baseURL!);
	const answered: string[] = [];

	let sent!: () => void;
	const bodySent = new Promise<void>((resolve) => (sent = resolve));
	const batch = new Promise<{ status: number; text: string }>((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				method: 'POST',
				path: '/api/submissions',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () => {
					answered.push('batch');
					resolve({ status: res.statusCode ?? 0, text });
				});
			}
		);
		req.on('error', reject);
		req.end(body, () => sent());
	});

	// The whole batch is on the server's socket: now ask whether the server is alive.
	await bodySent;
	const health = await fetch(`${baseURL}/api/health`);
	answered.push('health');
	expect(health.status).toBe(200);

	const result = await batch;
	expect(result.status).toBe(200);
	expect(answered).toEqual(['health', 'batch']);
	const { results } = JSON.parse(result.text) as { results: { id: string; status: string }[] };
	expect(results).toEqual(ids.map((id) => ({ id, status: 'created' })));
});
