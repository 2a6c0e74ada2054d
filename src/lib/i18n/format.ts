/**
 * Dates, times and numbers in the interface language from our own tables, whatever locale
 * data the browser has: Debian's Chromium has none for Armenian (`toLocaleDateString('hy')` prints
 * English), and Russian's "2026 г." doubled its full stop inside a sentence. Times are on
 * the 24-hour clock in every language; dates and times are the device's local ones.
 */
import type { Language } from '../form/schema';

/** Month names as a date says them: Armenian and Russian in the genitive ("of November"). */
export const MONTHS: Record<Language, readonly string[]> = {
	hy: [
		'հունվարի',
		'փետրվարի',
		'մարտի',
		'ապրիլի',
		'մայիսի',
		'հունիսի',
		'հուլիսի',
		'օգոստոսի',
		'սեպտեմբերի',
		'հոկտեմբերի',
		'նոյեմբերի',
		'դեկտեմբերի'
	],
	ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
	en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
};

function dateParts(value: string | Date): { year: number; month: number; day: number } {
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
		const [year, month, day] = value.split('-').map(Number);
		return { year, month, day };
	}
	const date = typeof value === 'string' ? new Date(value) : value;
	return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}

/**
 * A calendar date: "2026 թ. նոյեմբերի 30" (Armenian puts the year first, so a suffix such
 * as "-ից" follows the day), "30 ноября 2026", "30 November 2026". Takes "YYYY-MM-DD" as
 * that day, or a moment (ISO 8601 or Date) on the device's clock.
 */
export function formatDate(value: string | Date, lang: Language): string {
	const { year, month, day } = dateParts(value);
	const name = MONTHS[lang][month - 1];
	return lang === 'hy' ? `${year} թ. ${name} ${day}` : `${day} ${name} ${year}`;
}

/** A moment: its date as formatDate says it, then the time, "14:05". */
export function formatDateTime(value: string | Date, lang: Language): string {
	const date = typeof value === 'string' ? new Date(value) : value;
	const time = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
	return `${formatDate(date, lang)}, ${time}`;
}

/**
 * Decimal mark and digit grouping per language: Armenian and Russian write "3,5" and group
 * with a no-break space ("12 500"), English "3.5" and "12,500". Numbers under 10 000 are not
 * grouped in any language, so a year or a count never reads "2 026".
 */
const NUMBERS: Record<Language, { decimal: string; group: string }> = {
	hy: { decimal: ',', group: '\u00a0' },
	ru: { decimal: ',', group: '\u00a0' },
	en: { decimal: '.', group: ',' }
};

/**
 * A number as the interface language writes it: `decimals` fixes the digits after the mark
 * (coordinates: 5), else as many as the number has (up to 6). Not a finite number: as given.
 */
export function formatNumber(value: number, lang: Language, decimals?: number): string {
	if (!Number.isFinite(value)) return String(value);
	const { decimal, group } = NUMBERS[lang];
	const fixed = decimals === undefined ? String(Number(value.toFixed(6))) : value.toFixed(decimals);
	const [whole, fraction] = fixed.replace('-', '').split('.');
	const grouped = whole.length > 4 ? whole.replace(/\B(?=(\d{3})+$)/g, group) : whole;
	const sign = value < 0 && /[1-9]/.test(fixed) ? '-' : '';
	return sign + grouped + (fraction ? decimal + fraction : '');
}
