import { liveQuery } from 'dexie';

/**
 * A Dexie query as reactive state: re-runs when the tables it read change.
 * `loaded` tells "no result yet" apart from a query that answered `undefined`. With `when`,
 * the query starts once it is true (reactive: a $derived or $state read in it).
 */
export function live<T>(query: () => Promise<T>, when: () => boolean = () => true) {
	const state = $state<{ current: T | undefined; loaded: boolean; error: unknown }>({
		current: undefined,
		loaded: false,
		error: undefined
	});
	$effect(() => {
		if (!when()) return;
		const subscription = liveQuery(query).subscribe({
			next: (value) => {
				state.current = value;
				state.loaded = true;
			},
			error: (error: unknown) => {
				state.error = error;
				state.loaded = true;
			}
		});
		return () => subscription.unsubscribe();
	});
	return state;
}
