/**
 * Who hears of the engine's changes: listeners called once after each change is done, a
 * change made inside another (a new entry's defaults, a draw) counted as part of it.
 */
export class Changes {
	private readonly listeners = new Set<() => void>();
	/** Changes under way, one inside another; listeners hear of the outermost. */
	private depth = 0;
	/** Set by a change that changed something; a call that changed nothing is not heard of. */
	changed = false;

	/** Calls `listener` after every change; returns the call that stops it. */
	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => void this.listeners.delete(listener);
	}

	/** Runs a change; when it (or a change it made) changed something, the listeners hear of it once, after it. */
	run<T>(change: () => T): T {
		this.depth++;
		try {
			return change();
		} finally {
			if (--this.depth === 0 && this.changed) {
				this.changed = false;
				for (const listener of [...this.listeners]) listener();
			}
		}
	}
}
