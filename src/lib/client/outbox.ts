/**
 * The outbox: finalized interviews waiting for the server, sent in batches of up to 100,
 * oldest first. An interview leaves it only when the server answered `created` or
 * `duplicate` for it; a lost request or response changes nothing on the device, and the
 * next run sends the same content again (the server answers `duplicate`). Items the
 * server refuses (`invalid`, `conflict`) stay, marked with its reason, and do not hold
 * up the others; a 401 (token revoked) stops sending and keeps everything.
 */
import { batchResultSchema, MAX_BATCH, type Submission } from '$lib/wire';
import type { Interview, TunDatabase } from './db';
import { toSubmission } from './interviews';
import { getAccount, markRevoked, setLastSync, type Account } from './settings';

/** Sends one batch; resolves with the HTTP response, rejects when the network fails. */
export type PostBatch = (submissions: Submission[]) => Promise<Response>;

export type SyncReport =
	| { status: 'done'; sent: number; rejected: number }
	| { status: 'offline'; sent: number }
	| { status: 'failed'; sent: number; detail: string }
	| { status: 'unauthorized'; sent: number }
	| { status: 'not_set_up' };

export interface SendOptions {
	/** Also resend interviews the server refused before (the sync button does: the server may know more now). */
	retryRejected?: boolean;
	onProgress?: (done: number, total: number) => void;
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
export async function syncOutbox(db: TunDatabase, options: SendOptions = {}, post?: PostBatch): Promise<SyncReport> {
	const account = await getAccount(db);
	if (!account) return { status: 'not_set_up' };
	if (account.revoked) return { status: 'unauthorized', sent: 0 };
	return sendOutbox(db, post ?? postTo(account), options);
}

export async function sendOutbox(db: TunDatabase, post: PostBatch, options: SendOptions = {}): Promise<SyncReport> {
	const queue = await waiting(db, options.retryRejected ?? false);
	let sent = 0;
	let rejected = 0;
	options.onProgress?.(0, queue.length);
	for (let start = 0; start < queue.length; start += MAX_BATCH) {
		const batch = queue.slice(start, start + MAX_BATCH).map(toSubmission);
		let response: Response;
		try {
			response = await post(batch);
		} catch {
			return { status: 'offline', sent };
		}
		if (response.status === 401) {
			await markRevoked(db);
			return { status: 'unauthorized', sent };
		}
		if (!response.ok) return { status: 'failed', sent, detail: `HTTP ${response.status}` };
		const parsed = batchResultSchema.safeParse(await response.json().catch(() => null));
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
		options.onProgress?.(Math.min(start + MAX_BATCH, queue.length), queue.length);
	}
	if (queue.length) await setLastSync(db, new Date().toISOString());
	return { status: 'done', sent, rejected };
}
