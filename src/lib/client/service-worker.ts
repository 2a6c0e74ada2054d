import { Workbox } from 'workbox-window';
import { reportError } from './errors.svelte';

/**
 * Registers the service worker that keeps the app shell for offline use. A new version
 * waits until the interviewer chooses to update (answers are already in IndexedDB, so
 * the reload that follows loses nothing); `onUpdate` receives the function that applies it.
 */
export function registerServiceWorker(onUpdate: (apply: () => void) => void): void {
	if (!('serviceWorker' in navigator)) return;
	const wb = new Workbox('/service-worker.js');
	wb.addEventListener('waiting', () => {
		onUpdate(() => {
			wb.addEventListener('controlling', () => window.location.reload());
			wb.messageSkipWaiting();
		});
	});
	wb.register().catch((error: unknown) => reportError(error, 'failed_offline_setup'));
}
