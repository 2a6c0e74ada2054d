/**
 * What the interface says about the connection. The browser's own belief
 * (`navigator.onLine` and its events) is not enough: it reads "online" behind a captive
 * Wi-Fi or when the server is down, and some Chromium builds keep it `true` for a page the
 * service worker served after the network went away. So the outcome of the sync's own
 * requests decides too.
 */
import type { SyncReport } from './outbox';

/**
 * `offline`: the browser says it has no network. `unreachable`: it says it has one, but the
 * last request to our server failed (see `reachOf`). `online`: neither of those; the
 * server answered, or nothing was asked of it yet.
 */
export type Connection = 'online' | 'offline' | 'unreachable';

/** What one sync learned about the server. */
export type Reach = 'reached' | 'unreachable';

/** What a sync's report says about reaching the server; undefined when it did not ask it (no setup). */
export function reachOf(report: SyncReport): Reach | undefined {
	switch (report.status) {
		case 'unreachable':
			return 'unreachable';
		case 'not_set_up':
			return undefined;
		default:
			// done, failed (the server answered with an error) and unauthorized (it answered 401).
			return 'reached';
	}
}

/** The browser's belief comes first: offline is offline. Online, the last request to the server decides. */
export function connectionOf(browserOnline: boolean, reach: Reach | undefined): Connection {
	if (!browserOnline) return 'offline';
	return reach === 'unreachable' ? 'unreachable' : 'online';
}

export class ConnectionState {
	browserOnline = $state(typeof navigator === 'undefined' || navigator.onLine !== false);
	reach = $state<Reach | undefined>();
	readonly current: Connection = $derived(connectionOf(this.browserOnline, this.reach));

	/** Takes in what a sync learned; a run that did not ask the server changes nothing. */
	learn(report: SyncReport): void {
		const reach = reachOf(report);
		if (reach) this.reach = reach;
	}

	/**
	 * Follows the browser's online and offline events. Back online, what was learned while
	 * the network was gone no longer holds: the sync that runs at once decides again.
	 */
	start(target: EventTarget = window): () => void {
		const onOnline = () => {
			this.browserOnline = true;
			this.reach = undefined;
		};
		const onOffline = () => (this.browserOnline = false);
		target.addEventListener('online', onOnline);
		target.addEventListener('offline', onOffline);
		this.browserOnline = navigator.onLine !== false;
		return () => {
			target.removeEventListener('online', onOnline);
			target.removeEventListener('offline', onOffline);
		};
	}
}

export const connection = new ConnectionState();
