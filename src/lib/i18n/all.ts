/** Every language's strings at once, for tests and tools (the app loads one at a time: see index.ts). */
import type { Language } from '../form/schema';
import { en, type Messages } from './en';
import { hy } from './hy';
import { ru } from './ru';

export const messages: Record<Language, Messages> = { en, ru, hy };

import { adminEn, type AdminMessages } from './admin-en';
import { adminHy } from './admin-hy';
import { adminRu } from './admin-ru';

export const adminMessages: Record<Language, AdminMessages> = { en: adminEn, ru: adminRu, hy: adminHy };
