import { describe, expect, it } from 'vitest';
import { forms } from '$lib/forms';
import { submissionsCsv } from './csv';
import { pilotSubmission } from './testing';

describe('CSV export', () => {
	it('has a column per question, then KEY, and one row per submission', () => {
		const a = { ...pilotSubmission(), receivedAt: '2026-11-30T09:00:00Z' };
		const csv = submissionsCsv(forms, [a]);
		const [header, row, end] = csv.split('\r\n');
		expect(header).toBe('resp_name,hh_size,site_type,notes,KEY');
		expect(row).toBe(`Անահիտ,4,armenia,,${a.id}`);
		expect(end).toBe('');
	});

	it('quotes commas, quotes and line breaks so every row stays one record', () => {
		const a = {
			...pilotSubmission({ answers: { resp_name: 'Ани "Аня", Мартуни', hh_size: 1, site_type: 'other', notes: 'line 1\nline 2' } }),
			receivedAt: '2026-11-30T09:00:00Z'
		};
		const row = submissionsCsv(forms, [a]).split('\r\n').slice(1).join('\r\n');
		expect(row).toBe(`"Ани ""Аня"", Мартуни",1,other,"line 1\nline 2",${a.id}\r\n`);
	});
});
