/**
 * Whether the browser keeps this device's data (persistent storage), how much space it uses,
 * and the warnings the home screen shows when the interviews are at risk: storage the browser
 * may clear, or finalized interviews that have not reached the server for days. What to warn
 * about is a pure decision (storageWarnings); the rest asks the browser, and answers
 * `undefined` where the browser has no such API. The home screen loads this module first:
 * what only the settings screen needs (usage and quota) is in storage-usage.ts.
 */
import type { Interview } from './db';

/** Finalized interviews unsent for longer than this earn a warning. */
export const UNSENT_WARNING_AFTER_MS = 3 * 24 * 3600_000;

export type StorageWarning = 'not_persistent' | 'old_unsent';

/**
 * The warnings to show: `not_persistent` when the browser said it may clear the data
 * (`persisted` false; unknown is no warning, nothing can be done about it), `old_unsent`
 * when the oldest finalized-but-unsent interview was finalized more than 3 days before `now`.
 */
export function storageWarnings(state: { persisted: boolean | undefined; oldestUnsent: string | undefined; now: Date }): StorageWarning[] {
	const warnings: StorageWarning[] = [];
	if (state.persisted === false) warnings.push('not_persistent');
	if (state.oldestUnsent !== undefined) {
		const age = state.now.getTime() - new Date(state.oldestUnsent).getTime();
		if (age > UNSENT_WARNING_AFTER_MS) warnings.push('old_unsent');
	}
	return warnings;
}

/** When the longest-waiting finalized interview was finalized (its finalizedAt, else its last change). */
export function oldestUnsent(interviews: readonly Interview[]): string | undefined {
	let oldest: string | undefined;
	for (const interview of interviews) {
		if (interview.status !== 'finalized') continue;
		const at = interview.finalizedAt ?? interview.updatedAt;
		if (oldest === undefined || new Date(at) < new Date(oldest)) oldest = at;
	}
	return oldest;
}

const storage = (): StorageManager | undefined => (typeof navigator === 'undefined' ? undefined : navigator.storage);

/** Whether the browser keeps the data whatever space it needs; undefined when it cannot say. */
export async function isPersisted(): Promise<boolean | undefined> {
	const manager = storage();
	if (typeof manager?.persisted !== 'function') return undefined;
	return manager.persisted().catch(() => undefined);
}

/** Asks the browser to keep the data (Chromium decides alone, from how much the site is used); its answer. */
export async function askPersist(): Promise<boolean | undefined> {
	const manager = storage();
	if (typeof manager?.persist !== 'function') return undefined;
	return manager.persist().catch(() => undefined);
}
