import { describe, expect, it } from 'vitest';
import { ExpressionError, parseExpression, references, toBoolean, toNumber } from './index';
import { parseError, run } from './testing';

describe('parseExpression', () => {
	it('builds a plain-object tree with columns', () => {
		expect(parseExpression('${age} >= 18')).toEqual({
			kind: 'binary',
			operator: '>=',
			left: { kind: 'reference', name: 'age', column: 1 },
			right: { kind: 'number', value: 18, column: 11 },
			column: 1
		});
	});

	it('reads numbers, both kinds of quotes, ., bare names and function calls', () => {
		expect(parseExpression('3.5')).toMatchObject({ kind: 'number', value: 3.5 });
		expect(parseExpression('.5')).toMatchObject({ kind: 'number', value: 0.5 });
		expect(parseExpression(`"it's"`)).toMatchObject({ kind: 'string', value: "it's" });
		expect(parseExpression(`'say "hi"'`)).toMatchObject({ kind: 'string', value: 'say "hi"' });
		expect(parseExpression('.')).toMatchObject({ kind: 'current' });
		expect(parseExpression('region')).toMatchObject({ kind: 'choiceField', name: 'region' });
		expect(parseExpression('-2')).toMatchObject({ kind: 'negate', operand: { kind: 'number', value: 2 } });
		expect(parseExpression('position(..)')).toMatchObject({ kind: 'call', name: 'position', args: [{ kind: 'parent' }] });
		expect(parseExpression('count-selected( ${crops} )')).toMatchObject({ kind: 'call', name: 'count-selected' });
	});

	it('reads and, or, div, mod as operators in operator position and as names elsewhere', () => {
		expect(parseExpression('and or mod')).toMatchObject({
			kind: 'binary',
			operator: 'or',
			left: { kind: 'choiceField', name: 'and' },
			right: { kind: 'choiceField', name: 'mod' }
		});
		expect(parseExpression('6 div 2')).toMatchObject({ kind: 'binary', operator: 'div' });
	});

	it('reads a hyphen between a name and a number as minus', () => {
		expect(run('${age}-4')).toBe(30);
		expect(parseExpression('n-1')).toMatchObject({ kind: 'binary', operator: '-', left: { name: 'n' } });
	});
});

describe('parse errors', () => {
	it.each([
		['1 + )', 'unexpected ")"', 5],
		['', 'expression is empty', 1],
		['   ', 'expression is empty', 1],
		['1 2', 'unexpected "2"', 3],
		['(1 + 2', 'missing ")"', 7],
		['1 +', 'unexpected end of expression', 4],
		["'abc", 'unterminated string', 1],
		['1 = "abc', 'unterminated string', 5],
		['foo(1)', 'unknown function "foo"', 1],
		['1 + decimal-date-time(.)', 'unknown function "decimal-date-time"', 5],
		['if(1)', 'expected 3 arguments to if(), got 1', 1],
		['not()', 'expected 1 argument to not(), got 0', 1],
		['today(1)', 'expected 0 arguments to today(), got 1', 1],
		['round(1, 2, 3)', 'expected 1 to 2 arguments to round(), got 3', 1],
		['concat()', 'expected at least 1 argument to concat(), got 0', 1],
		['count(3)', 'the argument of count() must be a ${name} reference', 7],
		['sum(.)', 'the argument of sum() must be a ${name} reference', 5],
		['indexed-repeat(${a}, 2, 1)', 'argument 2 of indexed-repeat() must be a ${name} reference', 22],
		['position(.)', 'the argument of position() must be ".."', 10],
		['.. = 1', '".." is only allowed as position(..) or entry-key(..)', 1],
		['${Age}', 'invalid reference "${Age}": names are lower snake_case', 1],
		['1 + ${age', 'unterminated "${"', 5],
		['$age', 'expected "{" after "$"', 1],
		['Region = 1', 'invalid name "Region": choice fields are lower snake_case', 1],
		['1 # 2', 'unexpected "#"', 3],
		['1 == 2', 'unexpected "="', 4],
		['1 ! 2', 'unexpected "!"', 3],
		['if(1, 2 3)', 'unexpected "3"', 9],
		['f(1,)', 'unknown function "f"', 1],
		['not(1,)', 'unexpected ")"', 7]
	])('%j: %s at column %i', (source, message, column) => {
		expect(parseError(source)).toEqual({ message, column });
	});

	it('throws ExpressionError instances', () => {
		expect(() => parseExpression('1 +')).toThrow(ExpressionError);
	});

	it('refuses trees too deep to evaluate safely, without overflowing the stack', () => {
		expect(parseError('('.repeat(5000) + '1' + ')'.repeat(5000)).message).toBe('expression is nested too deeply');
		expect(parseError('-'.repeat(5000) + '1').message).toBe('expression is nested too deeply');
		expect(parseError(Array(5000).fill('1').join(' + ')).message).toBe('expression is nested too deeply');
		expect(run(Array(100).fill('1').join(' + '))).toBe(100);
	});
});

describe('operators', () => {
	it.each([
		['7 + 2', 9],
		['7 - 2', 5],
		['7 * 2', 14],
		['7 div 2', 3.5],
		['7 mod 2', 1],
		['-7 mod 2', -1],
		['-${age}', -34],
		['- -3', 3],
		['${code} + 1', 8],
		['0.1 * 3', 0.30000000000000004]
	])('%s = %j', (source, expected) => {
		expect(run(source)).toBe(expected);
	});

	it.each([
		['1 = 1', true],
		['1 != 1', false],
		['2 < 3', true],
		['3 <= 3', true],
		['2 > 3', false],
		['3 >= 4', false],
		['true() and false()', false],
		['true() or false()', true],
		['${sex} = "f"', true],
		["${sex} != 'm'", true]
	])('%s is %j', (source, expected) => {
		expect(run(source)).toBe(expected);
	});

	it('follows XPath precedence and associates to the left', () => {
		expect(run('1 - 2 - 3')).toBe(-4);
		expect(run('2 + 3 * 4')).toBe(14);
		expect(run('(2 + 3) * 4')).toBe(20);
		expect(run('12 div 3 div 2')).toBe(2);
		expect(run('-2 * 3')).toBe(-6);
		expect(run('1 = 1 and 2 > 3 or true()')).toBe(true);
		expect(run('false() and false() or true()')).toBe(true);
		expect(run('true() or true() and false()')).toBe(true);
		expect(run('1 < 2 = true()')).toBe(true);
		expect(run('1 + 1 = 2')).toBe(true);
	});

	it('short-circuits and / or', () => {
		let draws = 0;
		const random = () => (draws++, 0.5);
		expect(run('false() and random()', { random })).toBe(false);
		expect(run('true() or random()', { random })).toBe(true);
		expect(draws).toBe(0);
	});
});

describe('empty values', () => {
	it('make arithmetic empty', () => {
		expect(run('${missing} + 1')).toBeNull();
		expect(run('${blank} * 2')).toBeNull();
		expect(run('-${missing}')).toBeNull();
		expect(run('${name} + 1')).toBeNull();
		expect(run('5 div 0')).toBeNull();
		expect(run('5 mod 0')).toBeNull();
		expect(run('0 * -1')).toBe(0);
		expect(Object.is(run('0 * -1'), -0)).toBe(false);
	});

	it('equal each other, and only each other', () => {
		expect(run("${missing} = ''")).toBe(true);
		expect(run('${missing} = ${blank}')).toBe(true);
		expect(run('${missing} = 0')).toBe(false);
		expect(run('${missing} != 0')).toBe(true);
		expect(run("${missing} = 'x'")).toBe(false);
	});

	it('make order comparisons false', () => {
		expect(run('${missing} < 5')).toBe(false);
		expect(run('${missing} >= 5')).toBe(false);
		expect(run("${blank} > ''")).toBe(false);
	});
});

describe('comparisons', () => {
	it('compare numerically when both sides are numbers', () => {
		expect(run('${code} = 7.0')).toBe(true);
		expect(run("'10' > '9'")).toBe(true);
		expect(run("' 3 ' = 3")).toBe(true);
	});

	it('compare as text otherwise', () => {
		expect(run("${name} = 'Ani'")).toBe(true);
		expect(run("${name} = 'ani'")).toBe(false);
		expect(run("1 = 'one'")).toBe(false);
		expect(run("'1e2' = 100")).toBe(false);
	});

	it('compare booleans as booleans', () => {
		expect(run("true() = 'false'")).toBe(true);
		expect(run('false() = 0')).toBe(true);
		expect(run('false() = ${missing}')).toBe(true);
		expect(run('true() != 1')).toBe(false);
	});

	it('compare multi-selects as their space-separated codes', () => {
		expect(run("${crops} = 'wheat barley'")).toBe(true);
		expect(run("${crops} = 'wheat'")).toBe(false);
		expect(run("${one} = 'wheat'", { answers: { one: ['wheat'] } })).toBe(true);
		expect(run("${none} = ''", { answers: { none: [] } })).toBe(true);
	});

	it('order dates as text and refuse other text', () => {
		expect(run("${dob} < '2000-01-01'")).toBe(true);
		expect(run('today() >= ${dob}')).toBe(true);
		expect(run("'b' > 'a'")).toBe(false);
		expect(run('${dob} > 5')).toBe(false);
	});

	it('evaluate bare names against the choice being filtered', () => {
		const data = { answers: { site_type: 'urban' }, choice: { region: 'urban' } };
		expect(run('region = ${site_type}', data)).toBe(true);
		expect(run('region = ${site_type}', { ...data, choice: { region: 'rural' } })).toBe(false);
	});
});

describe('toBoolean and toNumber', () => {
	it('follow XPath truthiness', () => {
		expect([null, '', 0, NaN, false, []].map(toBoolean)).toEqual([false, false, false, false, false, false]);
		expect(['false', '0', 1, -1, true, ['a'], ' '].map(toBoolean)).toEqual([true, true, true, true, true, true, true]);
	});

	it('parse plain decimals only', () => {
		expect([12, '12', ' -3.5 ', '.5', true, false, ['4']].map(toNumber)).toEqual([12, 12, -3.5, 0.5, 1, 0, 4]);
		expect([null, '', 'abc', '0x10', '1e3', 'Infinity', ['1', '2']].map(toNumber)).toEqual([NaN, NaN, NaN, NaN, NaN, NaN, NaN]);
	});
});

describe('references', () => {
	it('lists ${} names in order, once each, including aggregate arguments', () => {
		const found = references(
			parseExpression('${b} + sum(${m_age}) + count(${members}) + ${b} + indexed-repeat(${m_name}, ${members}, ${a})')
		);
		expect(found).toEqual({
			names: ['b', 'm_age', 'members', 'm_name', 'a'],
			usesCurrent: false,
			usesChoiceFields: [],
			functions: ['sum', 'count', 'indexed-repeat']
		});
	});

	it('reports ., choice fields and functions', () => {
		expect(references(parseExpression('. > 0 and not(selected(., region)) and -zone = zone'))).toEqual({
			names: [],
			usesCurrent: true,
			usesChoiceFields: ['region', 'zone'],
			functions: ['not', 'selected']
		});
		expect(references(parseExpression('once(random())'))).toEqual({
			names: [],
			usesCurrent: false,
			usesChoiceFields: [],
			functions: ['once', 'random']
		});
	});
});
