import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FormEngine } from '$lib/form';
import { household20261201, findForm } from '$lib/forms';
import { completeHousehold } from '$lib/forms/samples';
import { checkItem } from '$lib/server/submissions';
import { DEVICE_EVENTS_CHARS, DEVICE_MAX_EVENTS, MAX_EVENTS, MAX_META_CHARS, structuralProblems } from '$lib/wire-limits';
import { appendEvents, capEvents, eventsChars, HEAD_EVENTS } from './audit';
import { TunDatabase, type InterviewEvent } from './db';
import { event, finalizeInterview, getInterview, saveDraft, startInterview, toSubmission } from './interviews';

let db: TunDatabase;
beforeEach(() => {
	db = new TunDatabase(`audit-${crypto.randomUUID()}`);
});
afterEach(() => db.close());

const at = (second: number) => new Date(Date.UTC(2026, 10, 30, 8) + second * 1000).toISOString();
const change = (i: number, text = 'x'.repeat(100)): InterviewEvent => ({
	t: at(i),
	type: 'change',
	path: `member.${i % 200}.m_name`,
	old: `${text}${i}`,
	value: `${text}${i + 1}`
});
const chars = (events: InterviewEvent[]) => JSON.stringify(events).length;

describe('the audit log on the device', () => {
	it('is left as it is under the cap', () => {
		const events = Array.from({ length: 1000 }, (_, i) => change(i));
		expect(capEvents(events)).toBe(events);
	});

	it('past the cap keeps the beginning, one count of what was dropped, and the latest events', () => {
		const events: InterviewEvent[] = [
			{ t: at(0), type: 'start', language: 'hy' },
			...Array.from({ length: 20_000 }, (_, i) => change(i + 1))
		];
		const capped = capEvents(events);
		expect(capped.length).toBeLessThanOrEqual(DEVICE_MAX_EVENTS);
		expect(chars(capped)).toBeLessThanOrEqual(DEVICE_EVENTS_CHARS);
		expect(capped.slice(0, HEAD_EVENTS)).toEqual(events.slice(0, HEAD_EVENTS));
		const note = capped[HEAD_EVENTS];
		expect(note).toMatchObject({ type: 'events_dropped' });
		expect(capped.at(-1)).toEqual(events.at(-1));
		expect(capped.length - 1 + Number(note.count)).toBe(events.length);

		// Growing again keeps one marker, whose count goes on adding up.
		const more = [...capped, ...Array.from({ length: 10_000 }, (_, i) => change(30_000 + i))];
		const again = capEvents(more);
		expect(again.filter((e) => e.type === 'events_dropped')).toHaveLength(1);
		expect(again.slice(0, HEAD_EVENTS)).toEqual(events.slice(0, HEAD_EVENTS));
		expect(again.length - 1 + Number(again[HEAD_EVENTS].count)).toBe(events.length + 10_000);
		expect(chars(again)).toBeLessThanOrEqual(DEVICE_EVENTS_CHARS);
	});

	it('appends measuring only the new events, with the size it keeps equal to the real one', () => {
		let log: InterviewEvent[] = [{ t: at(0), type: 'start', language: 'hy' }];
		let chars: number | undefined;
		for (let i = 0; i < 100; i++)
			({ events: log, chars } = appendEvents(
				log,
				Array.from({ length: 200 }, (_, k) => change(i * 200 + k)),
				chars
			));
		expect(chars).toBe(JSON.stringify(log).length);
		expect(eventsChars(log)).toBe(chars);
		expect(chars).toBeLessThanOrEqual(DEVICE_EVENTS_CHARS);
		expect(log.filter((e) => e.type === 'events_dropped')).toHaveLength(1);
		expect(log[0].type).toBe('start');
	});

	it('stays under the cap with few but long events (long notes changed again and again)', () => {
		const events = Array.from({ length: 3000 }, (_, i) => change(i, 'ա'.repeat(1990)));
		const capped = capEvents(events);
		expect(chars(capped)).toBeLessThanOrEqual(DEVICE_EVENTS_CHARS);
		expect(capped.at(-1)).toEqual(events.at(-1));
	});
});

/** Every answered instance of a submission, as "member.3.migrant.0.mig_sector" and its value. */
function answered(answers: Record<string, unknown>, prefix = ''): [string, unknown][] {
	return Object.entries(answers).flatMap(([name, value]) =>
		Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))
			? value.flatMap((entry, i) => answered(entry as Record<string, unknown>, `${prefix}${name}.${i}.`))
			: [[`${prefix}${name}`, value] as [string, unknown]]
	);
}

describe('the longest plausible interview', () => {
	it(
		'200 people, each away with a migrant entry, three hours of paradata: finalized, and the server takes it',
		{ timeout: 60_000 },
		async () => {
			const answers = completeHousehold() as Record<string, unknown> & { member: Record<string, unknown>[] };
			const away = answers.member[3];
			while (answers.member.length < 200)
				answers.member.push({ ...structuredClone(away), m_name: `Член семьи ${answers.member.length + 1}` });
			answers.h_notes = 'Ընտանիքը շատ մեծ է։ '.repeat(100).slice(0, 2000);
			expect(new FormEngine(household20261201, structuredClone(answers), { today: '2026-11-30' }).issues()).toEqual([]);

			const id = await startInterview(db, household20261201, 'hy');
			await saveDraft(db, id, { answers });
			// Every answer given, every third changed once, every member's entry opened and closed, a language switch an hour.
			const log: InterviewEvent[] = [];
			answered(answers).forEach(([path, value], i) => {
				log.push({ t: at(i), type: 'answer', path, value });
				if (i % 3 === 0) log.push({ t: at(i), type: 'change', path, old: value, value });
			});
			answers.member.forEach((_, i) =>
				log.push(
					event('entry_add', { path: `member.${i}` }),
					event('screen_leave', { screen: 'roster' }),
					event('screen_enter', { screen: 'roster' })
				)
			);
			for (let h = 0; h < 3; h++) log.push(event('language', { from: 'hy', to: 'ru' }), event('language', { from: 'ru', to: 'hy' }));
			// Written as the session writes: a few events at a time.
			for (let i = 0; i < log.length; i += 500) await saveDraft(db, id, { events: log.slice(i, i + 500) });
			expect(await finalizeInterview(db, household20261201, id)).toEqual({ status: 'finalized' });

			const submission = toSubmission((await getInterview(db, id))!);
			const events = submission.meta?.events ?? [];
			// About 11,000 events and 1.2 million characters: all kept, under the device's cap.
			expect(log.length).toBeGreaterThan(10_000);
			expect(events.filter((e) => e.type === 'events_dropped')).toEqual([]);
			expect(events).toHaveLength(log.length + 2);
			expect(events.length).toBeLessThanOrEqual(MAX_EVENTS);
			expect(JSON.stringify(submission.meta).length).toBeLessThanOrEqual(MAX_META_CHARS);
			expect(events.at(-1)?.type).toBe('finalize');
			expect(events[0]?.type).toBe('start');
			expect(structuralProblems(JSON.parse(JSON.stringify(submission))).errors).toEqual([]);
			const checked = checkItem(JSON.parse(JSON.stringify(submission)), findForm);
			expect('ok' in checked ? 'ok' : checked.invalid).toBe('ok');
			// The whole item fits a request on its own.
			expect(JSON.stringify({ submissions: [submission] }).length).toBeLessThan(5 * 1024 * 1024);
		}
	);
});
