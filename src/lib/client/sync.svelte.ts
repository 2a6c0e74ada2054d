import { getDb } from './db';
import { syncOutbox, type SyncReport } from './outbox';
import { getAccount, getLastSync, type Account } from './settings';

export const MIN_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 5 * 60_000;

/** The wait before retry number `failures` (1, 2, …): doubling from 5 s to 5 min, ±20 % jitter. */
export function retryDelay(failures: number, random: () => number = Math.random): number {
	const base = Math.min(MAX_RETRY_MS, MIN_RETRY_MS * 2 ** Math.max(0, failures - 1));
	return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Sends the outbox by itself (app opened, network back, a timer with backoff while
 * anything is waiting) and on the sync button; keeps what the interface shows about it.
 */
class SyncState {
	running = $state(false);
	last = $state<SyncReport | undefined>();
	progress = $state<{ done: number; total: number } | undefined>();
	lastSync = $state<string | undefined>();
	account = $state<Account | undefined>();
	private failures = 0;
	private timer: ReturnType<typeof setTimeout> | undefined;

	async refresh(): Promise<void> {
		const db = getDb();
		[this.account, this.lastSync] = await Promise.all([getAccount(db), getLastSync(db)]);
	}

	async run(manual = false): Promise<void> {
		if (this.running) return;
		this.running = true;
		clearTimeout(this.timer);
		const db = getDb();
		try {
			this.last = await syncOutbox(db, {
				retryRejected: manual,
				onProgress: (done, total) => (this.progress = total ? { done, total } : undefined)
			});
		} catch (error) {
			this.last = { status: 'failed', sent: 0, detail: error instanceof Error ? error.message : String(error) };
		} finally {
			this.running = false;
			this.progress = undefined;
			await this.refresh();
		}
		this.schedule(this.last);
	}

	/** Retries with backoff after a failure; nothing to do after success, revocation or no setup. */
	private schedule(report: SyncReport | undefined): void {
		if (report?.status === 'offline' || report?.status === 'failed') {
			this.failures++;
			this.timer = setTimeout(() => void this.run(), retryDelay(this.failures));
		} else this.failures = 0;
	}

	/** Starts automatic sync; returns the function that stops it. */
	start(): () => void {
		const onOnline = () => {
			this.failures = 0;
			void this.run();
		};
		window.addEventListener('online', onOnline);
		void this.refresh().then(() => this.run());
		return () => {
			window.removeEventListener('online', onOnline);
			clearTimeout(this.timer);
		};
	}
}

export const sync = new SyncState();
