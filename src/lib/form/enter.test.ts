/**
 * Reads never write: the answers change only through the calls that say so, enter() among
 * them, which alone draws once() values and makes the entries of count-driven repeats. The
 * engine's listeners hear of each change once, and never of a read.
 */
import { describe, expect, it } from 'vitest';
import { forms } from '../forms';
import { completeHousehold } from '../forms/samples';
import { head2, household2, migrant2, restOfInterview, wife2 } from '../forms/samples-v2';
import { FormEngine } from './engine';
import { engineOf, group, q, repeat, withoutKeys } from './testing';
import { languages } from './schema';

/** Calls every read the engine offers on every instance it has (and every entry a count asks for). */
function readEverything(e: FormEngine): void {
	for (const [name, node] of e.form.nodes) {
		for (const place of e.places(name)) {
			e.key(name, place);
			e.raw(name, place);
			e.value(name, place);
			e.relevant(name, place);
			e.required(name, place);
			e.blocks(e.issue(name, place));
			e.entryKeyOf(node, place);
			const item = node.item;
			if (('choices' in item && item.choices) || ('link' in item && item.link)) e.choices(name, place);
			if (item.type === 'repeat') {
				e.canAddEntry(name, place);
				for (let i = 0; i < e.entryCount(name, place); i++) for (const l of languages) e.summaryText(node, [...place, i], l);
			}
		}
	}
	e.issues();
	e.submission();
	e.walk(() => {});
	for (const l of languages) e.instanceName(l);
	e.confirmations();
	e.unlinked();
}

/** The answers as a device holds them before entering the screens: no draw kept, no counted entry made. */
function unentered(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(unentered);
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(
		Object.entries(value)
			.filter(([k]) => !k.endsWith('_draw') && k !== 'migrant')
			.map(([k, v]) => [k, unentered(v)])
	);
}

describe('reads never write', () => {
	const households = [
		{ version: '2026-12-01', answers: () => unentered(completeHousehold()) as Record<string, unknown> },
		{
			version: '2026-12-15',
			answers: () =>
				unentered(
					household2({
						member: [head2(), wife2({ m_husband_away: 'yes' }), migrant2(3, { m_rel_head: 'child', m_age: 22 })],
						...restOfInterview()
					})
				) as Record<string, unknown>
		}
	];
	for (const { version, answers } of households) {
		it(`household ${version}: a walk through every read leaves the answers as they were, and nobody hears of it`, () => {
			const form = forms.find((f) => f.definition.version === version)!;
			let draws = 0;
			const e = new FormEngine(form, answers(), { today: '2026-12-01', random: () => (draws++, 0.3) });
			const before = structuredClone(e.answers);
			let heard = 0;
			e.subscribe(() => heard++);
			readEverything(e);
			readEverything(e);
			expect(e.answers).toEqual(before);
			expect(heard).toBe(0);
			// A member away counts a migrant entry that is not made yet: it reads as empty; no value was drawn.
			const away = (e.answers.member as Record<string, unknown>[]).findIndex((m) => m.m_away === 'yes');
			expect([e.entryCount('migrant', [away]), e.raw('migrant', [away]), e.entryKeyOf(e.node('mig_dest_country'), [away, 0])]).toEqual([
				1,
				undefined,
				undefined
			]);
			expect(e.value('g_list_draw')).toBeNull();
			// Entering makes them: the entry with its key, the draws kept; and they are now what the reads report.
			expect(e.enter()).toBe(true);
			expect(heard).toBe(1);
			expect(e.entryKeyOf(e.node('mig_dest_country'), [away, 0])).toMatch(/^[0-9a-f-]{36}$/);
			expect(e.answers.g_list_draw).toBe(0.3);
			const entered = structuredClone(e.answers);
			readEverything(e);
			expect([e.answers, heard, e.enter(), heard]).toEqual([entered, 1, false, 1]);
			expect(draws).toBeGreaterThan(0);
		});
	}
});

describe('enter()', () => {
	const items = [
		q.integer('n'),
		repeat('child', [q.text('c_name'), q.text('c_school', { default: 'none' }), q.calculate('c_draw', 'once(random())')], {
			count: '${n}'
		}),
		repeat('member', [q.text('m_name'), q.calculate('m_pick', 'once(random())')]),
		group('g', [q.calculate('pick', 'once(random())')]),
		q.calculate('late', 'once(random())', { relevant: '${n} > 2' })
	];
	const counter = () => {
		const drawn = { count: 0 };
		return { drawn, random: () => (drawn.count++, drawn.count / 10) };
	};

	it("makes the entries of a screen's count-driven repeats with their defaults, and draws its once() values exactly once", () => {
		const { drawn, random } = counter();
		const e = engineOf(items, { random, answers: { n: 2, member: [{ m_name: 'Ani' }] } });
		expect([e.entryCount('child'), e.raw('c_school', [1]), e.value('c_draw', [0]), e.value('pick'), drawn.count]).toEqual([
			2,
			undefined,
			null,
			null,
			0
		]);
		// The first screen: n and its children. The member's draw and the group's wait for their screen.
		expect(e.enter(['n', 'child'])).toBe(true);
		expect(withoutKeys(e.answers.child)).toEqual([
			{ c_school: 'none', c_draw: 0.1 },
			{ c_school: 'none', c_draw: 0.2 }
		]);
		expect([e.value('m_pick', [0]), e.value('pick'), drawn.count]).toEqual([null, null, 2]);
		expect(e.enter(['n', 'child'])).toBe(false);
		// The rest of the form: a draw per member entry, and in the group; `late` does not apply.
		expect(e.enter()).toBe(true);
		expect([e.value('m_pick', [0]), e.value('pick'), e.value('late'), drawn.count]).toEqual([0.3, 0.4, null, 4]);
		expect(e.enter()).toBe(false);
		expect(drawn.count).toBe(4);
		// A larger count: one more entry, and `late` now applies; nothing drawn before is drawn again.
		e.set('n', [], 3);
		expect([e.entryCount('child'), (e.answers.child as unknown[]).length, e.value('late')]).toEqual([3, 2, null]);
		expect(e.enter()).toBe(true);
		expect([withoutKeys(e.answers.child), e.value('late'), drawn.count]).toEqual([
			[
				{ c_school: 'none', c_draw: 0.1 },
				{ c_school: 'none', c_draw: 0.2 },
				{ c_school: 'none', c_draw: 0.5 }
			],
			0.6,
			6
		]);
		// A smaller count keeps the entries it no longer counts, and enters nothing.
		e.set('n', [], 1);
		expect([e.enter(), (e.answers.child as unknown[]).length, withoutKeys(e.submission().child)]).toEqual([
			false,
			3,
			[{ c_school: 'none', c_draw: 0.1 }]
		]);
		// A reload draws nothing again.
		const reloaded = engineOf(items, { random: () => 0.99, answers: structuredClone(e.answers) });
		expect([reloaded.enter(), reloaded.value('pick'), reloaded.value('c_draw', [0])]).toEqual([false, 0.4, 0.1]);
	});

	it('a once() that comes to a blank text keeps nothing, and entering ends', () => {
		const e = engineOf([q.calculate('blank', "once(concat(' ', ''))"), q.calculate('word', "once('yes')")]);
		expect([e.enter(), e.answers, e.value('blank'), e.enter()]).toEqual([true, { word: 'yes' }, null, false]);
	});

	it('createEntries() makes the counted entries and draws nothing', () => {
		const { drawn, random } = counter();
		const e = engineOf(items, { random, answers: { n: 1 } });
		expect(e.createEntries()).toBe(true);
		expect([withoutKeys(e.answers), drawn.count, e.createEntries()]).toEqual([{ n: 1, child: [{ c_school: 'none' }] }, 0, false]);
	});

	it('an answer in an entry not made yet makes the entries before it too, with their defaults', () => {
		const e = engineOf(items, { answers: { n: 3 } });
		e.set('c_name', [2], 'Mane');
		expect(withoutKeys(e.answers.child)).toEqual([{ c_school: 'none' }, { c_school: 'none' }, { c_school: 'none', c_name: 'Mane' }]);
	});
});

describe('listeners', () => {
	it('hear each change once, after it is made, and never a read', () => {
		const e = engineOf(
			[
				q.integer('n'),
				repeat('child', [q.text('c_school', { default: 'none' })], { count: '${n}' }),
				repeat('member', [q.text('m_name', { default: '?' })])
			],
			{ answers: {} }
		);
		const heard: unknown[] = [];
		const stop = e.subscribe(() => heard.push(structuredClone(e.answers)));
		const count = (run: () => unknown) => {
			const before = heard.length;
			run();
			return heard.length - before;
		};
		expect(count(() => e.set('n', [], 2))).toBe(1);
		expect(heard.at(-1)).toEqual({ n: 2 });
		// One change that makes two entries, each with its default: heard once, when all is done.
		expect(count(() => e.enter())).toBe(1);
		expect(withoutKeys(heard.at(-1))).toEqual({ n: 2, child: [{ c_school: 'none' }, { c_school: 'none' }] });
		expect(count(() => e.enter())).toBe(0);
		expect(count(() => e.addEntry('member'))).toBe(1);
		expect(count(() => e.confirm('m_name', [0]))).toBe(1);
		expect(count(() => e.removeEntry('member', [], 0))).toBe(1);
		expect(count(() => e.assignKeys())).toBe(0);
		expect(count(() => e.applyDefaults())).toBe(0);
		expect(
			count(() => [e.issues(), e.submission(), e.entryCount('child'), e.value('n'), e.choices('n'), e.relevant('c_school', [1])])
		).toBe(0);
		stop();
		expect(count(() => e.set('n', [], 3))).toBe(0);
	});
});
