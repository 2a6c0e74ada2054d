/**
 * A day without its year, for the desk's charts and tables: "դեկտեմբերի 1", "1 декабря",
 * "1 December", from format.ts's month names. A module of its own, so this code loads with the
 * admin page only: format.ts is part of the tablet's first load.
 */
import type { Language } from '../form/schema';
import { MONTHS } from './format';

/** Takes "YYYY-MM-DD". */
export function formatDayMonth(value: string, lang: Language): string {
	const [, month, day] = value.split('-').map(Number);
	const name = MONTHS[lang][month - 1];
	return lang === 'hy' ? `${name} ${day}` : `${day} ${name}`;
}
