/**
 * The parsed form of an expression: plain objects, so a tree can be cached, compared in
 * tests and walked without classes. Every node carries the 1-based column where it starts
 * (for a parenthesised group, where its content starts).
 */

export type BinaryOperator = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod';

/** What a function accepts: an argument count range, and which arguments must be `${name}` references. */
export interface Signature {
	readonly min: number;
	/** Infinity for variadic functions. */
	readonly max: number;
	/** 0-based positions of arguments that must be written as `${name}`. */
	readonly references?: readonly number[];
}

/** Every function the language knows; names and arity are checked at parse time. */
export const signatures = {
	not: { min: 1, max: 1 },
	if: { min: 3, max: 3 },
	selected: { min: 2, max: 2 },
	'count-selected': { min: 1, max: 1 },
	'string-length': { min: 1, max: 1 },
	regex: { min: 2, max: 2 },
	today: { min: 0, max: 0 },
	int: { min: 1, max: 1 },
	coalesce: { min: 2, max: 2 },
	count: { min: 1, max: 1, references: [0] },
	sum: { min: 1, max: 1, references: [0] },
	max: { min: 1, max: 1, references: [0] },
	min: { min: 1, max: 1, references: [0] },
	position: { min: 1, max: 1 },
	/** The `_key` of the current entry of the innermost repeat: entry-key(..). */
	'entry-key': { min: 1, max: 1 },
	'indexed-repeat': { min: 3, max: 3, references: [0, 1] },
	random: { min: 0, max: 0 },
	once: { min: 1, max: 1 },
	concat: { min: 1, max: Infinity },
	round: { min: 1, max: 2 },
	number: { min: 1, max: 1 },
	string: { min: 1, max: 1 },
	true: { min: 0, max: 0 },
	false: { min: 0, max: 0 },
	date: { min: 1, max: 1 },
	/** The label of a select question's answer in the interview's language (instance_name only). */
	'choice-label': { min: 1, max: 1, references: [0] }
} as const satisfies Record<string, Signature>;

export type FunctionName = keyof typeof signatures;

export function isFunctionName(name: string): name is FunctionName {
	return Object.hasOwn(signatures, name);
}

export type Expr =
	| { kind: 'number'; value: number; column: number }
	| { kind: 'string'; value: string; column: number }
	/** `${name}` */
	| { kind: 'reference'; name: string; column: number }
	/** `.`: the answer of the question being evaluated. */
	| { kind: 'current'; column: number }
	/** `..`: only ever the argument of position(..) or entry-key(..). */
	| { kind: 'parent'; column: number }
	/** A bare identifier: a property of the choice being filtered. */
	| { kind: 'choiceField'; name: string; column: number }
	/** Unary minus. */
	| { kind: 'negate'; operand: Expr; column: number }
	| { kind: 'binary'; operator: BinaryOperator; left: Expr; right: Expr; column: number }
	| { kind: 'call'; name: FunctionName; args: Expr[]; column: number };
