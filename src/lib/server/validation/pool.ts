/**
 * Where batches are checked: a small pool of worker threads (piscina) running
 * validation-worker.js, so the event loop stays free while the engine checks up to 100
 * interviews (about 10 ms each for a full household). The queue is bounded: past it a
 * request is told to come back (503, Retry-After). From the TypeScript sources (vitest,
 * vite dev) there is no built worker file, and checking runs in the calling thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Piscina from 'piscina';
import { findForm } from '$lib/forms';
import { checkBatchText, type CheckedBatch } from '../submissions';

export const WORKER_FILE = 'validation-worker.js';
/** Batches waiting for a thread, at most, before the server answers "busy". */
export const MAX_QUEUED_BATCHES = 16;

export class ValidationBusy extends Error {}

/**
 * The built worker: in the folder of this chunk or one above it (build/server/chunks/…/x.js
 * → build/validation-worker.js). From the TypeScript sources there is none, by design.
 */
function findWorker(): string | undefined {
	const here = fileURLToPath(import.meta.url);
	if (here.endsWith('.ts')) return undefined;
	for (let dir = dirname(here); ; dir = dirname(dir)) {
		const file = join(dir, WORKER_FILE);
		if (existsSync(file)) return file;
		if (dirname(dir) === dir) break;
	}
	console.warn(`Tun: ${WORKER_FILE} is missing from the build: submissions are checked on the main thread (rebuild with npm run build)`);
	return undefined;
}

let pool: Piscina | null | undefined;

function getPool(): Piscina | null {
	if (pool !== undefined) return pool;
	const filename = findWorker();
	const threads = Math.max(1, Math.min(4, availableParallelism() - 1));
	pool = filename ? new Piscina({ filename, minThreads: 1, maxThreads: threads, maxQueue: MAX_QUEUED_BATCHES, idleTimeout: 60_000 }) : null;
	return pool;
}

/** Where checking runs: 'worker' in a build, 'inline' from the sources. */
export const validationMode = (): 'worker' | 'inline' => (getPool() ? 'worker' : 'inline');

/** Checks a batch body's text off the event loop; rejects with ValidationBusy when the queue is full. */
export async function checkBatchOffThread(text: string): Promise<CheckedBatch> {
	const workers = getPool();
	if (!workers) return checkBatchText(text, findForm);
	if (workers.queueSize >= MAX_QUEUED_BATCHES) throw new ValidationBusy('validation queue full');
	return (await workers.run(text)) as CheckedBatch;
}
