/**
 * One error path for what the interface fires and does not wait for: the cause is logged
 * for whoever reads the console, and the interviewer sees what failed in their own
 * language (the layout shows it with role="alert") until they close it or the next
 * failure replaces it.
 */
import type { MessageKey } from '$lib/i18n';

class ShownError {
	/** What failed, as a message key: the text follows the interface language. */
	key = $state<MessageKey | undefined>();
}

export const shownError = new ShownError();

/** "Name: message" of an error and of the errors it wraps (Dexie's `inner`, `cause`). */
function describe(error: unknown): string {
	const parts: string[] = [];
	let current = error;
	for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
		parts.push(current instanceof Error ? `${current.name}: ${current.message}` : String(current));
		const wrapped = current as { inner?: unknown; cause?: unknown };
		current = wrapped.inner ?? wrapped.cause;
	}
	return parts.join(' ← ');
}

/** Logs the cause (the error itself too, for a console that can open it) and shows `message` to the interviewer. */
export function reportError(error: unknown, message: MessageKey): void {
	console.error(`tun: ${message}: ${describe(error)}`, error);
	shownError.key = message;
}

export function dismissError(): void {
	shownError.key = undefined;
}

/**
 * Runs an action the interface fires (a click, a page opening) at once, so an event
 * handler's preventDefault() still counts; a failure, thrown or rejected, goes to
 * reportError. The promise returned never rejects.
 */
export function attempt(action: () => unknown, message: MessageKey = 'failed_action'): Promise<void> {
	let result: unknown;
	try {
		result = action();
	} catch (error) {
		reportError(error, message);
		return Promise.resolve();
	}
	return Promise.resolve(result).then(
		() => undefined,
		(error: unknown) => reportError(error, message)
	);
}
