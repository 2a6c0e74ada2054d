/**
 * Recursive-descent parser for the expression language. Precedence, lowest first:
 * or; and; = !=; < <= > >=; + -; * div mod; unary -. Binary operators are left-associative.
 * Function names, arity and reference-only arguments are checked here, so a definition
 * with a mistake is rejected when it is loaded, not when an interviewer reaches the question.
 */
import { isFunctionName, signatures, type BinaryOperator, type Expr } from './ast';
import { namePattern, tokenize, type Token } from './lex';
import { ExpressionError } from './types';

/** Deeper trees are rejected, which keeps parsing and evaluation well within the call stack. */
export const maxDepth = 200;

const levels: readonly (readonly BinaryOperator[])[] = [
	['or'],
	['and'],
	['=', '!='],
	['<', '<=', '>', '>='],
	['+', '-'],
	['*', 'div', 'mod']
];
const operatorWords = new Set<string>(['or', 'and', 'div', 'mod']);

export function parseExpression(source: string): Expr {
	const parser = new Parser(tokenize(source));
	if (parser.peek().type === 'end') throw new ExpressionError('expression is empty', 1);
	const expr = parser.expression();
	const rest = parser.peek();
	if (rest.type !== 'end') throw unexpected(rest);
	return expr;
}

function unexpected(token: Token): ExpressionError {
	if (token.type === 'end') return new ExpressionError('unexpected end of expression', token.column);
	return new ExpressionError(`unexpected ${JSON.stringify(token.text)}`, token.column);
}

function plural(n: number): string {
	return n === 1 ? '1 argument' : `${n} arguments`;
}

class Parser {
	private index = 0;
	private nesting = 0;
	private readonly depths = new WeakMap<Expr, number>();

	constructor(private readonly tokens: Token[]) {}

	peek(): Token {
		return this.tokens[this.index];
	}

	private next(): Token {
		const token = this.tokens[this.index];
		if (token.type !== 'end') this.index++;
		return token;
	}

	private isSymbol(symbol: string, token = this.peek()): boolean {
		return token.type === 'symbol' && token.symbol === symbol;
	}

	private expect(symbol: ')'): void {
		const token = this.next();
		if (this.isSymbol(symbol, token)) return;
		if (token.type === 'end') throw new ExpressionError(`missing "${symbol}"`, token.column);
		throw unexpected(token);
	}

	/** Records a node's depth and refuses trees too deep to evaluate safely. */
	private node<T extends Expr>(expr: T, ...children: Expr[]): T {
		const depth = 1 + Math.max(0, ...children.map((c) => this.depths.get(c) ?? 1));
		if (depth > maxDepth) throw new ExpressionError('expression is nested too deeply', expr.column);
		this.depths.set(expr, depth);
		return expr;
	}

	expression(): Expr {
		const token = this.peek();
		if (++this.nesting > maxDepth) throw new ExpressionError('expression is nested too deeply', token.column);
		const expr = this.binary(0);
		this.nesting--;
		return expr;
	}

	private operatorAt(level: number): BinaryOperator | undefined {
		const token = this.peek();
		const text = token.type === 'symbol' ? token.symbol : token.type === 'name' && operatorWords.has(token.name) ? token.name : '';
		return levels[level].find((op) => op === text);
	}

	private binary(level: number): Expr {
		if (level === levels.length) return this.unary();
		let left = this.binary(level + 1);
		for (let operator = this.operatorAt(level); operator; operator = this.operatorAt(level)) {
			this.next();
			const right = this.binary(level + 1);
			left = this.node({ kind: 'binary', operator, left, right, column: left.column }, left, right);
		}
		return left;
	}

	private unary(): Expr {
		const token = this.peek();
		if (!this.isSymbol('-', token)) return this.primary();
		this.next();
		if (++this.nesting > maxDepth) throw new ExpressionError('expression is nested too deeply', token.column);
		const operand = this.unary();
		this.nesting--;
		return this.node({ kind: 'negate', operand, column: token.column }, operand);
	}

	private primary(): Expr {
		const token = this.next();
		const { column } = token;
		switch (token.type) {
			case 'number':
				return this.node({ kind: 'number', value: token.value, column });
			case 'string':
				return this.node({ kind: 'string', value: token.value, column });
			case 'reference':
				return this.node({ kind: 'reference', name: token.name, column });
			case 'name':
				if (this.isSymbol('(')) return this.call(token.name, column);
				if (!namePattern.test(token.name)) {
					throw new ExpressionError(`invalid name "${token.name}": choice fields are lower snake_case`, column);
				}
				return this.node({ kind: 'choiceField', name: token.name, column });
			case 'symbol':
				if (token.symbol === '.') return this.node({ kind: 'current', column });
				if (token.symbol === '..') throw new ExpressionError('".." is only allowed as position(..) or entry-key(..)', column);
				if (token.symbol === '(') {
					const inner = this.expression();
					this.expect(')');
					return inner;
				}
				throw unexpected(token);
			case 'end':
				throw unexpected(token);
		}
	}

	private call(name: string, column: number): Expr {
		if (!isFunctionName(name)) throw new ExpressionError(`unknown function "${name}"`, column);
		this.next(); // (
		const args: Expr[] = [];
		if ((name === 'position' || name === 'entry-key') && this.isSymbol('..')) {
			args.push(this.node({ kind: 'parent', column: this.next().column }));
		} else if (!this.isSymbol(')')) {
			args.push(this.expression());
			while (this.isSymbol(',')) {
				this.next();
				args.push(this.expression());
			}
		}
		this.expect(')');
		const signature = signatures[name];
		const { min, max } = signature;
		if (args.length < min || args.length > max) {
			const expected = min === max ? plural(min) : max === Infinity ? `at least ${plural(min)}` : `${min} to ${plural(max)}`;
			throw new ExpressionError(`expected ${expected} to ${name}(), got ${args.length}`, column);
		}
		if ((name === 'position' || name === 'entry-key') && args[0].kind !== 'parent') {
			throw new ExpressionError(`the argument of ${name}() must be ".."`, args[0].column);
		}
		for (const i of 'references' in signature ? signature.references : []) {
			if (args[i].kind !== 'reference') {
				const which = args.length === 1 ? 'the argument' : `argument ${i + 1}`;
				throw new ExpressionError(`${which} of ${name}() must be a \${name} reference`, args[i].column);
			}
		}
		return this.node({ kind: 'call', name, args, column }, ...args);
	}
}
