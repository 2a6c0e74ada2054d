/**
 * The outbox: finalized interviews waiting for the server, sent in batches of up to 100,
 * oldest first. An interview leaves it only when the server answered `created` or
 * `duplicate` for it; a lost request or response changes nothing on the device, and the
 * next run sends the same content again (the server answers `duplicate`). Items the
 * server refuses (`invalid`, `conflict`) stay, marked with its reason, and do not hold
 * up the others; a 401 (token revoked) stops sending and keeps everything. On a shared
 * tablet each enumerator's interviews go with that enumerator's token, one enumerator after
 * another; a 401 stops only that enumerator's sending, and the others' still go. An interview
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
import { getAccount, listAccounts, markRevoked, setLastSync, type Account } from './settings';

/** Sends one batch; resolves with the HTTP response, rejects when the network fails. */
export type PostBatch = (submissions: Submission[]) => Promise<Response>;

/** An enumerator whose token the server refused: their interviews stay on the tablet. */
export interface RevokedAccount {
	key: string;
	name: string | null;
}

export type SyncReport =
	/** `revoked`: enumerators refused now or before whose interviews wait (the others' went). */
	| { status: 'done'; sent: number; rejected: number; revoked?: RevokedAccount[] }
	/** Not reached: the request failed, or an answer came from something in between (`detail`: "HTTP 502"). */
	| { status: 'unreachable'; sent: number; detail?: string }
	| { status: 'failed'; sent: number; detail: string }
	/** Every enumerator of the tablet is refused; `revoked`: those whose interviews wait. */
	| { status: 'unauthorized'; sent: number; revoked?: RevokedAccount[] }
	| { status: 'not_set_up' };

export interface SendOptions {
	/** Also resend interviews the server refused before (the sync button does: the server may know more now). */
	retryRejected?: boolean;
	onProgress?: (done: number, total: number) => void;
	/** Asks whether the server answers; used when there is nothing to send. */
	probe?: Probe;
	/** Only this enumerator's interviews, and a 401 marks only this token revoked. */
	account?: Pick<Account, 'key' | 'token'>;
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

export function postTo(account: Pick<Account, 'server' | 'token'> & Partial<Account>, fetcher: typeof fetch = fetch): PostBatch {
	return (submissions) =>
		fetcher(`${account.server}/api/submissions`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${account.token}` },
			body: JSON.stringify({ submissions })
		});
}

/** Finalized interviews waiting: the enumerator's (by account key), or all on the device. */
export function countWaiting(db: TunDatabase, enumerator?: string): Promise<number> {
	if (enumerator === undefined) return db.interviews.where('status').equals('finalized').count();
	return db.interviews.where('[enumerator+status]').equals([enumerator, 'finalized']).count();
}

async function waiting(db: TunDatabase, retryRejected: boolean, enumerator?: string): Promise<Interview[]> {
	const all =
		enumerator === undefined
			? await db.interviews.where('status').equals('finalized').sortBy('finalizedAt')
			: await db.interviews.where('[enumerator+status]').equals([enumerator, 'finalized']).sortBy('finalizedAt');
	return retryRejected ? all : all.filter((i) => !i.rejected);
}

/**
 * Sends every enumerator's interviews with that enumerator's token, one enumerator after
 * another, and probes the active one's server when nothing is waiting; `postFor` and
 * `options.probe` replace the network in tests. A 401 marks that account revoked and the
 * next enumerator goes on; the network or the server failing stops the run (it is retried).
 * A tablet not set up has no server to ask (its setup link names one): nothing is sent.
 */
export async function syncOutbox(
	db: TunDatabase,
	options: SendOptions = {},
	postFor: (account: Account) => PostBatch = (account) => postTo(account)
): Promise<SyncReport> {
	const [accounts, active] = await Promise.all([listAccounts(db), getAccount(db)]);
	if (!accounts.length || !active) return { status: 'not_set_up' };
	const retry = options.retryRejected ?? false;
	const queues = await Promise.all(accounts.map((a) => waiting(db, retry, a.key)));
	const usable = accounts.filter((a) => !a.revoked);
	const refused = (a: Account) => ({ key: a.key, name: a.name });
	const revoked = accounts.filter((a, i) => a.revoked && queues[i].length).map(refused);
	const total = accounts.reduce((n, a, i) => (a.revoked ? n : n + queues[i].length), 0);
	if (!usable.length) return { status: 'unauthorized', sent: 0, ...(revoked.length ? { revoked } : {}) };
	if (!total) {
		const probe = options.probe ?? probeHealth((active.revoked ? usable[0] : active).server);
		const report = await probe();
		return report.status === 'done' && revoked.length ? { ...report, revoked } : report;
	}
	let sent = 0;
	let rejected = 0;
	let before = 0;
	for (const [i, account] of accounts.entries()) {
		if (account.revoked || !queues[i].length) continue;
		const onProgress = (done: number) => options.onProgress?.(before + done, total);
		const report = await sendQueue(db, queues[i], postFor(account), { ...options, onProgress, account });
		before += queues[i].length;
		sent += report.sent;
		if (report.status === 'unauthorized') revoked.push(refused(account));
		else if (report.status === 'done') rejected += report.rejected;
		else return { ...report, sent };
	}
	if (usable.every((a) => revoked.some((r) => r.key === a.key))) return { status: 'unauthorized', sent, revoked };
	return { status: 'done', sent, rejected, ...(revoked.length ? { revoked } : {}) };
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

/** Sends the outbox (of `options.account` only, when given) with `post`; probes with `options.probe` when nothing waits. */
export async function sendOutbox(db: TunDatabase, post: PostBatch, options: SendOptions = {}): Promise<SyncReport> {
	const queue = await waiting(db, options.retryRejected ?? false, options.account?.key);
	if (!queue.length && options.probe) return options.probe();
	return sendQueue(db, queue, post, options);
}

async function sendQueue(
	db: TunDatabase,
	queue: Interview[],
	post: PostBatch,
	options: SendOptions
): Promise<Exclude<SyncReport, { status: 'not_set_up' }>> {
	let sent = 0;
	let rejected = 0;
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
			if (options.account) await markRevoked(db, options.account.token);
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
