/**
 * The supervisor's strings in the interface language: a module of their own, so the
 * interviewer's app does not carry them (src/lib/i18n/admin.ts).
 */
import { loadAdminLanguage, translateAdmin } from '$lib/i18n/admin';
import type { AdminMessageKey } from '$lib/i18n';
import { language } from './language.svelte';

/** Loads the supervisor's strings of the current language (and of each language switched to): the admin page waits for them. */
export function readyAdmin(): Promise<void> {
	return language.need(loadAdminLanguage);
}

/** A message of the supervisor's pages in the current language (loaded by `readyAdmin()`). */
export function ta(key: AdminMessageKey, params?: Record<string, string | number>): string {
	return translateAdmin(language.current, key, params);
}
