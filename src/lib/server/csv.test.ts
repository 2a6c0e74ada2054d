import { describe, expect, it } from 'vitest';
import { forms } from '$lib/forms';
import { exportTables, tableCsv } from './csv';
import { pilotSubmission } from './testing';

const stored = (overrides: Parameters<typeof pilotSubmission>[0] = {}) => ({
	...pilotSubmission(overrides),
	enumeratorId: null,
	receivedAt: '2026-11-30T09:00:00Z'
});

describe('CSV export', () => {
	it('has one table for the form and one per repeat', () => {
		expect([...exportTables(forms).keys()]).toEqual(['', 'member', 'trip']);
	});

	it('writes a row per submission: a column per question, then KEY; Don\'t know is -1', () => {
		const a = stored();
		const [header, row, end] = tableCsv(forms, '', [a]).split('\r\n');
		expect(header).toBe('site_type,resp_name,hh_size,has_land,land_ha,crops,n_members,n_away,gps,notes,KEY');
		expect(row).toBe(`armenia,Անահիտ,2,no,,,2,1,,,${a.id}`);
		expect(end).toBe('');
		expect(tableCsv(forms, 'member', [a]).split('\r\n')[2]).toBe(`Արամ,male,-1,yes,1,${a.id},${a.id}/member[2]`);
	});

	it('writes nested entries with keys that join back to their parent entry', () => {
		const a = stored();
		const lines = tableCsv(forms, 'trip', [a]).split('\r\n');
		expect(lines[0]).toBe('trip_dest,trip_year,PARENT_KEY,KEY');
		expect(lines[1]).toBe(`moscow,2019,${a.id}/member[2],${a.id}/member[2]/trip[1]`);
	});

	it('quotes commas, quotes and line breaks so every row stays one record', () => {
		const base = pilotSubmission();
		const a = stored({ answers: { ...base.answers, resp_name: 'Ани "Аня", Мартуни', notes: 'line 1\nline 2', crops: ['grain', 'fruit'] } });
		const row = tableCsv(forms, '', [a]).split('\r\n').slice(1).join('\r\n');
		expect(row).toBe(`armenia,"Ани ""Аня"", Мартуни",2,no,,grain fruit,2,1,,"line 1\nline 2",${a.id}\r\n`);
	});
});
