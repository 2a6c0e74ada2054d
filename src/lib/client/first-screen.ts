/**
 * When the first screen of a page load has drawn what it reads from IndexedDB (the home
 * screen its lists, an interview its first screen): work that screen does not need (sync's
 * first run, which reads every waiting interview and asks the server) starts after it,
 * instead of competing with it for IndexedDB and the main thread. A page that never says so
 * (settings, setup) lets that work start after FIRST_SCREEN_WAIT_MS.
 */
export const FIRST_SCREEN_WAIT_MS = 1_000;

let shown: () => void = () => {};
const drawn = new Promise<void>((resolve) => (shown = resolve));

/** The page's first screen is in the DOM: what waits starts once the browser has painted it. */
export function firstScreenShown(): void {
	if (told) return;
	told = true;
	// After the next frame (the one that paints it), in a task of its own.
	if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(shown));
	else shown();
}
let told = false;

/** Resolves once the first screen has painted, or FIRST_SCREEN_WAIT_MS after the call, whichever comes first. */
export function afterFirstScreen(): Promise<void> {
	return Promise.race([drawn, new Promise<void>((resolve) => setTimeout(resolve, FIRST_SCREEN_WAIT_MS))]);
}
