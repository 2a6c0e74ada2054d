/** What an expression depends on, for the engine's dependency graph and reference checks. */
import type { Expr } from './ast';

export interface References {
	/** `${name}` references, deduplicated, in order of appearance (count(), sum() and indexed-repeat() arguments included). */
	names: string[];
	/** Whether `.` (the current answer) is used. once() also reads the current answer: see `functions`. */
	usesCurrent: boolean;
	/** Bare identifiers: properties of the choice being filtered. */
	usesChoiceFields: string[];
	/** Functions called, deduplicated, in order of appearance. */
	functions: string[];
}

export function references(expr: Expr): References {
	const names = new Set<string>();
	const choiceFields = new Set<string>();
	const functions = new Set<string>();
	let usesCurrent = false;
	const visit = (e: Expr): void => {
		switch (e.kind) {
			case 'reference':
				names.add(e.name);
				break;
			case 'current':
				usesCurrent = true;
				break;
			case 'choiceField':
				choiceFields.add(e.name);
				break;
			case 'negate':
				visit(e.operand);
				break;
			case 'binary':
				visit(e.left);
				visit(e.right);
				break;
			case 'call':
				functions.add(e.name);
				e.args.forEach(visit);
				break;
		}
	};
	visit(expr);
	return { names: [...names], usesCurrent, usesChoiceFields: [...choiceFields], functions: [...functions] };
}
