import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionState, connectionOf, reachOf } from './connection.svelte';

describe('connection state', () => {
	it('offline whenever the browser says so; online, the last request to the server decides', () => {
		expect(connectionOf(false, undefined)).toBe('offline');
		expect(connectionOf(false, 'reached')).toBe('offline');
		expect(connectionOf(false, 'unreachable')).toBe('offline');
		expect(connectionOf(true, 'unreachable')).toBe('unreachable');
		expect(connectionOf(true, 'reached')).toBe('online');
		// Nothing asked yet: no banner until a request says otherwise.
		expect(connectionOf(true, undefined)).toBe('online');
	});

	it('learns from every sync that asked the server, and from none that did not', () => {
		expect(reachOf({ status: 'unreachable', sent: 0 })).toBe('unreachable');
		expect(reachOf({ status: 'unreachable', sent: 3, detail: 'HTTP 502' })).toBe('unreachable');
		expect(reachOf({ status: 'done', sent: 0, rejected: 0 })).toBe('reached');
		// The server answered, if with an error or a refusal.
		expect(reachOf({ status: 'failed', sent: 0, detail: 'HTTP 500' })).toBe('reached');
		expect(reachOf({ status: 'unauthorized', sent: 0 })).toBe('reached');
		expect(reachOf({ status: 'not_set_up' })).toBeUndefined();
	});

	describe('following the browser and the sync', () => {
		let browser: EventTarget;
		let stop: () => void;
		beforeEach(() => {
			browser = new EventTarget();
		});
		afterEach(() => {
			stop?.();
			vi.unstubAllGlobals();
		});
		const start = (onLine: boolean) => {
			vi.stubGlobal('navigator', { onLine });
			const state = new ConnectionState();
			stop = state.start(browser);
			return state;
		};

		it('a failed sync while the browser believes it is online says "no connection to the server"; an answer clears it', () => {
			const state = start(true);
			expect(state.current).toBe('online');
			state.learn({ status: 'unreachable', sent: 0 });
			expect(state.current).toBe('unreachable');
			state.learn({ status: 'not_set_up' });
			expect(state.current).toBe('unreachable');
			state.learn({ status: 'done', sent: 0, rejected: 0 });
			expect(state.current).toBe('online');
		});

		it('starts offline when the browser is, and follows its events', () => {
			const state = start(false);
			expect(state.current).toBe('offline');
			state.learn({ status: 'unreachable', sent: 0 });
			expect(state.current).toBe('offline');
			// Back online, what failed while offline no longer says anything: the sync that runs at once decides.
			browser.dispatchEvent(new Event('online'));
			expect(state.current).toBe('online');
			state.learn({ status: 'unreachable', sent: 0 });
			expect(state.current).toBe('unreachable');
			browser.dispatchEvent(new Event('offline'));
			expect(state.current).toBe('offline');
		});

		it('stops following the browser when stopped', () => {
			const state = start(true);
			stop();
			browser.dispatchEvent(new Event('offline'));
			expect(state.current).toBe('online');
		});
	});
});
