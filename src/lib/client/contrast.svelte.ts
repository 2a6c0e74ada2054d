/**
 * High contrast for work in sunlight: black on white, heavier text and borders. Kept per
 * device like the language; the page's root carries the `contrast` class the styles read.
 */
const STORAGE_KEY = 'tun.contrast';

class ContrastState {
	on = $state(globalThis.localStorage?.getItem(STORAGE_KEY) === '1');

	/** Puts the stored choice on the page (at start, once the document exists). */
	apply(): void {
		document.documentElement.classList.toggle('contrast', this.on);
	}

	set(on: boolean): void {
		this.on = on;
		localStorage.setItem(STORAGE_KEY, on ? '1' : '0');
		this.apply();
	}
}

export const contrast = new ContrastState();
