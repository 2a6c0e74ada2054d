/** Splits an expression's source into tokens, each located by its 1-based column. */
import { ExpressionError } from './types';

export type Token =
	| { type: 'number'; value: number; text: string; column: number }
	| { type: 'string'; value: string; text: string; column: number }
	| { type: 'reference'; name: string; text: string; column: number }
	/** A bare name: a function (when followed by "("), an operator word or a choice field. */
	| { type: 'name'; name: string; text: string; column: number }
	| { type: 'symbol'; symbol: Punctuation; text: string; column: number }
	| { type: 'end'; text: ''; column: number };

export type Punctuation = '(' | ')' | ',' | '.' | '..' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*';

/**
 * Lower snake_case: the names of questions and choices, in definitions (schema.ts) and in
 * expressions alike. They become CSV columns read by Stata, SPSS and R.
 */
export const namePattern = /^[a-z][a-z0-9_]*$/;

const twoCharSymbols: readonly Punctuation[] = ['!=', '<=', '>=', '..'];
const oneCharSymbols: readonly Punctuation[] = ['(', ')', ',', '.', '=', '<', '>', '+', '-', '*'];
const numberAt = /\d+(?:\.\d*)?|\.\d+/y;
/** Names may contain "-" before a letter (count-selected), so "n-1" still reads as n - 1. */
const nameAt = /[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z][A-Za-z0-9_]*)*/y;
const referenceAt = /\$\{([^}]*)\}/y;

export function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	const match = (pattern: RegExp): RegExpExecArray | null => {
		pattern.lastIndex = i;
		return pattern.exec(source);
	};
	while (i < source.length) {
		const char = source[i];
		const column = i + 1;
		if (/\s/.test(char)) {
			i++;
			continue;
		}
		let m: RegExpExecArray | null;
		if ((m = match(numberAt))) {
			tokens.push({ type: 'number', value: Number(m[0]), text: m[0], column });
		} else if (char === "'" || char === '"') {
			const close = source.indexOf(char, i + 1);
			if (close < 0) throw new ExpressionError('unterminated string', column);
			const text = source.slice(i, close + 1);
			tokens.push({ type: 'string', value: text.slice(1, -1), text, column });
		} else if (char === '$') {
			if (!(m = match(referenceAt))) {
				throw new ExpressionError(source[i + 1] === '{' ? 'unterminated "${"' : 'expected "{" after "$"', column);
			}
			const name = m[1].trim();
			if (!namePattern.test(name)) {
				throw new ExpressionError(`invalid reference "${m[0]}": names are lower snake_case`, column);
			}
			tokens.push({ type: 'reference', name, text: m[0], column });
		} else if ((m = match(nameAt))) {
			tokens.push({ type: 'name', name: m[0], text: m[0], column });
		} else {
			const pair = source.slice(i, i + 2);
			const symbol = twoCharSymbols.find((s) => s === pair) ?? oneCharSymbols.find((s) => s === char);
			if (!symbol) throw new ExpressionError(`unexpected "${String.fromCodePoint(source.codePointAt(i) ?? 0)}"`, column);
			tokens.push({ type: 'symbol', symbol, text: symbol, column });
		}
		i += tokens[tokens.length - 1].text.length;
	}
	tokens.push({ type: 'end', text: '', column: source.length + 1 });
	return tokens;
}
