import { describe, expect, it } from 'vitest';
import { compileForm } from './validate';
import type { Item } from './schema';
import { definitionOf, group, list, q, repeat, tr } from './testing';

/** The problems compileForm lists for a definition; fails when it compiles. */
function problems(input: unknown) {
	const result = compileForm(input);
	if (result.status === 'ok') throw new Error('expected the definition to be rejected');
	return result.problems;
}
const rejected = (items: Item[], choices = {}) => problems(definitionOf(items, choices));
const messages = (items: Item[], choices = {}) => rejected(items, choices).map((p) => p.message);

describe('compileForm accepts', () => {
	it('a well-formed definition, with its nodes, screens and dependency graph', () => {
		const result = compileForm(
			definitionOf([
				q.integer('age'),
				repeat('member', [q.text('m_name'), q.integer('m_age', { relevant: '${age} > 0' })]),
				q.calculate('n', 'count(${member})')
			])
		);
		expect(result.status).toBe('ok');
		if (result.status !== 'ok') return;
		const { nodes, dependents } = result.form;
		expect(nodes.get('m_age')).toMatchObject({ repeats: ['member'], parent: 'member', at: 'items.1.items.1' });
		expect(dependents.get('age')).toEqual(['m_age']);
		expect(dependents.get('member')).toEqual(['m_name', 'm_age', 'n']);
	});
});

describe('shape problems', () => {
	it('unknown type, bad names, missing and blank translations, unknown fields, empty groups', () => {
		const bad = definitionOf([
			{ type: 'barcode', name: 'scan', label: tr('scan') } as unknown as Item,
			q.text('Age'),
			q.text('a'.repeat(33)),
			{ ...q.text('t'), label: { hy: 'a', en: 'b' } } as unknown as Item,
			{ ...q.text('u'), label: { hy: 'a', ru: '  ', en: 'b' } },
			{ ...q.text('v'), colour: 'red' } as unknown as Item,
			group('g', [])
		]);
		expect(problems(bad)).toEqual([
			{ path: 'items.0.type', message: 'unknown type "barcode"' },
			{ path: 'items.1.name', message: 'names are lower snake_case, starting with a letter' },
			{ path: 'items.2.name', message: 'names are at most 32 characters' },
			{ path: 'items.4.label.ru', message: 'must not be empty (every language needs its text)' },
			{ path: 'items.5', message: 'unknown field(s): colour' },
			{ path: 'items.6.items', message: 'a group or repeat needs at least one item' },
			{ path: 'items.3.label.ru', message: 't: label has no text in ru (Русский)' }
		]);
	});

	it('input that is not a definition at all', () => {
		expect(problems('a questionnaire')).toEqual([{ path: '', message: 'of the wrong type' }]);
		expect(problems({ id: 'x' }).map((p) => `${p.path}: ${p.message}`)).toEqual([
			'version: missing',
			'title: missing',
			'defaultLanguage: missing',
			'items: missing'
		]);
		expect(problems({ ...definitionOf([q.text('x')]), defaultLanguage: 'fr' })).toEqual([
			{ path: 'defaultLanguage', message: "defaultLanguage fr is not one of the form's languages (hy, ru, en)" }
		]);
	});
});

describe('problems between parts', () => {
	it('duplicate names, in groups and repeats too', () => {
		expect(rejected([q.text('x'), group('g', [q.integer('x')]), repeat('r', [q.text('g')])])).toEqual([
			{ path: 'items.1.items.0.name', message: 'duplicate name "x"' },
			{ path: 'items.2.items.0.name', message: 'duplicate name "g"' }
		]);
	});

	it('unknown references, naming the question and the column', () => {
		expect(rejected([q.integer('a', { relevant: '${b} = 1' }), q.calculate('c', '${a} + ${zz}')])).toEqual([
			{ path: 'items.0.relevant', message: 'a: relevant refers to ${b}, which the form does not have' },
			{ path: 'items.1.calculation', message: 'c: calculation refers to ${zz}, which the form does not have' }
		]);
	});

	it('syntax errors, naming the question, the column and the place', () => {
		expect(rejected([q.integer('a', { constraint: '. > 1 and' }), q.text('b', { relevant: 'regex(${a})' })])).toEqual([
			{ path: 'items.0.constraint', message: 'a: constraint, column 10: unexpected end of expression' },
			{ path: 'items.1.relevant', message: 'b: relevant, column 1: expected 2 arguments to regex(), got 1' }
		]);
	});

	it('missing labels, select lists, calculations, and misplaced columns', () => {
		const { label: _, ...unlabeled } = q.text('nolabel');
		expect(
			messages(
				[
					unlabeled,
					{ type: 'select_one', name: 's1', label: tr('s1') },
					{ ...q.selectOne('s2', 'nowhere') },
					q.selectMultiple('s3', 'constructor'),
					{ type: 'calculate', name: 'c1' },
					q.integer('i1', {
						calculation: '1',
						choices: 'yn',
						choice_filter: 'value = 1',
						constraint_message: tr('m'),
						constraint_soft: true
					})
				],
				{ yn: list('yes', 'no') }
			)
		).toEqual([
			'nolabel: a text question needs a label',
			's1: a select_one question needs a choice list',
			's2: no choice list named "nowhere"',
			's3: no choice list named "constructor"',
			'c1: a calculate needs a calculation',
			'i1: only a calculate takes a calculation',
			'i1: only select questions and calculates take choices',
			'i1: only select questions take a choice_filter',
			'i1: a constraint_message needs a constraint',
			'i1: constraint_soft needs a constraint'
		]);
	});

	it('duplicate choices and defaults that are not valid answers', () => {
		expect(
			messages(
				[
					q.integer('n', { default: '3' }),
					q.selectOne('s', 'yn', { default: 'maybe' }),
					q.selectMultiple('m', 'yn', { default: 'yes no' }),
					q.date('d', { default: '2026-02-30' }),
					q.note('hello', { default: 'x' })
				],
				{ yn: list('yes', 'no', 'yes') }
			)
		).toEqual([
			'duplicate choice "yes" in list "yn"',
			'n: the default "3" is not a valid answer (not integer)',
			's: the default "maybe" is not a valid answer (unknown choice)',
			'd: the default "2026-02-30" is not a valid answer (not date)',
			'hello: a note takes no default'
		]);
	});

	it('a summary naming a question outside the repeat', () => {
		const form = [
			q.text('hh'),
			repeat('member', [q.text('m_name'), repeat('trip', [q.text('t_dest')])], { summary: ['m_name', 'hh', 't_dest', 'trip', 'zz'] })
		];
		expect(messages(form)).toEqual(
			['hh', 't_dest', 'trip', 'zz'].map((n) => `member: summary names "${n}", which is not a question of this repeat`)
		);
	});

	it('a choice_filter testing an attr no choice has; bare names outside filters', () => {
		const choices = { town: list('gyumri:region=north', 'other') };
		expect(
			messages(
				[q.selectOne('t', 'town', { choice_filter: "regoin = 'north' or value = 'other'" }), q.integer('x', { relevant: 'region = 1' })],
				choices
			)
		).toEqual([
			't: choice_filter uses "regoin", which no choice in list "town" has',
			'x: relevant uses bare names (region); write ${name}'
		]);
	});

	it('references that mean nothing where they stand', () => {
		const form = [
			group('g', [q.integer('a')]),
			repeat('member', [q.integer('m_age'), repeat('trip', [q.integer('t_days')])]),
			q.integer('x1', { relevant: '${m_age} > 18' }),
			q.integer('x2', { relevant: '${g} = 1' }),
			q.calculate('x3', 'count(${m_age})'),
			q.calculate('x4', 'sum(${member})'),
			q.calculate('x5', 'indexed-repeat(${m_age}, ${trip}, 1)'),
			q.calculate('ok', 'sum(${m_age}) + count(${trip}) + max(${t_days}) + indexed-repeat(${t_days}, ${member}, 1)')
		];
		expect(messages(form)).toEqual([
			'x1: relevant reads ${m_age}, which is inside repeat "member": from outside it use count(), sum(), max(), min() or indexed-repeat()',
			'x2: relevant reads ${g}, a group; only count() takes a repeat',
			'x3: calculation counts ${m_age}, which is not a repeat',
			'x4: calculation takes sum() of ${member}, a repeat; name a question',
			'x5: calculation uses indexed-repeat() with ${trip}, which is not a repeat holding ${m_age}'
		]);
	});

	it('random() outside once(), and once() outside a calculation', () => {
		expect(
			messages([q.calculate('r', 'random()'), q.integer('x', { relevant: 'once(1) = 1' }), q.calculate('ok', 'once(random() * 10)')])
		).toEqual([
			'r: calculation uses random() outside once(): it would draw again at every change; write once(random()) in a calculate',
			'x: relevant uses once(), which only a calculation may'
		]);
	});

	it('cycles between calculations', () => {
		expect(
			messages([q.calculate('a', '${b} + 1'), q.calculate('b', '${c} + 1'), q.calculate('c', '${a} + 1'), q.calculate('d', '${d}')])
		).toEqual(['calculations form a cycle: a → b → c → a', 'calculations form a cycle: d → d']);
	});

	it('cycles through relevance, counts and containers, which would never finish evaluating', () => {
		expect(
			messages([
				q.integer('x', { relevant: '${x} > 0' }),
				group('g', [q.integer('inner')], { relevant: '${inner} = 1' }),
				repeat('r', [q.integer('k')], { count: 'sum(${k})' })
			])
		).toEqual([
			'relevance, counts and calculations form a cycle: x → x',
			'relevance, counts and calculations form a cycle: g → inner → g',
			'relevance, counts and calculations form a cycle: r → k → r'
		]);
	});

	it('lists every problem in one result, shape and between parts together', () => {
		const found = rejected([
			q.integer('Age'),
			q.integer('b', { relevant: '${nope} = 1' }),
			q.integer('b', { constraint: '. >' }),
			{ ...q.text('t'), label: { hy: 'a', en: 'b' } } as unknown as Item,
			q.selectOne('s', 'missing'),
			q.calculate('c1', '${c2}'),
			q.calculate('c2', '${c1}')
		]);
		expect(found.map((p) => p.path)).toEqual([
			'items.0.name',
			'items.2.name',
			'items.1.relevant',
			'items.2.constraint',
			'items.4.choices',
			'items.5.calculation',
			'items.3.label.ru'
		]);
	});
});
