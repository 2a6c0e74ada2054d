/**
 * Where batches are checked: a small pool of worker threads (piscina) running
 * validation-worker.js, so the event loop stays free while the engine checks up to 100
 * interviews (about 10 ms each for a full household). The queue is bounded: past it a
 * request is told to come back (503, Retry-After). From the TypeScript sources (vitest,
 * vite dev) there is no built worker file, and checking runs in the calling thread, by the
 * same protocol (task.ts): a thread that lacks a version the batch names asks for it, and
 * the task runs again with the definitions the registry (memory, then the store) has.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Piscina from 'piscina';
import type { CheckedBatch } from '../submissions';
import { createChecker, type CheckTask, type FormRef, type FormText, type TaskResult } from './task';

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

let inline: ((task: CheckTask) => TaskResult) | undefined;

/** Looks up definitions by id and version: the text as published, or null when nobody published it. */
export type LookUpForms = (refs: FormRef[]) => Promise<FormText[]>;

/**
 * Checks a batch body's text off the event loop; rejects with ValidationBusy when the queue
 * is full. `lookUp` answers a thread that lacks some of the versions the batch names.
 */
export async function checkBatchOffThread(text: string, lookUp: LookUpForms): Promise<CheckedBatch> {
	const workers = getPool();
	const run = async (task: CheckTask): Promise<TaskResult> => {
		if (!workers) return (inline ??= createChecker())(task);
		if (workers.queueSize >= MAX_QUEUED_BATCHES) throw new ValidationBusy('validation queue full');
		return (await workers.run(task)) as TaskResult;
	};
	const first = await run({ text });
	if (!('needs' in first)) return first;
	// The second run carries every version the batch names: whichever thread takes it has what it needs.
	const again = await run({ text, definitions: await lookUp(first.needs) });
	if ('needs' in again) throw new Error('a validation thread asked again for forms it was given');
	return again;
}
