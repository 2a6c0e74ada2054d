import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashToken, initAdminToken } from './auth';
import { sessionName, SESSION_IDLE_MS, SESSION_MAX_MS, startSession } from './admin-session';
import { noteFailedSignIn, signInWait } from './sign-in-limit';
import type { Store } from './storage/types';
import { temporaryDatabase } from './storage/testing';

const TOKEN = 'session-test-admin-token-0123456789abcdef';
let store: Store;
let dir: string;
let dispose: () => Promise<void>;
beforeEach(async () => {
	({ store, location: dir, dispose } = await temporaryDatabase('sqlite'));
	initAdminToken(dir, TOKEN, () => {});
});
afterEach(() => dispose());

const t0 = Date.parse('2026-11-30T08:00:00Z');
const minutes = (n: number) => n * 60 * 1000;

describe('admin sessions', () => {
	it('gives the browser a random id that is neither the admin token nor what the store keeps', async () => {
		const id = await startSession(store, 'Լուսինե', t0);
		expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(id).not.toContain(TOKEN);
		expect(await startSession(store, 'Լուսինե', t0)).not.toBe(id);
		expect(
			await store.useAdminSession(id, { now: new Date(t0).toISOString(), idleSince: new Date(0).toISOString(), tokenFingerprint: 'x' })
		).toBeUndefined();
		expect(
			await store.useAdminSession(hashToken(id), {
				now: new Date(t0).toISOString(),
				idleSince: new Date(0).toISOString(),
				tokenFingerprint: 'x'
			})
		).toBeUndefined();
		expect(await sessionName(store, id, t0 + 1)).toBe('Լուսինե');
	});

	it('ends after 2 hours unused, and each use moves that point on', async () => {
		const id = await startSession(store, 'Ani', t0);
		expect(await sessionName(store, id, t0 + SESSION_IDLE_MS - 1000)).toBe('Ani');
		expect(await sessionName(store, id, t0 + 2 * SESSION_IDLE_MS - 2000)).toBe('Ani');
		expect(await sessionName(store, id, t0 + 3 * SESSION_IDLE_MS)).toBeUndefined();
	});

	it('ends 12 hours after sign-in however busy it is', async () => {
		const id = await startSession(store, 'Ani', t0);
		for (let at = t0 + minutes(60); at < t0 + SESSION_MAX_MS; at += minutes(60)) expect(await sessionName(store, id, at)).toBe('Ani');
		expect(await sessionName(store, id, t0 + SESSION_MAX_MS)).toBeUndefined();
	});

	it('ends when ADMIN_TOKEN changes, and works again under the token it was made with', async () => {
		const id = await startSession(store, 'Ani', t0);
		initAdminToken(dir, 'another-admin-token-0123456789abcdef-xyz', () => {});
		expect(await sessionName(store, id, t0 + 1000)).toBeUndefined();
		initAdminToken(dir, TOKEN, () => {});
		expect(await sessionName(store, id, t0 + 2000)).toBe('Ani');
	});
});

describe('failed sign-ins', () => {
	it('lets an address fail 10 times in 15 minutes, then makes it wait until the oldest failure is 15 minutes old', async () => {
		for (let i = 0; i < 10; i++) {
			expect(await signInWait(store, '203.0.113.7', t0 + minutes(i))).toBeUndefined();
			await noteFailedSignIn(store, '203.0.113.7', t0 + minutes(i));
		}
		expect(await signInWait(store, '203.0.113.7', t0 + minutes(10))).toBe(5 * 60);
		expect(await signInWait(store, '198.51.100.1', t0 + minutes(10))).toBeUndefined();
		expect(await signInWait(store, '203.0.113.7', t0 + minutes(15) + 1)).toBeUndefined();
	});
});
