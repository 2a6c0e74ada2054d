import { describe, expect, it } from 'vitest';
import { compileForm } from './validate';
import { FormEngine } from './engine';
import type { Item } from './schema';
import { definitionOf, list, q, repeat } from './testing';
import { household20261201 } from '../forms';
import { completeHousehold, head, household, refusal, wife } from '../forms/samples';

const items: Item[] = [
	q.selectOne('village', 'villages'),
	q.text('village_other', { relevant: "${village} = 'other'" }),
	q.selectMultiple('crops', 'crops'),
	repeat('member', [q.text('m_name'), q.integer('m_age')])
];
const choices = { villages: list('sos', 'herher', 'other'), crops: list('wheat', 'barley') };

function compile(instance_name: string) {
	return compileForm({ ...definitionOf(items, choices), instance_name });
}
const problemsOf = (instance_name: string) => {
	const result = compile(instance_name);
	if (result.status === 'ok') throw new Error(`expected ${instance_name} to be refused`);
	return result.problems;
};
function engine(instance_name: string, answers: Record<string, unknown>, language?: 'hy' | 'ru' | 'en') {
	const result = compile(instance_name);
	if (result.status !== 'ok') throw new Error(result.problems.map((p) => p.message).join('\n'));
	return new FormEngine(result.form, answers, { today: '2026-11-30', language });
}

describe('instance_name in the definition', () => {
	it('is refused with its path when it does not parse, names an unknown question or reads a roster answer bare', () => {
		expect(problemsOf("concat(${village}, '")).toEqual([
			{ path: 'instance_name', message: 'instance_name, column 20: unterminated string' }
		]);
		expect(problemsOf('concat(${head_name}, ${village})')).toEqual([
			{ path: 'instance_name', message: 'instance_name refers to ${head_name}, which the form does not have' }
		]);
		expect(problemsOf('${m_name}')).toEqual([
			{
				path: 'instance_name',
				message:
					'instance_name reads ${m_name}, which is inside repeat "member": from outside it use count(), sum(), max(), min() or indexed-repeat()'
			}
		]);
	});

	it('is refused when empty, when it uses ".", bare names, once() or choice-label() of a question that is not a select', () => {
		expect(problemsOf('  ')).toContainEqual({ path: 'instance_name', message: 'an expression must not be empty' });
		expect(problemsOf('concat(., ${village})')[0]).toMatchObject({
			path: 'instance_name',
			message: expect.stringContaining('uses ".", which is no question here')
		});
		expect(problemsOf('village')[0]).toMatchObject({ path: 'instance_name', message: expect.stringContaining('bare names (village)') });
		expect(problemsOf('once(${village})')[0]).toMatchObject({
			path: 'instance_name',
			message: 'instance_name uses once(), which only a calculation may'
		});
		expect(problemsOf('choice-label(${village_other})')).toEqual([
			{ path: 'instance_name', message: 'instance_name takes choice-label() of ${village_other}, which is not a select question' }
		]);
	});

	it('choice-label() belongs to instance_name only: a calculation that used it would change with the interface language', () => {
		const result = compileForm(definitionOf([...items, q.calculate('place', 'choice-label(${village})')], choices));
		expect(result.status === 'invalid' && result.problems).toEqual([
			{
				path: 'items.4.calculation',
				message:
					'place: calculation uses choice-label(), which only instance_name may: a stored or checked value must not depend on the interface language'
			}
		]);
	});
});

describe('engine.instanceName()', () => {
	const name =
		"concat(indexed-repeat(${m_name}, ${member}, 1), ' · ', if(${village} = 'other', ${village_other}, choice-label(${village})))";

	it('evaluates over the answers, with choice labels in the language asked for (the form default otherwise)', () => {
		const answers = { village: 'herher', member: [{ m_name: 'Armen' }] };
		expect(engine(name, answers).instanceName()).toBe('Armen · herher');
		expect(engine(name, answers, 'hy').instanceName()).toBe('Armen · herher (hy)');
		expect(engine(name, answers).instanceName('ru')).toBe('Armen · herher (ru)');
		expect(engine(name, { village: 'other', village_other: 'Khachmach', member: [{ m_name: 'Armen' }] }).instanceName()).toBe(
			'Armen · Khachmach'
		);
		expect(engine('choice-label(${crops})', { crops: ['barley', 'wheat'] }, 'ru').instanceName()).toBe('barley (ru), wheat (ru)');
	});

	it('follows the answers as they change, and is undefined when empty or not declared', () => {
		const e = engine("concat(${village_other}, ' ')", { village: 'other' });
		expect(e.instanceName()).toBeUndefined();
		e.set('village_other', [], 'Khachmach');
		expect(e.instanceName()).toBe('Khachmach');
		e.set('village', [], 'sos'); // village_other no longer applies
		expect(e.instanceName()).toBeUndefined();
		const plain = compileForm(definitionOf(items, choices));
		expect(plain.status === 'ok' && new FormEngine(plain.form, { village: 'sos' }, { today: '2026-11-30' }).instanceName()).toBeUndefined();
	});
});

describe('the household questionnaire names an interview by its head and settlement', () => {
	const named = (answers: Record<string, unknown>, language?: 'hy' | 'ru' | 'en') =>
		new FormEngine(household20261201, answers, { today: '2026-11-30' }).instanceName(language);

	it('the complete sample household: the head (first in the roster) and the settlement, in each language', () => {
		expect(named(completeHousehold())).toBe('Arsen · Երևան');
		expect(named(completeHousehold(), 'ru')).toBe('Arsen · Ереван');
		expect(named(completeHousehold(), 'en')).toBe('Arsen · Yerevan');
	});

	it('the head wherever the roster lists them, a settlement typed in, and the settlement alone before the roster', () => {
		expect(named(household({ member: [wife, { ...head, m_name: 'Hrant' }] }), 'en')).toBe('Hrant · Yerevan');
		expect(named(household({ settlement: 'other', settlement_other: 'Khachmach', member: [head] }), 'en')).toBe('Arsen · Khachmach');
		expect(named(household({ member: [wife] }), 'en')).toBe('Yerevan');
		expect(named(refusal(), 'ru')).toBe('Ереван');
		expect(named({})).toBeUndefined();
	});
});
