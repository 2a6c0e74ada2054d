/**
 * The validation worker: checks a batch body in a worker thread, so a large batch never
 * holds up the server's event loop (/api/health, other tablets, the admin pages). Built into
 * one self-contained file, build/validation-worker.js (vite.config.ts).
 */
import { findForm } from '$lib/forms';
import { checkBatchText, type CheckedBatch } from '../submissions';

export default function check(text: string): CheckedBatch {
	return checkBatchText(text, findForm);
}
