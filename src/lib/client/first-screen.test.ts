/** What waits for the first screen (first-screen.ts): it starts once the page says its screen is drawn, or after a second at most. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type FirstScreen = typeof import('./first-screen');
/** The module as a new page load has it: nothing told yet. */
const fresh = async (): Promise<FirstScreen> => {
	vi.resetModules();
	return import('./first-screen');
};
const settled = async (promise: Promise<void>) => {
	let done = false;
	void promise.then(() => (done = true));
	await vi.advanceTimersByTimeAsync(0);
	return done;
};

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('after the first screen', () => {
	it('starts once the page says its first screen is drawn, and after that at once', async () => {
		const { afterFirstScreen, firstScreenShown } = await fresh();
		const waiting = afterFirstScreen();
		expect(await settled(waiting)).toBe(false);
		firstScreenShown();
		expect(await settled(waiting)).toBe(true);
		expect(await settled(afterFirstScreen())).toBe(true);
	});

	it('starts after FIRST_SCREEN_WAIT_MS on a page that never says so', async () => {
		const { afterFirstScreen, FIRST_SCREEN_WAIT_MS } = await fresh();
		const waiting = afterFirstScreen();
		await vi.advanceTimersByTimeAsync(FIRST_SCREEN_WAIT_MS - 1);
		expect(await settled(waiting)).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect(await settled(waiting)).toBe(true);
	});
});
