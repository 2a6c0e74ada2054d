/** A small EvalContext over plain objects, for tests of expressions. */
import { evaluate } from './evaluate';
import { parseExpression } from './parse';
import { ExpressionError, type EvalContext, type Value } from './types';

export interface FakeData {
	/** Top-level answers, by name; a missing name is empty. */
	answers?: Record<string, Value>;
	/** Repeat entries, by repeat name. */
	repeats?: Record<string, Record<string, Value>[]>;
	current?: Value;
	/** The choice being filtered: its properties by name. */
	choice?: Record<string, Value>;
	position?: number;
	entryKey?: string;
	today?: string;
	random?: () => number;
}

export const household: FakeData = {
	answers: { age: 34, name: 'Ani', sex: 'f', crops: ['wheat', 'barley'], blank: '', code: '7', dob: '1990-05-17' },
	repeats: {
		members: [
			{ m_age: 30, m_name: 'Aram' },
			{ m_age: 5, m_name: 'Lilit' }
		]
	},
	today: '2024-03-01'
};

export function fakeContext(data: FakeData = household): EvalContext {
	const repeats = data.repeats ?? {};
	return {
		resolve: (name) => data.answers?.[name] ?? null,
		resolveAll: (name) => Object.values(repeats).flatMap((entries) => entries.filter((e) => name in e).map((e) => e[name])),
		count: (name) => repeats[name]?.length ?? 0,
		position: () => data.position ?? 0,
		entryKey: () => data.entryKey ?? null,
		indexedRepeat: (field, repeat, index) => repeats[repeat]?.[index - 1]?.[field] ?? null,
		current: () => data.current ?? null,
		choiceField: (name) => data.choice?.[name] ?? null,
		/** No choice lists here: a code stands for its label. */
		choiceLabel: (name) => data.answers?.[name] ?? null,
		today: () => data.today ?? '2024-01-01',
		random: data.random ?? (() => 0.5)
	};
}

/** Parses and evaluates `source` against `data` (the household by default). */
export function run(source: string, data: FakeData = household): Value {
	return evaluate(parseExpression(source), fakeContext(data));
}

/** The message and column parseExpression throws for `source`; fails when it parses. */
export function parseError(source: string): { message: string; column: number } {
	try {
		parseExpression(source);
	} catch (e) {
		if (e instanceof ExpressionError) return { message: e.message, column: e.column };
		throw e;
	}
	throw new Error(`expected ${JSON.stringify(source)} not to parse`);
}
