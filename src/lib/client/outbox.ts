/**
 * The outbox: finalized interviews waiting for the server, sent in batches of up to 100,
 * oldest first. An interview leaves it only when the server answered `created` or
 * `duplicate` for it; a lost request or response changes nothing on the device, and the
 * next run sends the same content again (the server answers `duplicate`). Items the
 * server refuses (`invalid`, `conflict`) stay, marked with its reason, and do not hold
 * up the others; a 401 (token revoked) stops sending and keeps everything. An interview
 * with no final answers (it should not happen) is not sent at all: it is marked
 * `unsendable` the same way, and the others go on.
 *
 * A run also tells whether the server can be reached: `unreachable` when the request
 * failed at the network level (no network, captive Wi-Fi, the server down) or when
 * something in between answered for the server (see `NOT_THE_SERVER`). With nothing to
 * send, it asks the server's `/api/health` instead, so the tablet still learns it.
 */
import { batchResultSchema, healthSchema, MAX_BATCH, type Submission } from '$lib/wire';
import type { Interview, TunDatabase } from './db';
import { toSubmission, UnsendableError } from './interviews';
import { getAccount, markRevoked, setLastSync, type Account } from './settings';

/** Sends one batch; resolves with the HTTP response, rejects when the network fails. */
export type PostBatch = (submissions: Submission[]) => Promise<Response>;

export type SyncReport =
	| { status: 'done'; sent: number; rejected: number }
	/** Not reached: the request failed, or an answer came from something in between (`detail`: "HTTP 502"). */
	| { status: 'unreachable'; sent: number; detail?: string }
	| { status: 'failed'; sent: number; detail: string }
	| { status: 'unauthorized'; sent: number }
	| { status: 'not_set_up' };

export interface SendOptions {
	/** Also resend interviews the server refused before (the sync button does: the server may know more now). */
	retryRejected?: boolean;
	onProgress?: (done: number, total: number) => void;
	/** Asks whether the server answers; used when there is nothing to send. */
	probe?: Probe;
}

/** Asks the server whether it answers, classified as a send would be: done, unreachable or failed, with nothing sent. */
export type Probe = () => Promise<SyncReport>;

/**
 * Statuses that come from something between the tablet and our server rather than from
 * the server: a proxy that cannot reach it (502 Bad Gateway, 504 Gateway Timeout), a
 * server down for maintenance or overloaded (503), a captive portal (511). The request was
 * not handled, so to the interviewer the server is not reachable; the outbox retries.
 */
export const NOT_THE_SERVER: readonly number[] = [502, 503, 504, 511];

/** A probe waits this long at most: a captive portal or a dead link may never answer. */
export const PROBE_TIMEOUT_MS = 10_000;

/**
 * Asks `GET <server>/api/health`. Only the server's own `{"ok":true}` is `done`: a captive
 * portal answers 200 with its page, which is `unreachable` like a failed request or a
 * gateway's answer; any other error status is the server's own (`failed`).
 */
export function probeHealth(server: string, fetcher: typeof fetch = fetch, timeoutMs = PROBE_TIMEOUT_MS): Probe {
	return async () => {
		let response: Response;
		try {
			response = await fetcher(`${server}/api/health`, { cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
		} catch {
			return { status: 'unreachable', sent: 0 };
		}
		const detail = `HTTP ${response.status}`;
		if (NOT_THE_SERVER.includes(response.status)) return { status: 'unreachable', sent: 0, detail };
		if (!response.ok) return { status: 'failed', sent: 0, detail };
		// A captive portal answers 200 with its own page: only the server's own answer counts.
		if (!healthSchema.safeParse(await response.json().catch(() => null)).success)
			return { status: 'unreachable', sent: 0, detail: 'unreadable answer' };
		return { status: 'done', sent: 0, rejected: 0 };
	};
}

export function postTo(account: Account, fetcher: typeof fetch = fetch): PostBatch {
	return (submissions) =>
		fetcher(`${account.server}/api/submissions`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${account.token}` },
			body: JSON.stringify({ submissions })
		});
}

export function countWaiting(db: TunDatabase): Promise<number> {
	return db.interviews.where('status').equals('finalized').count();
}

async function waiting(db: TunDatabase, retryRejected: boolean): Promise<Interview[]> {
	const all = await db.interviews.where('status').equals('finalized').sortBy('finalizedAt');
	return retryRejected ? all : all.filter((i) => !i.rejected);
}

/** Sends with the tablet's own account; `post` replaces the network in tests. */
/**
 * Sends with the tablet's own account, probing its server when nothing is waiting; `post`
 * and `options.probe` replace the network in tests. A tablet not set up has no server to
 * ask (its setup link names one), so nothing is sent and nothing probed.
 */
export async function syncOutbox(db: TunDatabase, options: SendOptions = {}, post?: PostBatch): Promise<SyncReport> {
	const account = await getAccount(db);
	if (!account) return { status: 'not_set_up' };
	if (account.revoked) return { status: 'unauthorized', sent: 0 };
	return sendOutbox(db, post ?? postTo(account), { ...options, probe: options.probe ?? probeHealth(account.server) });
}

/** Interviews the device cannot send stay, marked with why, as a server refusal would mark them. */
async function markUnsendable(db: TunDatabase, ids: string[]): Promise<void> {
	const rejected = { status: 'unsendable' as const, errors: [] };
	await db.transaction('rw', db.interviews, async () => {
		for (const id of ids) await db.interviews.update(id, { rejected });
	});
}

/** What one request may carry, in bytes of JSON: well under the server's 5 MB, for the envelope and headroom. */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/**
 * The outbox in requests: in order, at most MAX_BATCH interviews and MAX_BATCH_BYTES each,
 * so interviews with long audit logs never add up to a body the server must refuse (413).
 */
export function* batches(submissions: readonly Submission[], maxBytes = MAX_BATCH_BYTES): Generator<Submission[]> {
	const encoder = new TextEncoder();
	let batch: Submission[] = [];
	let bytes = 0;
	for (const submission of submissions) {
		const size = encoder.encode(JSON.stringify(submission)).length + 1;
		if (batch.length && (batch.length >= MAX_BATCH || bytes + size > maxBytes)) {
			yield batch;
			batch = [];
			bytes = 0;
		}
		batch.push(submission);
		bytes += size;
	}
	if (batch.length) yield batch;
}

export async function sendOutbox(db: TunDatabase, post: PostBatch, options: SendOptions = {}): Promise<SyncReport> {
	const queue = await waiting(db, options.retryRejected ?? false);
	let sent = 0;
	let rejected = 0;
	if (!queue.length && options.probe) return options.probe();
	options.onProgress?.(0, queue.length);
	const submissions: Submission[] = [];
	const unsendable: string[] = [];
	for (const interview of queue) {
		try {
			submissions.push(toSubmission(interview));
		} catch (error) {
			if (!(error instanceof UnsendableError)) throw error;
			console.error(error);
			unsendable.push(interview.id);
		}
	}
	if (unsendable.length) {
		await markUnsendable(db, unsendable);
		rejected += unsendable.length;
	}
	let done = unsendable.length;
	if (done) options.onProgress?.(done, queue.length);
	for (const batch of batches(submissions)) {
		let response: Response;
		try {
			response = await post(batch);
		} catch {
			return { status: 'unreachable', sent };
		}
		if (response.status === 401) {
			await markRevoked(db);
			return { status: 'unauthorized', sent };
		}
		if (NOT_THE_SERVER.includes(response.status)) return { status: 'unreachable', sent, detail: `HTTP ${response.status}` };
		if (!response.ok) return { status: 'failed', sent, detail: `HTTP ${response.status}` };
		const json: unknown = await response.json().catch(() => undefined);
		// Not JSON at all: not our server's answer (a captive portal's page, say).
		if (json === undefined) return { status: 'unreachable', sent, detail: 'unreadable answer' };
		const parsed = batchResultSchema.safeParse(json);
		if (!parsed.success) return { status: 'failed', sent, detail: 'unreadable answer' };
		const now = new Date().toISOString();
		await db.transaction('rw', db.interviews, async () => {
			for (const result of parsed.data.results) {
				if (result.id === null || !batch.some((s) => s.id === result.id)) continue;
				if (result.status === 'created' || result.status === 'duplicate') {
					await db.interviews.update(result.id, { status: 'sent', sentAt: now, rejected: undefined });
					sent++;
				} else {
					await db.interviews.update(result.id, { rejected: { status: result.status, errors: result.errors ?? [] } });
					rejected++;
				}
			}
		});
		done += batch.length;
		options.onProgress?.(done, queue.length);
	}
	if (queue.length) await setLastSync(db, new Date().toISOString());
	return { status: 'done', sent, rejected };
}
