import { describe, expect, it } from 'vitest';
import { forms } from '$lib/forms';
import { parseCsv as parse } from '$lib/csv-parse';
import { exportTables, tableCsv } from './csv';
import { householdAnswers, sampleSubmission } from './testing';

const stored = (overrides: Parameters<typeof sampleSubmission>[0] = {}) => ({
	...sampleSubmission(overrides),
	enumeratorId: null,
	receivedAt: '2026-11-30T09:00:00Z'
});

describe('CSV export', () => {
	it('has one table for the households and one per repeat: members, and migrants within members', () => {
		expect([...exportTables(forms).keys()]).toEqual(['', 'member', 'migrant']);
	});

	it('writes a row per submission, KEY last; calculations included; multiple choices as space-separated codes', () => {
		const a = stored();
		const csv = tableCsv(forms, '', [a]);
		expect(csv.split('\r\n')[0]).toMatch(/^site_type,settlement,settlement_other,gps,consent,resp_sex,.*,KEY$/);
		const [row] = parse(csv);
		expect(row).toMatchObject({ site_type: 'armenia', settlement: 'yerevan', consent: 'yes', n_members: '4', inc_sources: 'wages remittances benefits', KEY: a.id });
		expect(row.sov_dest_other).toBe('');
	});

	it('writes members and migrants with keys that join back to their household and member', () => {
		const a = stored();
		const members = parse(tableCsv(forms, 'member', [a]));
		expect(members.map((m) => [m.m_name, m.PARENT_KEY, m.KEY])).toEqual([
			['Arsen', a.id, `${a.id}/member[1]`],
			['Anahit', a.id, `${a.id}/member[2]`],
			['Gor', a.id, `${a.id}/member[3]`],
			['Vardan', a.id, `${a.id}/member[4]`]
		]);
		const migrants = parse(tableCsv(forms, 'migrant', [a]));
		expect(migrants).toEqual([
			expect.objectContaining({ mig_dest_city: 'moscow', rem_freq: 'monthly', PARENT_KEY: `${a.id}/member[4]`, KEY: `${a.id}/member[4]/migrant[1]` })
		]);
	});

	it("writes Don't know as -1 and Refused as -2", () => {
		const a = stored({ answers: { ...householdAnswers(), resp_age: { special: 'refused' }, hh_moved_year: { special: 'dont_know' } } });
		expect(parse(tableCsv(forms, '', [a]))[0]).toMatchObject({ resp_age: '-2', hh_moved_year: '-1' });
	});

	it('quotes commas, quotes and line breaks so every row stays one record', () => {
		const a = stored({ answers: { ...householdAnswers(), h_notes: 'Ани "Аня", Мартуни\nline 2' } });
		const csv = tableCsv(forms, '', [a]);
		expect(csv).toContain('"Ани ""Аня"", Мартуни\nline 2"');
		expect(parse(csv)[0].h_notes).toBe('Ани "Аня", Мартуни\nline 2');
	});
});
