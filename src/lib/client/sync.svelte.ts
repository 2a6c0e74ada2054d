import { getDb } from './db';
import { sendOutbox, type SyncReport } from './outbox';

/** Runs the outbox by itself (app open, network back) and on the sync button. */
class SyncState {
	running = $state(false);
	last = $state<SyncReport | undefined>();

	async run(): Promise<void> {
		if (this.running) return;
		this.running = true;
		try {
			this.last = await sendOutbox(getDb());
		} catch (error) {
			this.last = { status: 'failed', sent: 0, detail: error instanceof Error ? error.message : String(error) };
		} finally {
			this.running = false;
		}
	}

	/** Starts automatic sync; returns the function that stops it. */
	start(): () => void {
		const onOnline = () => void this.run();
		window.addEventListener('online', onOnline);
		if (navigator.onLine) void this.run();
		return () => window.removeEventListener('online', onOnline);
	}
}

export const sync = new SyncState();
