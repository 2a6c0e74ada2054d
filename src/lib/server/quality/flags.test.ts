/**
 * Each data-quality flag computed from a definition, the answers and the audit log, with its
 * reason: the interview time (pauses over 30 minutes left out), a straight-lined scale (five or
 * more consecutive single-choice questions on one screen sharing a list, and its near misses),
 * Don't know/Refused counted, location missing or far from its place's median, an answer
 * changed many times, and the household signature the definition declares.
 */
import { describe, expect, it } from 'vitest';
import { compileForm } from '$lib/form';
import { compiled, group, list, q, repeat, tr } from '$lib/form/testing';
import { forms } from '$lib/forms';
import { head2, household2, wife2 } from '$lib/forms/samples-v2';
import type { QualityThresholds } from '$lib/wire';
import { countSpecial, ownFlags } from './flags';
import { interviewMinutes, mostChanged } from './paradata';
import { distanceKm, householdOf, householdSignature, locationOf, medianWithout } from './place';
import { scalesOf, straightLined } from './scales';
import { DEFAULT_THRESHOLDS } from './run';

const t: QualityThresholds = DEFAULT_THRESHOLDS;
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, 0) + minute * 60_000).toISOString();
const ev = (minute: number, type = 'answer', extra: Record<string, unknown> = {}) => ({ t: at(minute), type, ...extra });

describe('interview time from the audit log', () => {
	it('sums the time between events, leaves out a pause over 30 minutes, and stops at finalize', () => {
		expect(interviewMinutes([ev(0, 'start'), ev(5), ev(12, 'screen_leave'), ev(12, 'screen_enter'), ev(18, 'finalize')])).toBe(18);
		// A 31-minute pause is left out whole; a 30-minute one counts.
		expect(interviewMinutes([ev(0, 'start'), ev(10), ev(41, 'resume'), ev(45, 'finalize')])).toBe(14);
		expect(interviewMinutes([ev(0, 'start'), ev(10), ev(40, 'resume'), ev(45, 'finalize')])).toBe(45);
		expect(interviewMinutes([ev(0, 'start'), ev(10, 'finalize'), ev(50, 'resume'), ev(55)])).toBe(15);
		// Events without a readable time, or going back in time, add nothing.
		expect(interviewMinutes([ev(0, 'start'), { t: 'never', type: 'answer' }, ev(-5), ev(3)])).toBe(8);
		expect(interviewMinutes(undefined)).toBeNull();
		expect(interviewMinutes([])).toBeNull();
	});

	it('flags a speeder with its minutes and the threshold, and not one at or over it', () => {
		const form = forms[1];
		const quick = { answers: {}, startedAt: at(0), meta: { events: [ev(0, 'start'), ev(18.04, 'finalize')] } };
		expect(ownFlags(form, quick, t, { place: null, median: null })).toContainEqual({
			flag: 'speeder',
			reason: '18 minutes on screens, under 20',
			minutes: 18,
			threshold: 20
		});
		const slow = { ...quick, meta: { events: [ev(0, 'start'), ev(20, 'finalize')] } };
		expect(ownFlags(form, slow, t, { place: null, median: null }).map((f) => f.flag)).not.toContain('speeder');
		expect(ownFlags(form, { ...quick, meta: {} }, t, { place: null, median: null }).map((f) => f.flag)).not.toContain('speeder');
	});
});

describe('scales and straight-lining', () => {
	const five = list('never', 'rarely', 'sometimes', 'often', 'always');
	const scale = (n: number, prefix = 's', listName = 'agree') =>
		Array.from({ length: n }, (_, i) => q.selectOne(`${prefix}${i + 1}`, listName));
	const form = (items: Parameters<typeof compiled>[0]) => compiled(items, { agree: five, other: five });
	const same = (names: string[], value = 'sometimes') => Object.fromEntries(names.map((n) => [n, value]));

	it('finds five consecutive single-choice questions on one screen sharing a list, and flags the same answer to all', () => {
		const f = form([group('attitudes', [q.note('intro'), ...scale(6)])]);
		expect(scalesOf(f, 5)).toEqual([
			{ screen: 'attitudes', screenLabel: tr('attitudes'), list: 'agree', items: ['s1', 's2', 's3', 's4', 's5', 's6'] }
		]);
		const answers = same(['s1', 's2', 's3', 's4', 's5', 's6']);
		expect(ownFlags(f, { answers, startedAt: at(0) }, t, { place: null, median: null })).toEqual([
			{
				flag: 'straightLining',
				reason: 'same answer "sometimes" to 6 items of scale agree on screen attitudes',
				items: 6,
				list: 'agree',
				screen: 'attitudes',
				screenLabel: tr('attitudes'),
				answer: 'sometimes'
			}
		]);
		expect(straightLined(f, { ...answers, s4: 'often' }, 5)).toBeNull();
		expect(straightLined(f, { ...answers, s6: undefined }, 5)).toBeNull();
		expect(straightLined(f, { ...answers, s6: { special: 'dont_know' } }, 5)).toBeNull();
		// A calculation between items is never shown: the run goes on.
		expect(scalesOf(form([group('g', [...scale(3), q.calculate('c', '1'), ...scale(2, 't')])]), 5)[0]?.items).toEqual([
			's1',
			's2',
			's3',
			't1',
			't2'
		]);
	});

	it('near misses are no scale: four items, an item between, two screens, two lists, a multiple choice, a roster', () => {
		expect(scalesOf(form([group('g', scale(4))]), 5)).toEqual([]);
		expect(scalesOf(form([group('g', [...scale(3), q.text('x'), ...scale(2, 't')])]), 5)).toEqual([]);
		expect(scalesOf(form([group('a', scale(3)), group('b', scale(2, 't'))]), 5)).toEqual([]);
		expect(scalesOf(form([group('g', [...scale(3), ...scale(2, 't', 'other')])]), 5)).toEqual([]);
		expect(scalesOf(form([group('g', [...scale(4), q.selectMultiple('m', 'agree')])]), 5)).toEqual([]);
		expect(scalesOf(form([repeat('r', scale(5))]), 5)).toEqual([]);
		// The threshold decides: four items make a scale when it is 4.
		expect(scalesOf(form([group('g', scale(4))]), 4)).toHaveLength(1);
	});
});

describe("Don't know / Refused, answer changes", () => {
	it('counts special answers at every depth and flags at the threshold', () => {
		const dk = { special: 'dont_know' };
		const answers = { a: dk, b: { special: 'refused' }, r: [{ x: dk, y: 3 }, { x: dk }], g: { lat: 1, lon: 2 } };
		expect(countSpecial(answers)).toBe(4);
		const f = forms[0];
		const flags = (n: number) => ownFlags(f, { answers, startedAt: at(0) }, { ...t, dontKnow: n }, { place: null, median: null });
		expect(flags(4)).toContainEqual({ flag: 'dontKnow', reason: "4 Don't know/Refused, 4 or more", count: 4, threshold: 4 });
		expect(flags(5)).toEqual([]);
	});

	it('names the answer changed most often, with its entry', () => {
		const events = [
			...Array.from({ length: 5 }, (_, i) => ev(i, 'change', { path: 'member.1.m_age', old: i, value: i + 1 })),
			...Array.from({ length: 3 }, (_, i) => ev(i, 'change', { path: 'resp_age', old: i, value: i + 1 })),
			ev(9, 'answer', { path: 'resp_age', value: 3 })
		];
		expect(mostChanged(events)).toEqual({ path: 'member.1.m_age', question: 'm_age', times: 5 });
		const f = forms[1];
		const flags = ownFlags(
			f,
			{ answers: {}, startedAt: at(0), meta: { events } },
			{ ...t, speederMinutes: 1 },
			{ place: null, median: null }
		);
		expect(flags).toEqual([
			{
				flag: 'answerChanges',
				reason: 'member.1.m_age changed 5 times, 5 or more',
				question: 'm_age',
				path: 'member.1.m_age',
				label: expect.objectContaining({ en: 'Age in completed years' }),
				times: 5,
				threshold: 5
			}
		]);
		expect(
			ownFlags(
				f,
				{ answers: {}, startedAt: at(0), meta: { events } },
				{ ...t, speederMinutes: 1, answerChanges: 6 },
				{ place: null, median: null }
			)
		).toEqual([]);
	});
});

describe('location', () => {
	const v2 = forms[1];
	const yerevan = { lat: 40.18, lon: 44.51 };

	it('reads the declared geopoint, and says why one is missing', () => {
		expect(locationOf(v2, household2())).toEqual({ lat: 40.18, lon: 44.51 });
		expect(locationOf(v2, household2({ gps: { no_fix: 'indoors' } }))).toEqual({ missing: 'no fix: indoors' });
		expect(locationOf(v2, household2({ gps: undefined }))).toEqual({ missing: 'not answered' });
		expect(locationOf(forms[0], household2())).toBeUndefined();
	});

	it('flags a missing location only where the question applies (not after a refusal)', () => {
		const missing = ownFlags(v2, { answers: household2({ gps: { no_fix: 'indoors' } }), startedAt: at(0) }, t, {
			place: 'yerevan',
			median: null
		});
		expect(missing).toEqual([
			expect.objectContaining({ flag: 'location', reason: 'location missing (no fix: indoors)', missing: true, km: null, place: 'yerevan' })
		]);
		const refusal = { site_type: 'armenia', settlement: 'yerevan', consent: 'no' };
		expect(ownFlags(v2, { answers: refusal, startedAt: at(0) }, t, { place: 'yerevan', median: null })).toEqual([]);
	});

	it('flags a location farther than the threshold from the median of its place', () => {
		const median = { lat: 40.18, lon: 44.55 };
		const km = Math.round(distanceKm(yerevan, median) * 10) / 10;
		expect(km).toBe(3.4);
		const flags = (locationKm: number) =>
			ownFlags(v2, { answers: household2(), startedAt: at(0) }, { ...t, locationKm }, { place: 'yerevan', median });
		expect(flags(3)).toEqual([
			{
				flag: 'location',
				reason: '3.4 km from the median of Yerevan, over 3',
				missing: false,
				km: 3.4,
				threshold: 3,
				place: 'yerevan',
				placeLabel: expect.objectContaining({ en: 'Yerevan' })
			}
		]);
		expect(flags(5)).toEqual([]);
		expect(ownFlags(v2, { answers: household2(), startedAt: at(0) }, t, { place: 'yerevan', median: null })).toEqual([]);
	});

	it('takes the median without the interview itself', () => {
		expect(medianWithout([1, 2, 3, 10], 10)).toBe(2);
		expect(medianWithout([1, 2, 3, 10], undefined)).toBe(2.5);
		expect(medianWithout([1, 2, 2, 3], 2)).toBe(2);
		expect(medianWithout([5], 5)).toBeNull();
	});
});

describe('the household signature', () => {
	const v2 = forms[1];
	const answers = (extra: Record<string, unknown> = {}) => household2({ member: [head2(), wife2()], ...extra });

	it('is the place and the fields of every member the roster summarises, whatever the order, case and spacing of names', () => {
		// Version 2 declares no household: its member roster's summary says what tells members apart.
		expect(v2.definition.household).toBeUndefined();
		expect(householdOf(v2)).toEqual({ roster: 'member', fields: ['m_name', 'm_sex', 'm_age', 'm_rel_head'] });
		const sig = householdSignature(v2, answers());
		expect(sig).toMatch(/^[0-9a-f]{64}$/);
		expect(householdSignature(v2, answers({ member: [wife2({ m_name: '  ANAHIT ' }), head2()] }))).toBe(sig);
		expect(householdSignature(v2, answers({ settlement: 'chartar' }))).not.toBe(sig);
		expect(householdSignature(v2, answers({ member: [head2(), wife2({ m_age: 41 })] }))).not.toBe(sig);
		expect(householdSignature(v2, answers({ member: [head2()] }))).not.toBe(sig);
		// Answers the signature does not declare do not count.
		expect(householdSignature(v2, answers({ member: [head2({ m_educ: 'higher' }), wife2()] }))).toBe(sig);
		expect(householdSignature(v2, answers({ member: [] }))).toBeNull();
		expect(householdSignature(forms[0], answers())).toBeNull();
	});

	it('follows a declared household over the summary', () => {
		const result = compileForm({ ...v2.definition, household: { roster: 'member', fields: ['m_name'] } });
		if (result.status !== 'ok') throw new Error(JSON.stringify(result.problems));
		expect(householdOf(result.form)).toEqual({ roster: 'member', fields: ['m_name'] });
		const sig = householdSignature(result.form, answers());
		expect(householdSignature(result.form, answers({ member: [head2(), wife2({ m_age: 41 })] }))).toBe(sig);
		expect(householdSignature(result.form, answers({ member: [head2(), wife2({ m_name: 'Mariam' })] }))).not.toBe(sig);
	});

	it('is declared only by what a definition may name: a roster outside repeats and questions of its entries, with a place', () => {
		const base = { id: 'f', version: '1', title: tr('F'), defaultLanguage: 'en', choices: {}, place: 'village' };
		const items = [q.text('village'), repeat('people', [q.text('who'), repeat('trips', [q.text('where')])])];
		const problems = (household: unknown, extra: object = {}) => {
			const result = compileForm({ ...base, items, household, ...extra });
			return result.status === 'invalid' ? result.problems.map((p) => p.message) : [];
		};
		expect(problems({ roster: 'people', fields: ['who'] })).toEqual([]);
		expect(problems({ roster: 'trips', fields: ['where'] })).toEqual([
			'household.roster names "trips", which is not a repeat outside repeats',
			'household.fields names "where", which is not a question of trips\'s entries'
		]);
		expect(problems({ roster: 'people', fields: ['village', 'nobody'] })).toEqual([
			'household.fields names "village", which is not a question of people\'s entries',
			'household.fields names "nobody", which is not a question of people\'s entries'
		]);
		expect(problems({ roster: 'people', fields: ['who'] }, { place: undefined })).toEqual([
			'household needs the form to declare its place'
		]);
	});
});
