/** Whether the browser believes it has a network, kept current by its events. */
class OnlineState {
	current = $state(typeof navigator === 'undefined' ? true : navigator.onLine);

	start(): () => void {
		const update = () => (this.current = navigator.onLine);
		window.addEventListener('online', update);
		window.addEventListener('offline', update);
		update();
		return () => {
			window.removeEventListener('online', update);
			window.removeEventListener('offline', update);
		};
	}
}

export const online = new OnlineState();
