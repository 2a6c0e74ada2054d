/** Every language's strings at once, for tests and tools (the app loads one at a time: see index.ts). */
import type { Language } from '../form/schema';
import { en, type Messages } from './en';
import { hy } from './hy';
import { ru } from './ru';

export const messages: Record<Language, Messages> = { en, ru, hy };
