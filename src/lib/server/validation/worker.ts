/**
 * The validation worker: checks a batch body in a worker thread, so a large batch never
 * holds up the server's event loop (/api/health, other tablets, the admin pages). Built into
 * one self-contained file, build/validation-worker.js (vite.config.ts). The forms come from
 * the main thread (task.ts); this thread keeps the ones it has compiled.
 */
import { createChecker } from './task';

export default createChecker();
