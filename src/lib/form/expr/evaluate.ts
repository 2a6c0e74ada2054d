/**
 * Evaluation of a parsed expression against an EvalContext. Semantics:
 *
 * Values. null is empty (unanswered, irrelevant, Don't know / Refused); '' and an empty
 * multi-select ([]) are empty too. A multi-select is an array of codes; where text is needed
 * it is its codes joined by spaces, as XLSForm stores it.
 *
 * Conversions (convert.ts). toBoolean: null, '', 0, NaN, false and [] are false, everything
 * else is true (the string 'false' is true, as in XPath). toNumber: numbers as they are,
 * booleans 1/0, plain decimal strings ('12', ' -3.5 ') parsed, anything else NaN.
 * toText: null is '', numbers in JS notation, booleans 'true'/'false'.
 *
 * Equality (= and !=). Arrays are first turned into their space-separated text. If either
 * side is a boolean, both are compared as booleans (toBoolean). Otherwise, if either side
 * is empty, they are equal only when both are (null = '' is true). Otherwise, if both
 * convert to numbers, they are compared numerically ('7' = 7.0); else as text.
 *
 * Order (< <= > >=). False when either side is empty. Numeric when both sides convert to
 * numbers; else, when both are "YYYY-MM-DD" dates, as text (which orders dates); else false.
 *
 * Arithmetic (+ - * div mod, unary -). An empty operand makes the result empty (null); so
 * does an operand that is not a number, division by zero, and any NaN or infinite result.
 * mod is the JavaScript remainder (sign of the dividend). -0 is reported as 0.
 *
 * and / or convert with toBoolean, short-circuit, and return booleans.
 *
 * Functions:
 * - not(x); if(c, a, b) evaluates only the branch taken.
 * - selected(x, code): x a multi-select array or space-separated text; false when x is empty.
 * - count-selected(x): number of codes, 0 when empty. string-length(x): characters, 0 when empty.
 * - regex(x, pattern): a JavaScript RegExp used as written (no implied ^…$, as in ODK);
 *   false when x is null or the pattern is invalid.
 * - today(): ctx.today(). random(): ctx.random(). position(..): ctx.position(). entry-key(..): ctx.entryKey().
 * - int(x): truncated toward zero. round(x, digits = 0): half away from zero, digits may be
 *   negative. number(x): toNumber, empty when not a number. string(x): toText.
 * - coalesce(a, b): a unless empty, else b (evaluated only when needed).
 * - count(${repeat}): ctx.count(). indexed-repeat(${field}, ${repeat}, n): ctx.indexedRepeat,
 *   empty unless n is a whole number >= 1.
 * - sum / max / min(${field}) over ctx.resolveAll(): empty values skipped, a non-number makes
 *   the result empty; sum of nothing is 0, max and min of nothing are empty.
 * - once(x): ctx.current() when it is not empty, else x: a random draw is made once per
 *   interview and then kept.
 * - concat(a, ...): the texts joined, empty as ''. true(), false().
 * - choice-label(${q}): ctx.choiceLabel(): the label of q's answer in the interview's
 *   language (XLSForm's jr:choice-name(${q}, '${q}')); the compiler allows it in
 *   instance_name only, so no stored value depends on the interface language.
 * - date(x): "YYYY-MM-DD" when x is a real calendar date (a date-time keeps its date part) or
 *   a whole number of days since 1970-01-01; else empty.
 *
 * Evaluation never throws for bad data: only parseExpression throws.
 */
import type { BinaryOperator, Expr } from './ast';
import { isEmptyValue, numberOrEmpty, toBoolean, toNumber, toText } from './convert';
import * as lib from './library';
import type { EvalContext, Value } from './types';

export function evaluate(expr: Expr, ctx: EvalContext): Value {
	switch (expr.kind) {
		case 'number':
		case 'string':
			return expr.value;
		case 'reference':
			return ctx.resolve(expr.name);
		case 'current':
			return ctx.current();
		case 'parent':
			return null;
		case 'choiceField':
			return ctx.choiceField(expr.name);
		case 'negate':
			return arithmetic('-', 0, evaluate(expr.operand, ctx));
		case 'binary':
			return binary(expr.operator, expr.left, expr.right, ctx);
		case 'call':
			return call(expr, ctx);
	}
}

function binary(operator: BinaryOperator, left: Expr, right: Expr, ctx: EvalContext): Value {
	const a = evaluate(left, ctx);
	switch (operator) {
		case 'or':
			return toBoolean(a) || toBoolean(evaluate(right, ctx));
		case 'and':
			return toBoolean(a) && toBoolean(evaluate(right, ctx));
		case '=':
			return equals(a, evaluate(right, ctx));
		case '!=':
			return !equals(a, evaluate(right, ctx));
		case '<':
		case '<=':
		case '>':
		case '>=':
			return compare(operator, a, evaluate(right, ctx));
		default:
			return arithmetic(operator, a, evaluate(right, ctx));
	}
}

function equals(a: Value, b: Value): boolean {
	if (typeof a === 'boolean' || typeof b === 'boolean') return toBoolean(a) === toBoolean(b);
	const x = Array.isArray(a) ? toText(a) : a;
	const y = Array.isArray(b) ? toText(b) : b;
	if (isEmptyValue(x) || isEmptyValue(y)) return isEmptyValue(x) && isEmptyValue(y);
	const [nx, ny] = [toNumber(x), toNumber(y)];
	if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx === ny;
	return toText(x) === toText(y);
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function compare(operator: '<' | '<=' | '>' | '>=', a: Value, b: Value): boolean {
	if (isEmptyValue(a) || isEmptyValue(b)) return false;
	let [x, y]: [number | string, number | string] = [toNumber(a), toNumber(b)];
	if (Number.isNaN(x) || Number.isNaN(y)) {
		[x, y] = [toText(a), toText(b)];
		if (!isoDate.test(x) || !isoDate.test(y)) return false;
	}
	switch (operator) {
		case '<':
			return x < y;
		case '<=':
			return x <= y;
		case '>':
			return x > y;
		case '>=':
			return x >= y;
	}
}

function arithmetic(operator: '+' | '-' | '*' | 'div' | 'mod', a: Value, b: Value): number | null {
	if (isEmptyValue(a) || isEmptyValue(b)) return null;
	const [x, y] = [toNumber(a), toNumber(b)];
	switch (operator) {
		case '+':
			return numberOrEmpty(x + y);
		case '-':
			return numberOrEmpty(x - y);
		case '*':
			return numberOrEmpty(x * y);
		case 'div':
			return y === 0 ? null : numberOrEmpty(x / y);
		case 'mod':
			return numberOrEmpty(x % y);
	}
}

function call(expr: Extract<Expr, { kind: 'call' }>, ctx: EvalContext): Value {
	const { args } = expr;
	const arg = (i: number): Value => evaluate(args[i], ctx);
	/** The name written as `${name}` in argument i (the parser guarantees it for these functions). */
	const ref = (i: number): string | null => {
		const a = args[i];
		return a.kind === 'reference' ? a.name : null;
	};
	switch (expr.name) {
		case 'not':
			return !toBoolean(arg(0));
		case 'if':
			return toBoolean(arg(0)) ? arg(1) : arg(2);
		case 'selected':
			return lib.selected(arg(0), arg(1));
		case 'count-selected':
			return lib.countSelected(arg(0));
		case 'string-length':
			return lib.stringLength(arg(0));
		case 'regex':
			return lib.regex(arg(0), arg(1));
		case 'today':
			return ctx.today();
		case 'int':
			return lib.int(arg(0));
		case 'coalesce': {
			const first = arg(0);
			return isEmptyValue(first) ? arg(1) : first;
		}
		case 'count': {
			const name = ref(0);
			return name === null ? null : ctx.count(name);
		}
		case 'sum':
		case 'max':
		case 'min': {
			const name = ref(0);
			return name === null ? null : lib.aggregate(expr.name, ctx.resolveAll(name));
		}
		case 'position':
			return ctx.position();
		case 'entry-key':
			return ctx.entryKey();
		case 'indexed-repeat': {
			const [field, repeat, n] = [ref(0), ref(1), toNumber(arg(2))];
			if (field === null || repeat === null || !Number.isInteger(n) || n < 1) return null;
			return ctx.indexedRepeat(field, repeat, n);
		}
		case 'random':
			return ctx.random();
		case 'once': {
			const current = ctx.current();
			return isEmptyValue(current) ? arg(0) : current;
		}
		case 'concat':
			return args.map((_, i) => toText(arg(i))).join('');
		case 'round':
			return args.length > 1 ? lib.round(arg(0), arg(1)) : lib.round(arg(0));
		case 'number':
			return numberOrEmpty(toNumber(arg(0)));
		case 'string':
			return toText(arg(0));
		case 'true':
			return true;
		case 'false':
			return false;
		case 'date':
			return lib.date(arg(0));
		case 'choice-label': {
			const name = ref(0);
			return name === null ? null : ctx.choiceLabel(name);
		}
	}
}
