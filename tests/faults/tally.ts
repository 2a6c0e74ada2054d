/**
 * What the fault runs saw, over all runs of the invocation: the item results the device got,
 * the outcomes of sendOutbox, where the time went; printed as one summary line at the end.
 */
import { batchResultSchema } from '$lib/wire';
import type { FaultyProxy } from './proxy';

export const tally = {
	/** The item results of every answer the device read. */
	items: { created: 0, duplicate: 0, conflict: 0, invalid: 0 },
	/** sendOutbox's report statuses. */
	reports: {} as Record<string, number>,
	/** The most sendOutbox calls one run needed. */
	attemptsMax: 0,
	/** Milliseconds making interviews on the device, syncing, checking. */
	time: { device: 0, sync: 0, check: 0 }
};

/** Node's fetch, counting the item results of every answer the device gets. */
export const countingFetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
	const response = await fetch(input, init);
	if (response.ok) {
		const parsed = batchResultSchema.safeParse(
			await response
				.clone()
				.json()
				.catch(() => null)
		);
		if (parsed.success) for (const r of parsed.data.results) tally.items[r.status]++;
	}
	return response;
}) as typeof fetch;

const seconds = (ms: number) => (ms / 1000).toFixed(1);

export function summary(runs: number, ms: number, proxy: FaultyProxy | undefined, restarts: number | undefined): string {
	const { items, reports, attemptsMax, time } = tally;
	return (
		`fault runs: ${runs} in ${seconds(ms)} s; requests by fault ${JSON.stringify(proxy?.counts)}; ` +
		`server restarts ${restarts} (batch committed before the kill: ${proxy?.restartCommitted}, not: ${proxy?.restartLost}, nothing new in it: ${proxy?.restartNothingNew}); ` +
		`items ${JSON.stringify(items)}; sendOutbox reports ${JSON.stringify(reports)}; most sendOutbox calls in a run: ${attemptsMax}; ` +
		`seconds making interviews ${seconds(time.device)}, syncing ${seconds(time.sync)}, checking ${seconds(time.check)}`
	);
}
