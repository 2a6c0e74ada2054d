/**
 * The supervisor's pages' strings (/admin), in Armenian, Russian and English: a module and a
 * chunk per language of their own, so the interviewer's app neither loads nor carries them.
 */
import type { Language } from '../form/schema';
import type { AdminMessageKey, AdminMessages } from './admin-en';
import { fill } from './index';

const adminLoaders: Record<Language, () => Promise<AdminMessages>> = {
	hy: () => import('./admin-hy').then((m) => m.adminHy),
	ru: () => import('./admin-ru').then((m) => m.adminRu),
	en: () => import('./admin-en').then((m) => m.adminEn)
};
const adminTables: Partial<Record<Language, AdminMessages>> = {};

/** Makes a language's supervisor strings available to `translateAdmin`; loading one already loaded does nothing. */
export async function loadAdminLanguage(lang: Language): Promise<void> {
	adminTables[lang] ??= await adminLoaders[lang]();
}

export function translateAdmin(lang: Language, key: AdminMessageKey, params: Record<string, string | number> = {}): string {
	const table = adminTables[lang];
	if (!table) throw new Error(`the admin strings in "${lang}" are not loaded (loadAdminLanguage first)`);
	return fill(table[key], lang, params);
}
