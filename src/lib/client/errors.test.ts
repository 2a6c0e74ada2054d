import { afterEach, describe, expect, it, vi } from 'vitest';
import { attempt, dismissError, reportError, shownError } from './errors.svelte';

afterEach(() => {
	vi.restoreAllMocks();
	dismissError();
});

describe('one error path', () => {
	it('logs the cause and shows what failed until it is dismissed', () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const cause = new Error('Transaction aborted', { cause: new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
		reportError(cause, 'failed_start');
		expect(log).toHaveBeenCalledWith(
			'tun: failed_start: Error: Transaction aborted ← QuotaExceededError: The quota has been exceeded.',
			cause
		);
		expect(shownError.key).toBe('failed_start');
		dismissError();
		expect(shownError.key).toBeUndefined();
	});

	it('attempt() reports a rejection or a throw and never rejects itself; a success shows nothing', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		await expect(attempt(() => Promise.resolve(1), 'failed_delete')).resolves.toBeUndefined();
		expect(shownError.key).toBeUndefined();
		await expect(attempt(() => Promise.reject(new Error('gone')), 'failed_delete')).resolves.toBeUndefined();
		expect(shownError.key).toBe('failed_delete');
		await attempt(() => {
			throw new TypeError('sync throw');
		});
		expect(shownError.key).toBe('failed_action');
		expect(log).toHaveBeenCalledTimes(2);
	});

	it('attempt() runs the action at once, so a handler can still prevent the default', () => {
		let ran = false;
		void attempt(async () => {
			ran = true;
			await Promise.resolve();
		});
		expect(ran).toBe(true);
	});
});
