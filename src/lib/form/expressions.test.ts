/** Operators and functions as forms use them: through relevance, constraints and calculations. */
import { describe, expect, it } from 'vitest';
import { FormEngine } from './engine';
import { seeded } from '../../../tests/support/random';
import { compiled, engineOf, list, q } from './testing';

/** The value of calculation `source` with top-level answers `answers` (a, b: integers; t: text; m: multi-select; d: date). */
function calc(source: string, answers: Record<string, unknown> = {}) {
	const e = engineOf([q.integer('a'), q.integer('b'), q.text('t'), q.selectMultiple('m', 'abc'), q.date('d'), q.calculate('out', source)], {
		choices: { abc: list('a', 'b', 'c') },
		answers
	});
	return e.value('out');
}

describe('operators through calculations', () => {
	it('arithmetic, with empty operands making the result empty', () => {
		const ab = { a: 7, b: 2 };
		expect([calc('${a} + ${b}', ab), calc('${a} - ${b}', ab), calc('${a} * ${b}', ab)]).toEqual([9, 5, 14]);
		expect([calc('${a} div ${b}', ab), calc('${a} mod ${b}', ab), calc('-${a}', ab)]).toEqual([3.5, 1, -7]);
		expect(calc('${a} div ${b}', { a: 1, b: 0 })).toBeNull();
		expect(calc('${a} + ${b}', { a: 1 })).toBeNull();
		expect(calc('${a} + 1 * 2', { a: 1 })).toBe(3);
	});

	it('comparisons: numbers, text, dates; empty is never ordered', () => {
		const ab = { a: 7, b: 2 };
		expect(['=', '!=', '<', '<=', '>', '>='].map((op) => calc(`\${a} ${op} \${b}`, ab))).toEqual([false, true, false, false, true, true]);
		expect(calc('${a} = 7', { a: 7 })).toBe(true);
		expect(calc("${t} = 'Ani'", { t: 'Ani' })).toBe(true);
		expect(calc('${a} < 5', {})).toBe(false);
		expect(calc('${a} >= 5', {})).toBe(false);
		expect(calc("${a} = ''", {})).toBe(true);
		expect(calc("${d} < '2000-01-01'", { d: '1990-05-17' })).toBe(true);
	});

	it('and, or, not', () => {
		expect(calc('${a} > 1 and ${b} > 1', { a: 2, b: 2 })).toBe(true);
		expect(calc('${a} > 1 and ${b} > 1', { a: 2 })).toBe(false);
		expect(calc('${a} > 1 or ${b} > 1', { a: 2 })).toBe(true);
		expect(calc('not(${a} > 1)', { a: 2 })).toBe(false);
	});
});

describe('functions through the engine', () => {
	it('selected() in a relevance, count-selected() in a constraint', () => {
		const e = engineOf(
			[
				q.selectMultiple('crops', 'crops', { constraint: 'count-selected(.) <= 2' }),
				q.integer('apricot_kg', { relevant: "selected(${crops}, 'apricot')" })
			],
			{ choices: { crops: list('wheat', 'barley', 'apricot') } }
		);
		e.set('crops', [], ['wheat']);
		expect(e.relevant('apricot_kg')).toBe(false);
		e.set('crops', [], ['wheat', 'apricot']);
		expect([e.relevant('apricot_kg'), e.issue('crops')]).toEqual([true, undefined]);
		e.set('crops', [], ['wheat', 'barley', 'apricot']);
		expect(e.issue('crops')).toMatchObject({ kind: 'constraint' });
	});

	it('string-length() and regex() in constraints', () => {
		const e = engineOf([
			q.text('initials', { constraint: 'string-length(.) <= 3' }),
			q.text('phone', { constraint: "regex(., '^0[0-9]{8}$')" })
		]);
		e.set('initials', [], 'ԱԲԳ');
		e.set('phone', [], '091234567');
		expect(e.issues()).toEqual([]);
		e.set('initials', [], 'ԱԲԳԴ');
		e.set('phone', [], '91234567');
		expect(e.issues().map((i) => i.name)).toEqual(['initials', 'phone']);
	});

	it('today() is the interview reference date, not the clock', () => {
		const e = engineOf([q.date('visit', { constraint: '. <= today()' }), q.calculate('ref', 'today()')], { today: '2026-11-30' });
		expect(e.value('ref')).toBe('2026-11-30');
		e.set('visit', [], '2026-11-30');
		expect(e.issue('visit')).toBeUndefined();
		e.set('visit', [], '2026-12-01');
		expect(e.issue('visit')).toMatchObject({ kind: 'constraint' });
	});

	it('int(), round(), number(), string(), concat(), date()', () => {
		expect(calc('int(${a} div ${b})', { a: 7, b: 2 })).toBe(3);
		expect(calc('int(-7 div 2)')).toBe(-3);
		expect(calc('round(${a} div 3, 2)', { a: 2 })).toBe(0.67);
		expect(calc('number(${t}) + 1', { t: '41' })).toBe(42);
		expect(calc("concat(${t}, '-', string(${a}))", { t: 'hh', a: 7 })).toBe('hh-7');
		expect(calc('date(${d})', { d: '2024-02-29' })).toBe('2024-02-29');
	});

	it('coalesce() and if()', () => {
		expect(calc('coalesce(${a}, ${b})', { b: 5 })).toBe(5);
		expect(calc('coalesce(${a}, ${b})', { a: 0, b: 5 })).toBe(0);
		expect(calc("if(${a} >= 18, 'adult', 'child')", { a: 18 })).toBe('adult');
		expect(calc("if(${a} >= 18, 'adult', 'child')", {})).toBe('child');
	});

	it('once(random()) is drawn once, when entered, kept in the answers, and survives a reload', () => {
		let draws = 0;
		const random = () => (draws++, 0.42);
		const form = compiled([q.integer('a'), q.calculate('pick', 'once(random())'), q.calculate('arm', "if(${pick} < 0.5, 'a', 'b')")]);
		const e = new FormEngine(form, {}, { today: '2026-11-30', random });
		// Reading draws nothing: what shows could not change on a reload.
		expect([e.value('pick'), e.submission(), e.answers, draws]).toEqual([null, { arm: 'b' }, {}, 0]);
		expect(e.enter()).toBe(true);
		expect(e.value('arm')).toBe('a');
		expect(e.answers).toEqual({ pick: 0.42 });
		expect(e.enter()).toBe(false);
		e.set('a', [], 1);
		expect(e.value('pick')).toBe(0.42);
		const reloaded = new FormEngine(form, structuredClone(e.answers), { today: '2026-11-30', random: seeded(9) });
		expect([reloaded.value('pick'), reloaded.value('arm'), reloaded.enter(), draws]).toEqual([0.42, 'a', false, 1]);
		expect(reloaded.submission()).toEqual({ a: 1, pick: 0.42, arm: 'a' });
	});

	it('once() of an irrelevant calculation draws nothing until it applies and is entered', () => {
		const e = engineOf([q.integer('a'), q.calculate('pick', 'once(random())', { relevant: '${a} = 1' })], { random: () => 0.9 });
		expect([e.enter(), e.value('pick'), e.answers]).toEqual([false, null, {}]);
		e.set('a', [], 1);
		expect([e.value('pick'), e.submission()]).toEqual([null, { a: 1 }]);
		expect(e.enter()).toBe(true);
		expect(e.value('pick')).toBe(0.9);
		expect(e.submission()).toEqual({ a: 1, pick: 0.9 });
	});

	it('a kept once() draw that is not a value (a hostile device sent an object) is no value: no throw, drawn anew', () => {
		const form = compiled([q.calculate('pick', 'once(random())'), q.calculate('high', '${pick} > 0.5')]);
		const e = new FormEngine(form, { pick: { constructor: {}, toString: 1 } }, { today: '2026-11-30', random: () => 0.9 });
		expect([e.value('pick'), e.value('high')]).toEqual([0.9, true]);
	});
});
