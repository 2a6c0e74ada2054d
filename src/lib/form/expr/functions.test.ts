import { describe, expect, it } from 'vitest';
import { evaluate, parseExpression } from './index';
import { fakeContext, household, run } from './testing';

describe('logic', () => {
	it('not()', () => {
		expect(run('not(true())')).toBe(false);
		expect(run('not(${missing})')).toBe(true);
		expect(run("not('false')")).toBe(false);
	});

	it('if() evaluates only the branch taken', () => {
		let draws = 0;
		const random = () => (draws++, 0.25);
		expect(run("if(${age} >= 18, 'adult', 'child')")).toBe('adult');
		expect(run('if(${missing}, 1, random())', { random })).toBe(0.25);
		expect(run('if(1, 2, random())', { random })).toBe(2);
		expect(draws).toBe(1);
	});

	it('true() and false()', () => {
		expect(run('true()')).toBe(true);
		expect(run('false()')).toBe(false);
	});

	it('coalesce() takes the first non-empty value', () => {
		expect(run("coalesce(${missing}, 'x')")).toBe('x');
		expect(run("coalesce(${blank}, 'x')")).toBe('x');
		expect(run("coalesce(${age}, 'x')")).toBe(34);
		expect(run('coalesce(0, 1)')).toBe(0);
		expect(run('coalesce(${missing}, ${missing})')).toBeNull();
	});
});

describe('multi-selects and text', () => {
	it('selected() on arrays, space-separated text and single codes', () => {
		expect(run("selected(${crops}, 'barley')")).toBe(true);
		expect(run("selected(${crops}, 'rye')")).toBe(false);
		expect(run("selected('wheat  barley', 'barley')")).toBe(true);
		expect(run("selected(${sex}, 'f')")).toBe(true);
		expect(run("selected(${missing}, 'a')")).toBe(false);
		expect(run("selected(${blank}, '')")).toBe(false);
	});

	it('count-selected()', () => {
		expect(run('count-selected(${crops})')).toBe(2);
		expect(run("count-selected(' a b  c ')")).toBe(3);
		expect(run('count-selected(${missing})')).toBe(0);
		expect(run('count-selected(${blank})')).toBe(0);
	});

	it('string-length() counts characters', () => {
		expect(run('string-length(${name})')).toBe(3);
		expect(run("string-length('Անի')")).toBe(3);
		expect(run("string-length('😀')")).toBe(1);
		expect(run('string-length(${missing})')).toBe(0);
		expect(run('string-length(12.5)')).toBe(4);
	});

	it('regex() uses the pattern as written', () => {
		expect(run("regex(${name}, '^[A-Z][a-z]+$')")).toBe(true);
		expect(run("regex('abc123', '[0-9]')")).toBe(true);
		expect(run("regex('abc', '^b')")).toBe(false);
		expect(run("regex('091234567', '^0[0-9]{8}$')")).toBe(true);
		expect(run("regex(${missing}, '.*')")).toBe(false);
		expect(run("regex('', '^$')")).toBe(true);
	});

	it('regex() with an invalid pattern is false, not an exception', () => {
		expect(run("regex('abc', '(')")).toBe(false);
		expect(run("regex('abc', '[')")).toBe(false);
	});

	it('concat() joins texts, empty as nothing', () => {
		expect(run("concat(${name}, ' (', ${age}, ')')")).toBe('Ani (34)');
		expect(run("concat('a', ${missing}, 'b')")).toBe('ab');
		expect(run('concat(${crops})')).toBe('wheat barley');
		expect(run('concat(true(), 1.5)')).toBe('true1.5');
	});

	it('string()', () => {
		expect(run('string(12)')).toBe('12');
		expect(run('string(${missing})')).toBe('');
		expect(run('string(false())')).toBe('false');
	});
});

describe('numbers', () => {
	it('int() truncates toward zero', () => {
		expect(run('int(3.9)')).toBe(3);
		expect(run('int(-3.9)')).toBe(-3);
		expect(run('int(-0.5)')).toBe(0);
		expect(run("int('7.2')")).toBe(7);
		expect(run('int(${missing})')).toBeNull();
		expect(run("int('x')")).toBeNull();
	});

	it('round() rounds half away from zero, to optional digits', () => {
		expect(run('round(2.5)')).toBe(3);
		expect(run('round(-2.5)')).toBe(-3);
		expect(run('round(2.4)')).toBe(2);
		expect(run('round(1.005, 2)')).toBe(1.01);
		expect(run('round(3.14159, 3)')).toBe(3.142);
		expect(run('round(1234, -2)')).toBe(1200);
		expect(run('round(0.1, 400)')).toBe(0.1);
		expect(run('round(${missing}, 2)')).toBeNull();
		expect(run("round(1.5, 'x')")).toBeNull();
	});

	it('number()', () => {
		expect(run("number('12.5')")).toBe(12.5);
		expect(run('number(true())')).toBe(1);
		expect(run("number('abc')")).toBeNull();
		expect(run('number(${missing})')).toBeNull();
	});

	it('random() comes from the context', () => {
		expect(run('random()', { random: () => 0.75 })).toBe(0.75);
	});

	it('once() keeps the current value, and draws only when there is none', () => {
		let draws = 0;
		const random = () => (draws++, 0.42);
		expect(run('once(random())', { current: 0.17, random })).toBe(0.17);
		expect(draws).toBe(0);
		expect(run('once(random())', { current: null, random })).toBe(0.42);
		expect(run('once(random())', { current: '', random })).toBe(0.42);
		expect(draws).toBe(2);
	});
});

describe('repeats', () => {
	it('count() counts entries', () => {
		expect(run('count(${members})')).toBe(2);
		expect(run('count(${members}) = 0', { repeats: { members: [] } })).toBe(true);
	});

	it('sum(), max(), min() over every entry', () => {
		expect(run('sum(${m_age})')).toBe(35);
		expect(run('max(${m_age})')).toBe(30);
		expect(run('min(${m_age})')).toBe(5);
	});

	it('skip empty entries, and are 0 (sum) or empty (max, min) with none', () => {
		const repeats = { members: [{ m_age: 30 }, { m_age: null }, { m_age: '' }, { m_age: '4' }] };
		expect(run('sum(${m_age})', { repeats })).toBe(34);
		expect(run('min(${m_age})', { repeats })).toBe(4);
		const none = { repeats: { members: [{ m_age: null }] } };
		expect(run('sum(${m_age})', none)).toBe(0);
		expect(run('max(${m_age})', none)).toBeNull();
		expect(run('min(${m_age})', none)).toBeNull();
	});

	it('are empty when a value is not a number', () => {
		expect(run('sum(${m_name})')).toBeNull();
		expect(run('max(${m_name})')).toBeNull();
	});

	it('position(..) is the current entry', () => {
		expect(run('position(..)', { position: 2 })).toBe(2);
		expect(run('position(..) = 1', { position: 1 })).toBe(true);
	});

	it('indexed-repeat() reads one entry', () => {
		expect(run('indexed-repeat(${m_name}, ${members}, 2)')).toBe('Lilit');
		expect(run('indexed-repeat(${m_age}, ${members}, 1 + 0)')).toBe(30);
		expect(run('indexed-repeat(${m_age}, ${members}, 3)')).toBeNull();
		expect(run('indexed-repeat(${m_age}, ${members}, 0)')).toBeNull();
		expect(run('indexed-repeat(${m_age}, ${members}, 1.5)')).toBeNull();
		expect(run('indexed-repeat(${m_age}, ${members}, ${missing})')).toBeNull();
	});
});

describe('dates', () => {
	it('today() comes from the context', () => {
		expect(run('today()')).toBe('2024-03-01');
	});

	it('date() accepts real calendar dates only', () => {
		expect(run('date(${dob})')).toBe('1990-05-17');
		expect(run("date('2024-02-29')")).toBe('2024-02-29');
		expect(run("date('2023-02-29')")).toBeNull();
		expect(run("date('2024-13-01')")).toBeNull();
		expect(run("date('17/05/1990')")).toBeNull();
		expect(run("date('2024-03-01T10:30:00+04:00')")).toBe('2024-03-01');
		expect(run('date(${missing})')).toBeNull();
	});

	it('date() of a number counts days from 1970-01-01', () => {
		expect(run('date(0)')).toBe('1970-01-01');
		expect(run('date(19783)')).toBe('2024-03-01');
		expect(run('date(1.5)')).toBeNull();
	});
});

describe('evaluate', () => {
	it('reuses one parsed tree across contexts', () => {
		const adult = parseExpression('${age} >= 18');
		expect(evaluate(adult, fakeContext())).toBe(true);
		expect(evaluate(adult, fakeContext({ ...household, answers: { age: 9 } }))).toBe(false);
		expect(evaluate(adult, fakeContext({}))).toBe(false);
	});
});
