import { Workbox } from 'workbox-window';
import { reportError } from './errors.svelte';

/**
 * Registers the service worker that keeps the app shell for offline use. A new version
 * downloads in the background and waits until the interviewer chooses to update (answers
 * are already in IndexedDB, so the reload that follows loses nothing); `onUpdate` receives
 * the function that applies it. Answers the function that looks for a new version now:
 * a tablet that stays on one page for days never navigates, so the browser would not look.
 */
export function registerServiceWorker(onUpdate: (apply: () => void) => void): () => void {
	if (!('serviceWorker' in navigator)) return () => {};
	const wb = new Workbox('/service-worker.js');
	wb.addEventListener('waiting', () => {
		onUpdate(() => {
			wb.addEventListener('controlling', () => window.location.reload());
			wb.messageSkipWaiting();
		});
	});
	const registered = wb.register().catch((error: unknown) => reportError(error, 'failed_offline_setup'));
	return () => {
		void registered
			.then((registration) => registration && wb.update())
			.catch(() => {
				// Not reached: the next sync that reaches the server looks again.
			});
	};
}
