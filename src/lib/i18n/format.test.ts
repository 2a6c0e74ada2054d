import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber } from './format';

describe('dates in the interface language, from our own tables', () => {
	it('says a calendar date in Armenian, Russian and English', () => {
		expect(formatDate('2026-11-30', 'hy')).toBe('2026 թ. նոյեմբերի 30');
		expect(formatDate('2026-11-30', 'ru')).toBe('30 ноября 2026');
		expect(formatDate('2026-11-30', 'en')).toBe('30 November 2026');
		expect(formatDate('2025-01-05', 'hy')).toBe('2025 թ. հունվարի 5');
		expect(formatDate('2025-05-01', 'ru')).toBe('1 мая 2025');
	});

	it('says every month in the language of the interface, never in Latin letters for Armenian or Russian', () => {
		for (let month = 1; month <= 12; month++) {
			const iso = `2026-${String(month).padStart(2, '0')}-15`;
			expect(formatDate(iso, 'hy')).toMatch(/^2026 թ\. [\u0561-\u0587]+ 15$/);
			expect(formatDate(iso, 'ru')).toMatch(/^15 [а-я]+ 2026$/);
		}
	});

	it('says a moment on the device clock with a 24-hour time', () => {
		const moment = new Date(2026, 10, 30, 14, 5);
		expect(formatDateTime(moment, 'hy')).toBe('2026 թ. նոյեմբերի 30, 14:05');
		expect(formatDateTime(moment.toISOString(), 'ru')).toBe('30 ноября 2026, 14:05');
		expect(formatDateTime(new Date(2026, 0, 2, 9, 7), 'en')).toBe('2 January 2026, 09:07');
	});
});

describe('numbers in the interface language, from our own tables', () => {
	it('writes the decimal mark of each language', () => {
		expect(formatNumber(3.5, 'hy')).toBe('3,5');
		expect(formatNumber(3.5, 'ru')).toBe('3,5');
		expect(formatNumber(3.5, 'en')).toBe('3.5');
		expect(formatNumber(40.1234567, 'ru', 5)).toBe('40,12346');
		expect(formatNumber(-0.000001, 'en', 2)).toBe('0.00');
		expect(formatNumber(-2.25, 'hy', 1)).toBe('-2,3');
	});

	it('groups digits from 10 000 on, never a year or a small count', () => {
		expect(formatNumber(2026, 'ru')).toBe('2026');
		expect(formatNumber(12500, 'ru')).toBe('12\u00a0500');
		expect(formatNumber(1234567.5, 'hy')).toBe('1\u00a0234\u00a0567,5');
		expect(formatNumber(12500, 'en')).toBe('12,500');
		expect(formatNumber(7, 'en')).toBe('7');
	});
});
