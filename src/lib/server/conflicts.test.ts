/**
 * Two versions of one submission compared as the desk shows them: answers as the questionnaire
 * reads, lined up by where each stands, what differs marked; the submission's own fields too.
 */
import { describe, expect, it } from 'vitest';
import { household20261201 } from '$lib/forms';
import type { Submission } from '$lib/wire';
import { keyedLines } from './desk-answers';
import { compareFields, compareLines } from './conflicts';
import { householdAnswers } from './testing';

const en = (lines: ReturnType<typeof compareLines>) => lines.map((l) => [l.entry ? `${l.label.en} ${l.entry}` : l.label.en, l.differs]);

describe('comparing two versions', () => {
	it('lines up the answers, marks a changed answer and a roster entry only one version has', () => {
		const answers = householdAnswers();
		const members = answers.member as Record<string, unknown>[];
		const changed = { ...answers, resp_age: Number(answers.resp_age) + 1, member: [...members, { ...members[0] }] };
		const lines = compareLines(keyedLines(household20261201, answers), keyedLines(household20261201, changed));
		const age = lines.find((l) => l.label.en === 'How old are you, in completed years?')!;
		expect(age).toMatchObject({
			stored: { text: String(answers.resp_age) },
			new: { text: String(Number(answers.resp_age) + 1) },
			differs: true
		});
		// The added entry comes right after the last stored one's lines, all of its lines the new version's only.
		const added = lines.findIndex((l) => l.entry === members.length + 1);
		const last = lines.findIndex((l) => l.entry === members.length && l.label.en === lines[added].label.en);
		expect(lines.slice(last + 1, added).every((l) => l.depth > lines[added].depth)).toBe(true);
		let end = added + 1;
		while (end < lines.length && lines[end].depth > lines[added].depth) end++;
		const entry = lines.slice(added, end);
		expect(entry.length).toBeGreaterThan(2);
		expect(entry.every((l) => l.stored === undefined && l.differs)).toBe(true);
		// Everything else is the same, and not marked.
		expect(en(lines.filter((l, n) => (n < added || n >= end) && l !== age)).filter(([, d]) => d)).toEqual([]);
	});

	it('lines up versions whose only difference is a question answered in one of them', () => {
		const stored = keyedLines(household20261201, { site_type: 'martuni', settlement: 'chartar', consent: 'no' });
		const sent = keyedLines(household20261201, { site_type: 'armenia', settlement: 'other', settlement_other: 'Գյուղ', consent: 'no' });
		const lines = compareLines(stored, sent);
		const values = lines.filter((l) => l.stored || l.new);
		expect(values.map((l) => [l.stored !== undefined, l.new !== undefined, l.differs])).toEqual([
			[true, true, true],
			[true, true, true],
			[false, true, true],
			[true, true, false]
		]);
		expect(values[2].new).toEqual({ text: 'Գյուղ' });
	});

	it("compares the submission's own fields: device, sender, times, language, audit log", () => {
		const a = {
			id: 'x',
			formId: 'household_migration',
			formVersion: '2026-12-01',
			deviceId: 't1',
			startedAt: '2026-12-01T10:00:00Z',
			finalizedAt: '2026-12-01T10:30:00Z',
			language: 'hy',
			answers: {},
			meta: { events: [{ type: 'start', t: 1 }] }
		} satisfies Submission;
		const b = { ...a, deviceId: 't2', meta: { events: [{ type: 'start', t: 2 }], breakOff: { at: 'consent', reason: 'left' } } };
		const fields = compareFields(a, b, ['Ani', 'Aram']);
		expect(fields.filter((f) => f.differs).map((f) => [f.name, f.stored, f.new])).toEqual([
			['deviceId', 't1', 't2'],
			['enumerator', 'Ani', 'Aram'],
			['events', '1', '1'],
			['meta', null, '{"breakOff":{"at":"consent","reason":"left"}}']
		]);
		expect(compareFields(a, { ...a }, ['Ani', 'Ani']).some((f) => f.differs)).toBe(false);
	});
});
