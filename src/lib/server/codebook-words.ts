/** Expressions of a definition in words, for the codebook's readers who do not read XLSForm. */
import type { CompiledForm } from '$lib/form';
import type { Expr } from '$lib/form/expr';

const comparisons: Record<string, string> = {
	'=': 'is',
	'!=': 'is not',
	'<': 'is less than',
	'<=': 'is at most',
	'>': 'is more than',
	'>=': 'is at least'
};

/** An expression in words, for people who do not read XLSForm. */
export function inWords(expr: Expr, form: CompiledForm): string {
	const words = (e: Expr): string => inWords(e, form);
	const grouped = (e: Expr, op: string) =>
		e.kind === 'binary' && (e.operator === 'and' || e.operator === 'or') && e.operator !== op ? `(${words(e)})` : words(e);
	switch (expr.kind) {
		case 'number':
			return String(expr.value);
		case 'string':
			return `"${expr.value}"`;
		case 'reference':
			return expr.name;
		case 'current':
			return 'the answer';
		case 'parent':
			return 'this entry';
		case 'choiceField':
			return `the choice's ${expr.name}`;
		case 'negate':
			return `-${words(expr.operand)}`;
		case 'binary':
			if (expr.operator === 'and' || expr.operator === 'or') {
				return `${grouped(expr.left, expr.operator)} ${expr.operator} ${grouped(expr.right, expr.operator)}`;
			}
			return `${words(expr.left)} ${comparisons[expr.operator] ?? expr.operator} ${words(expr.right)}`;
		case 'call': {
			const [a, b] = expr.args;
			switch (expr.name) {
				case 'selected':
					return `${words(a)} includes ${words(b)}`;
				case 'not':
					return `not (${words(a)})`;
				case 'count':
					return `the number of ${words(a)} entries`;
				case 'sum':
					return `the sum of ${words(a)}`;
				case 'count-selected':
					return `the number of choices in ${words(a)}`;
				case 'today':
					return 'the interview date';
				case 'position':
					return "this entry's line number";
				case 'entry-key':
					return "this entry's key (_key)";
				case 'indexed-repeat':
					return `${words(a)} of entry ${words(expr.args[2])} of ${words(b)}`;
				case 'once':
					return `${words(a)}, drawn once and kept`;
				case 'random':
					return 'a random number from 0 to 1';
				default:
					return `${expr.name}(${expr.args.map(words).join(', ')})`;
			}
		}
	}
}
