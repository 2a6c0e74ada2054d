import { connection as sharedConnection, type ConnectionState } from './connection.svelte';
import { getDb } from './db';
import type { SyncReport } from './outbox';
import { getAccount, getLastSync, listAccounts, setActive, type Account } from './settings';
import { attempt } from './errors.svelte';

export const MIN_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 5 * 60_000;

/** The wait before retry number `failures` (1, 2, …): doubling from 5 s to 5 min, ±20 % jitter. */
export function retryDelay(failures: number, random: () => number = Math.random): number {
	const base = Math.min(MAX_RETRY_MS, MIN_RETRY_MS * 2 ** Math.max(0, failures - 1));
	return Math.round(base * (0.8 + 0.4 * random()));
}

/** Whether a run ended so that it must be tried again by itself: the server was not reached, or it failed. */
export function needsRetry(report: SyncReport | undefined): boolean {
	return report?.status === 'unreachable' || report?.status === 'failed';
}

/**
 * Sends the outbox by itself (app opened, network back, a timer with backoff while the
 * server is not reached or fails) and on the sync button; keeps what the interface shows
 * about it, and tells `connection` what each run learned about the server. With nothing
 * to send a run still asks the server whether it answers, so a "no connection" banner
 * clears by itself once it does.
 */
export class SyncState {
	running = $state(false);
	last = $state<SyncReport | undefined>();
	progress = $state<{ done: number; total: number } | undefined>();
	lastSync = $state<string | undefined>();
	/** The active enumerator: the home screen shows theirs. */
	account = $state<Account | undefined>();
	/** Every enumerator set up on this tablet, in the order they came. */
	accounts = $state<Account[]>([]);
	private failures = 0;
	private timer: ReturnType<typeof setTimeout> | undefined;
	/** A run asked for while one was in progress (an interview finalized, the network back): done right after it. */
	private queued: { manual: boolean } | undefined;

	constructor(private readonly connection: ConnectionState = sharedConnection) {}

	async refresh(): Promise<void> {
		const db = getDb();
		[this.account, this.accounts, this.lastSync] = await Promise.all([getAccount(db), listAccounts(db), getLastSync(db)]);
	}

	/** Makes another of the tablet's enumerators the active one (the home screen's switch). */
	async switchTo(key: string): Promise<void> {
		await setActive(getDb(), key);
		await this.refresh();
	}

	async run(manual = false): Promise<void> {
		if (this.running) {
			this.queued = { manual: manual || (this.queued?.manual ?? false) };
			return;
		}
		this.running = true;
		clearTimeout(this.timer);
		let report: SyncReport;
		try {
			// Sending and downloading load after the first screen: they are not part of the first load.
			const { syncOutbox } = await import('./outbox');
			report = await syncOutbox(getDb(), {
				retryRejected: manual,
				onProgress: (done, total) => (this.progress = total ? { done, total } : undefined)
			});
			if (report.status === 'done') report = await this.downloadForms(report);
		} catch (error) {
			report = { status: 'failed', sent: 0, detail: error instanceof Error ? error.message : String(error) };
		}
		this.last = report;
		this.connection.learn(report);
		try {
			await this.refresh();
		} finally {
			this.running = false;
			this.progress = undefined;
		}
		const queued = this.queued;
		this.queued = undefined;
		if (queued) return this.run(queued.manual);
		this.schedule(report);
	}

	/**
	 * After the outbox, the form versions the device does not hold yet. A download that fails
	 * makes the run fail as a send would (so it is retried), keeping the count of what was sent.
	 */
	private async downloadForms(sent: Extract<SyncReport, { status: 'done' }>): Promise<SyncReport> {
		const db = getDb();
		const [active, accounts] = await Promise.all([getAccount(db), listAccounts(db)]);
		// The forms are the tablet's, whoever works: asked with the active enumerator's token, or another's still valid.
		const account = active && !active.revoked ? active : accounts.find((a) => !a.revoked);
		if (!account) return sent;
		const [{ downloadDeployment, downloadForms }, { reportDevice }] = await Promise.all([import('./forms'), import('./device-report')]);
		const forms = await downloadForms(db, account);
		// The settings the forms' texts cite (the consent's institution) come with them.
		const settings = forms.status === 'done' ? await downloadDeployment(db, account) : forms;
		// The desk learns how this tablet stands for each enumerator, after every sync that reached the server.
		if (settings.status === 'done') for (const each of accounts) if (!each.revoked) await reportDevice(db, each);
		if (settings.status === 'done') return sent;
		// Refused with this token: the account is marked revoked; the others' sending went on and goes on.
		if (settings.status === 'unauthorized')
			return { ...sent, revoked: [...(sent.revoked ?? []), { key: account.key, name: account.name }] };
		return { ...settings, sent: sent.sent };
	}

	/** Retries with backoff while the server is not reached or fails; nothing to do after success, revocation or no setup. */
	private schedule(report: SyncReport | undefined): void {
		clearTimeout(this.timer);
		if (needsRetry(report)) {
			this.failures++;
			this.timer = setTimeout(() => void attempt(() => this.run()), retryDelay(this.failures));
		} else this.failures = 0;
	}

	/**
	 * Starts automatic sync; returns the function that stops it. The first run waits for
	 * `firstRunAfter` (the layout: the first screen painted). The network back: the backoff
	 * starts over and a run starts at once.
	 */
	start(target: EventTarget = window, firstRunAfter: Promise<unknown> = Promise.resolve()): () => void {
		let stopped = false;
		const onOnline = () => {
			this.failures = 0;
			void attempt(() => this.run());
		};
		target.addEventListener('online', onOnline);
		void attempt(async () => {
			await this.refresh();
			await firstRunAfter;
			if (!stopped) await this.run();
		});
		return () => {
			stopped = true;
			target.removeEventListener('online', onOnline);
			clearTimeout(this.timer);
		};
	}
}

export const sync = new SyncState();
