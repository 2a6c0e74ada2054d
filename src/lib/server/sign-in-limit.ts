/**
 * Failed sign-ins per client address, kept in the store so that every instance on one
 * PostgreSQL counts the same: more than 10 failures in 15 minutes and the address waits.
 */
import type { Store } from './storage/types';

export const MAX_FAILED_SIGN_INS = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

/** Addresses come from a header behind a proxy: keep what is stored short. */
const key = (address: string) => address.slice(0, 100);

/** Seconds to wait when the address has failed too often; undefined when it may try. */
export async function signInWait(store: Store, address: string, now = Date.now()): Promise<number | undefined> {
	const { count, oldest } = await store.signInFailures(key(address), new Date(now - SIGN_IN_WINDOW_MS).toISOString());
	if (count < MAX_FAILED_SIGN_INS || oldest === null) return undefined;
	return Math.max(1, Math.ceil((Date.parse(oldest) + SIGN_IN_WINDOW_MS - now) / 1000));
}

export async function noteFailedSignIn(store: Store, address: string, now = Date.now()): Promise<void> {
	await store.recordSignInFailure(key(address), new Date(now).toISOString(), new Date(now - SIGN_IN_WINDOW_MS).toISOString());
}
