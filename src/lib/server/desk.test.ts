/**
 * The desk's query parameters (GET /api/admin/submissions): the export's filters with their
 * 400 messages, `limit` and `cursor` checked, `flag` read (known flags only), the
 * settlement asked by code or value name; a row made into the item the API answers; a
 * submission's answers as the questionnaire reads them.
 */
import { describe, expect, it } from 'vitest';
import { forms, household20261201 } from '$lib/forms';
import { answerLines } from './desk-answers';
import { decodeCursor, deskAnswer, deskForm, deskItem, encodeCursor, parseDeskQuery } from './desk';
import { submissionFilter } from './export-filter';
import { householdAnswers } from './testing';
import type { DeskRow } from './storage/desk';

const q = (text: string) => parseDeskQuery(new URLSearchParams(text), 'household_migration', forms);

describe('the desk query', () => {
	it('takes 50 rows, the household form and no filter when asked nothing', () => {
		expect(q('')).toEqual({ formId: 'household_migration', limit: 50 });
		expect(deskForm(new URLSearchParams(''), ['other_form', 'household_migration'])).toBe('household_migration');
		expect(deskForm(new URLSearchParams(''), ['only_form', 'only_form'])).toBe('only_form');
		expect(deskForm(new URLSearchParams(''), ['a', 'b'])).toEqual({ error: 'form: give one of a, b', status: 400 });
		expect(deskForm(new URLSearchParams('form=b'), ['a', 'b'])).toBe('b');
		expect(deskForm(new URLSearchParams('form=c'), ['a', 'b'])).toEqual({ error: 'no published form "c"', status: 404 });
	});

	it('takes a limit from 1 to 500, and nothing else', () => {
		expect(q('limit=1')).toMatchObject({ limit: 1 });
		expect(q('limit=500')).toMatchObject({ limit: 500 });
		for (const bad of ['0', '501', '-1', '2.5', 'ten', '', '1e2', '00000000001'])
			expect(q(`limit=${bad}`), bad).toBe('limit must be a whole number from 1 to 500');
	});

	it('reads back the cursors it gives, and refuses any other', () => {
		expect(decodeCursor(encodeCursor(1234))).toBe(1234);
		expect(q(`cursor=${encodeCursor(77)}`)).toMatchObject({ before: 77 });
		const forged = Buffer.from('tun-desk:0').toString('base64url');
		for (const bad of ['', 'abc', '12', forged, Buffer.from('tun-desk:1x').toString('base64url'), 'a/b'])
			expect(q(`cursor=${encodeURIComponent(bad)}`), bad).toBe('cursor: not a cursor this server gave (use "next" of the page before)');
	});

	it("refuses the export's filters with the export's own messages", () => {
		for (const text of ['from=2026-13-01', 'to=yesterday', 'review=received,done', 'review=']) {
			const exported = submissionFilter(new URLSearchParams(text), forms);
			expect(typeof exported).toBe('string');
			expect(q(text), text).toBe(exported);
		}
		expect(parseDeskQuery(new URLSearchParams('settlement=x'), 'household_migration', [household20261201])).toBe(
			'this form declares no place question to filter by settlement'
		);
	});

	it('reads flags as a comma list or repeated, and refuses an unknown one naming the known ones', () => {
		expect(q('flag=speeder')).toMatchObject({ flags: ['speeder'] });
		expect(q('flag=speeder,duplicate&flag=location&flag=speeder')).toMatchObject({ flags: ['speeder', 'duplicate', 'location'] });
		const known = 'give one or more (comma-separated) of speeder, straightLining, dontKnow, duplicate, location, answerChanges';
		expect(q('flag=speeder,fast')).toBe(`flag: unknown flag "fast"; ${known}`);
		expect(q('flag=')).toBe(`flag: unknown flag ""; ${known}`);
		expect(q('')).not.toHaveProperty('flags');
	});

	it('reads the filters, a settlement by its value name or its code', () => {
		expect(q('from=2026-12-01&to=2026-12-03&enumerator=e-1&review=hasIssues,approved')).toEqual({
			formId: 'household_migration',
			limit: 50,
			from: '2026-12-01',
			to: '2026-12-03',
			enumerator: 'e-1',
			review: ['hasIssues', 'approved']
		});
		expect(q('settlement=chartar')).toMatchObject({ settlements: ['chartar'] });
		// chartar is code 2 in version 2, and the first version's chartar (uncoded) exports through that code.
		expect(q('settlement=2')).toMatchObject({ settlements: ['2', 'chartar'] });
		expect(q('settlement=Լոռի')).toMatchObject({ settlements: ['Լոռի'] });
	});
});

describe('a desk item', () => {
	const row: DeskRow = {
		seq: 41,
		id: 'id-1',
		formId: 'household_migration',
		formVersion: '2026-12-01',
		enumeratorId: 'e-1',
		enumerator: 'Ani',
		startedAt: '2026-12-01T08:00:00.000Z',
		finalizedAt: '2026-12-01T08:42:30.400Z',
		receivedAt: '2026-12-01T09:00:00.000Z',
		reviewState: 'approved',
		settlement: 'chartar',
		breakOff: false,
		flags: [{ flag: 'speeder', reason: '3 minutes on screens, under 20', minutes: 3, threshold: 20 }]
	};

	it('says the duration, the settlement with its labels, and the next cursor only when more follow', () => {
		const item = deskItem(row, forms);
		expect(item).toMatchObject({ id: 'id-1', enumerator: 'Ani', durationSeconds: 2550, reviewState: 'approved', instanceName: null });
		expect(item.flags).toEqual(row.flags);
		expect(item.settlementLabel?.en).toBe('Chartar');
		expect(deskItem({ ...row, settlement: 'Somewhere' }, forms).settlementLabel).toBeNull();
		expect(deskAnswer({ rows: [row], more: true, total: 9 }, forms)).toMatchObject({ total: 9, next: encodeCursor(41) });
		expect(deskAnswer({ rows: [row], more: false, total: 1 }, forms).next).toBeNull();
	});
});

describe('answers as the questionnaire reads', () => {
	it("lists questions by label, choices by label, Don't know as such, and each roster entry numbered", () => {
		const answers = householdAnswers();
		const lines = answerLines(household20261201, answers);
		const consent = lines.find((l) => l.label.en.includes('agree to take part') && l.value !== undefined);
		expect(consent?.value).toEqual({ labels: [expect.objectContaining({ en: expect.any(String) })] });
		const members = (answers.member as unknown[]).length;
		const entries = lines.filter(
			(l) => l.entry !== undefined && l.depth === 0 && l.label.en === lines.find((m) => m.entry === 1)?.label.en
		);
		expect(entries.map((l) => l.entry)).toEqual(Array.from({ length: members }, (_, n) => n + 1));
		// Calculations are never shown, and nothing not asked is listed.
		const calculate = household20261201.definition.items.flatMap(function names(i): string[] {
			return 'items' in i ? i.items.flatMap(names) : i.type === 'calculate' ? [i.name] : [];
		});
		expect(calculate).toContain('m_line');
		expect(lines.filter((l) => calculate.includes(l.label.en))).toEqual([]);
		const age = lines.find((l) => l.value && 'text' in l.value && l.value.text === String(answers.resp_age));
		expect(age?.label.en).toBe('How old are you, in completed years?');
		const special = answerLines(household20261201, { ...answers, resp_age: { special: 'dont_know' } });
		expect(special.find((l) => l.label.en === age?.label.en)?.value).toEqual({ special: 'dont_know' });
		// A group with nothing answered in it is left out: a refusal at consent shows the first two screens only.
		const refusal = answerLines(household20261201, { site_type: 'martuni', settlement: 'chartar', consent: 'no' });
		expect(refusal.filter((l) => l.value).map((l) => ('labels' in l.value! ? l.value.labels[0].en : ''))).toEqual([
			expect.any(String),
			'Chartar',
			expect.any(String)
		]);
		expect(refusal.filter((l) => !l.value)).toHaveLength(2);
	});
});
