/**
 * The outbox: finalized interviews waiting for the server. An interview leaves it only
 * when the server answered `created` or `duplicate` for it; a lost request or response
 * changes nothing on the device, and the next run sends the same content again (the
 * server answers `duplicate`). Refused items stay, marked with the server's reason.
 */
import { batchResultSchema, MAX_BATCH, type Submission } from '$lib/wire';
import type { TunDatabase } from './db';
import { toSubmission } from './interviews';

/** Sends one batch; resolves with the HTTP response, rejects when the network fails. */
export type PostBatch = (submissions: Submission[]) => Promise<Response>;

export type SyncReport =
	| { status: 'done'; sent: number; rejected: number }
	| { status: 'offline'; sent: number }
	| { status: 'failed'; sent: number; detail: string };

export const postToServer: PostBatch = (submissions) =>
	fetch('/api/submissions', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ submissions })
	});

export function countWaiting(db: TunDatabase): Promise<number> {
	return db.interviews.where('status').equals('finalized').count();
}

export async function sendOutbox(db: TunDatabase, post: PostBatch = postToServer): Promise<SyncReport> {
	const waiting = await db.interviews.where('status').equals('finalized').sortBy('finalizedAt');
	let sent = 0;
	let rejected = 0;
	for (let start = 0; start < waiting.length; start += MAX_BATCH) {
		const batch = waiting.slice(start, start + MAX_BATCH).map(toSubmission);
		let response: Response;
		try {
			response = await post(batch);
		} catch {
			return { status: 'offline', sent };
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
					await db.interviews.update(result.id, {
						rejected: { status: result.status, errors: result.errors ?? [] }
					});
					rejected++;
				}
			}
		});
	}
	return { status: 'done', sent, rejected };
}
