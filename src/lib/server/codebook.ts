/**
 * The codebook: one row per variable of a form, generated from its definition, so the
 * documentation a statistician reads can never drift from what devices collect.
 * `npm run codebook` writes codebook.csv; codebook.test.ts fails when it is stale.
 */
import { isContainer, languages, type CompiledForm, type FormNode, type Question } from '$lib/form';
import type { Expr } from '$lib/form/expr';
import { csvLine } from './csv';

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
				default:
					return `${expr.name}(${expr.args.map(words).join(', ')})`;
			}
		}
	}
}

function ancestors(node: FormNode, form: CompiledForm): FormNode[] {
	const chain: FormNode[] = [];
	for (let n: FormNode | undefined = node; n; n = n.parent ? form.nodes.get(n.parent) : undefined) chain.unshift(n);
	return chain;
}

export const codebookHeader = [
	'variable',
	'table',
	'module',
	'type',
	...languages.map((l) => `label_${l}`),
	...languages.map((l) => `values_${l}`),
	'special_codes',
	'asked_if',
	'calculation'
];

export function codebookRows(form: CompiledForm): string[][] {
	const rows: string[][] = [];
	for (const node of form.nodes.values()) {
		const q = node.item;
		if (isContainer(q) || q.type === 'note') continue;
		const chain = ancestors(node, form);
		const conditions = chain.filter((n) => n.exprs.relevant).map((n) => inWords(n.exprs.relevant!, form));
		const list = (q as Question).choices ? form.definition.choices[(q as Question).choices!] : undefined;
		const special = [
			q.allow_dont_know ? "-1 Don't know" : '',
			q.allow_refused ? '-2 Refused' : '',
			conditions.length ? '-7 Legal skip' : '',
			q.type === 'calculate' ? '' : '-9 Break-off'
		].filter(Boolean);
		const top = chain[0].item;
		rows.push([
			q.name,
			node.repeats.at(-1) ?? form.definition.id,
			isContainer(top) ? top.label.en : '',
			q.type,
			...languages.map((l) => q.label?.[l] ?? ''),
			...languages.map((l) => list?.map((c) => `${c.value}=${c.label[l]}`).join('; ') ?? ''),
			special.join('; '),
			conditions.join('; and '),
			node.exprs.calculation ? inWords(node.exprs.calculation, form) : ''
		]);
	}
	return rows;
}

export function codebookCsv(form: CompiledForm): string {
	return [codebookHeader, ...codebookRows(form)].map(csvLine).join('');
}
