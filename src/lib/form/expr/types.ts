/**
 * The expression language of form definitions: a subset of XLSForm / XPath syntax,
 * parsed once into a tree and evaluated against answers without eval or Function.
 */

/** A value an expression produces. null is "empty" (unanswered, irrelevant, Don't know / Refused). */
export type Value = string | number | boolean | null | Value[];

/** A parse or reference error, located by 1-based column in the expression's source. */
export class ExpressionError extends Error {
	constructor(
		message: string,
		readonly column: number
	) {
		super(message);
		this.name = 'ExpressionError';
	}
}

/** Everything an evaluation needs from the outside world; the engine supplies it. */
export interface EvalContext {
	/** The value of `${name}` seen from the current place (a repeat entry or the top level). */
	resolve(name: string): Value;
	/** All values of `${name}` under the current place, for sum(): one per repeat entry (flattened for nested repeats). */
	resolveAll(name: string): Value[];
	/** Number of entries of repeat `${name}` seen from the current place, for count(). */
	count(name: string): number;
	/** 1-based index of the current entry of the innermost repeat; 0 outside repeats. position(..) */
	position(): number;
	/** The `_key` of the current entry of the innermost repeat; null outside repeats or before the entry has one. entry-key(..) */
	entryKey(): string | null;
	/** Value of `${field}` in entry `index` (1-based) of repeat `${repeat}`; null when out of range. */
	indexedRepeat(field: string, repeat: string, index: number): Value;
	/** The value of the question being evaluated: `.` */
	current(): Value;
	/** For choice filters: the value of a bare identifier, a property of the choice being filtered. */
	choiceField(name: string): Value;
	/** The label of the answer of select question `${name}`, in the interview's language; codes joined by ", ". */
	choiceLabel(name: string): Value;
	/** Today as "YYYY-MM-DD" (the interview's reference date). */
	today(): string;
	/** A random number in [0, 1). */
	random(): number;
}
