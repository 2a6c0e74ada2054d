import { describe, expect, it } from 'vitest';
import { formatDayMonth } from './format-day';

describe('a day without its year', () => {
	it('names the month as each language says a date, Armenian month first', () => {
		expect(formatDayMonth('2026-12-01', 'hy')).toBe('դեկտեմբերի 1');
		expect(formatDayMonth('2026-11-28', 'ru')).toBe('28 ноября');
		expect(formatDayMonth('2027-01-09', 'en')).toBe('9 January');
	});
});
