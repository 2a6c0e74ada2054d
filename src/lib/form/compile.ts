/**
 * Turns a definition into a compiled form the engine runs (validate.ts first checks the
 * shape of untrusted data with the zod schema); here come the checks between parts (duplicate names,
 * unknown references and choice lists, expression syntax, cycles between calculations),
 * every expression parsed once, and the dependency graph built. Every problem is listed.
 */
import { parseExpression, references, ExpressionError, type Expr } from './expr';
import { isContainer, type Problem } from './model';
import type { Choice, FormDefinition, Item, Question } from './schema';
import { MAX_ENTRIES_LIMIT } from './limits';

export type ExprKind = 'relevant' | 'constraint' | 'calculation' | 'choice_filter' | 'count';
const exprKinds: readonly ExprKind[] = ['relevant', 'constraint', 'calculation', 'choice_filter', 'count'];

/** One named item of the definition: a question, a group or a repeat. */
export interface FormNode {
	name: string;
	item: Item;
	/** Where it stands in the definition, for messages: "items.1.items.0". */
	at: string;
	/** Names of the enclosing repeats, outermost first: an instance needs one index for each. */
	repeats: string[];
	/** The enclosing group or repeat, if any. */
	parent?: string;
	/** Its items' names, for groups and repeats. */
	children: string[];
	exprs: Partial<Record<ExprKind, Expr>>;
	/** Names its expressions read. */
	reads: Set<string>;
	/** Its calculation uses once(): the first value drawn is stored and kept. */
	once: boolean;
	/**
	 * Names it reads in other entries through indexed-repeat(), with the depth of the indexed
	 * repeat in that name's repeats: a change there reaches this node in every entry of it.
	 */
	readsAcross: Map<string, number>;
	/**
	 * For a member link: where its choice_filter is read, a node inside the linked repeat
	 * (so `${m_sex}` is each entry's own answer).
	 */
	linkScope?: FormNode;
}

export interface Screen {
	/** The top-level group or repeat, or for loose top-level questions the first one's name. */
	name: string;
	/** The top-level items shown on this screen. */
	items: string[];
}

export interface CompiledForm {
	definition: FormDefinition;
	nodes: Map<string, FormNode>;
	/** Top-level item names in order. */
	top: string[];
	screens: Screen[];
	/** For each name: the nodes that read it, and a container's children: whose state may change with it. */
	dependents: Map<string, string[]>;
	/** Questions and calculates that link a repeat's entries (their answers are entry keys). */
	links: string[];
	/** The definition's instance_name, parsed; read at the top level through `node`, which no question is. */
	instanceName?: { expr: Expr; node: FormNode };
}

export type CompileResult = { status: 'ok'; form: CompiledForm } | { status: 'invalid'; problems: Problem[] };

/** How many enclosing repeats two nodes share, outermost first. */
export function sharedRepeats(a: FormNode, b: FormNode): number {
	let n = 0;
	while (n < a.repeats.length && n < b.repeats.length && a.repeats[n] === b.repeats[n]) n++;
	return n;
}

/** A choice list by name; never an Object.prototype property. */
export function choiceList(definition: FormDefinition, name: unknown): Choice[] | undefined {
	if (typeof name !== 'string' || !Object.hasOwn(definition.choices, name)) return undefined;
	const list = definition.choices[name];
	return Array.isArray(list) ? list : undefined;
}

export type Report = (at: string, message: string) => void;

/** A limit a definition sets: a whole number from 1 to `ceiling`. */
export const isCount = (n: unknown, ceiling: number) => Number.isSafeInteger(n) && (n as number) >= 1 && (n as number) <= ceiling;

/** The checks between parts that build nothing (compile-checks.ts): a definition checked before needs none. */
export interface DefinitionChecks {
	list(name: string, list: readonly (Partial<Choice> | null)[], problem: Report): void;
	question(q: Question, at: string, definition: FormDefinition, problem: Report): void;
	choiceFields(q: Question, fields: string[], at: string, definition: FormDefinition, problem: Report): void;
	citations(item: Item, at: string, problem: Report): void;
	cycles(nodes: Map<string, FormNode>, reads: Map<string, Set<string>>, problem: Report): void;
	declared(definition: FormDefinition, nodes: Map<string, FormNode>, problem: Report): void;
	languages(definition: FormDefinition, items: readonly FormNode[], problem: Report): void;
}

/**
 * Compiles a definition the schema accepted: every expression parsed, the dependency graph
 * built, and with `checks` (validate.ts compileForm, for untrusted data) every check between
 * parts. A tablet opening a form it checked when it downloaded it compiles it without them,
 * and without zod: the checks' and the schema's code are not part of its first load.
 */
export function compileDefinition(definition: FormDefinition, checks?: DefinitionChecks): CompileResult {
	const problems: Problem[] = [];
	const problem: Report = (at, message) => problems.push({ path: at, message });
	const nodes = new Map<string, FormNode>();
	/** Every item, duplicates included, so a duplicate's own problems are listed too. */
	const all: FormNode[] = [];

	const walk = (items: Item[], at: string, repeats: string[], parent?: string): string[] => {
		const names: string[] = [];
		items.forEach((item, i) => {
			if (typeof item !== 'object' || item === null || typeof item.name !== 'string') return;
			const here = `${at}.${i}`;
			const node: FormNode = {
				name: item.name,
				item,
				at: here,
				repeats,
				parent,
				children: [],
				exprs: {},
				reads: new Set(),
				once: false,
				readsAcross: new Map()
			};
			if (nodes.has(item.name)) problem(`${here}.name`, `duplicate name "${item.name}"`);
			else nodes.set(item.name, node);
			all.push(node);
			if (isContainer(item) && Array.isArray(item.items)) {
				node.children = walk(item.items, `${here}.items`, item.type === 'repeat' ? [...repeats, item.name] : repeats, item.name);
			}
			names.push(item.name);
		});
		return names;
	};
	const top = walk(definition.items, 'items', []);

	for (const [name, list] of Object.entries(definition.choices)) if (Array.isArray(list)) checks?.list(name, list, problem);

	/** Names read by what decides relevance and values: a cycle there never ends. */
	const evaluationReads = new Map<string, Set<string>>();
	for (const node of all) {
		const item = node.item;
		if (!isContainer(item)) checks?.question(item, node.at, definition, problem);
		if (!isContainer(item) && item.link !== undefined) node.linkScope = linkScope(node, item, nodes, problem);
		checks?.citations(item, node.at, problem);
		const evalReads = new Set<string>(node.parent ? [node.parent] : []);
		for (const kind of exprKinds) {
			const source = (item as Partial<Record<ExprKind, unknown>>)[kind];
			if (typeof source !== 'string') continue;
			let expr: Expr;
			try {
				expr = parseExpression(source);
			} catch (error) {
				if (!(error instanceof ExpressionError)) throw error;
				problem(`${node.at}.${kind}`, `${item.name}: ${kind}, column ${error.column}: ${error.message}`);
				continue;
			}
			node.exprs[kind] = expr;
			const refs = references(expr);
			/** A link's choice_filter is read inside each entry of the linked repeat. */
			const scope = kind === 'choice_filter' && node.linkScope ? node.linkScope : undefined;
			for (const name of refs.names) {
				if (!nodes.has(name)) problem(`${node.at}.${kind}`, `${item.name}: ${kind} refers to \${${name}}, which the form does not have`);
				else {
					node.reads.add(name);
					if (scope) readAcrossLink(node, nodes.get(name)!, scope);
					if (kind === 'relevant' || kind === 'calculation' || kind === 'count') evalReads.add(name);
				}
			}
			if (kind === 'calculation' && refs.functions.includes('once')) node.once = true;
			if (refs.usesChoiceFields.length && kind !== 'choice_filter') {
				problem(`${node.at}.${kind}`, `${item.name}: ${kind} uses bare names (${refs.usesChoiceFields.join(', ')}); write \${name}`);
			}
			if (scope && refs.usesChoiceFields.length) {
				problem(
					`${node.at}.${kind}`,
					`${item.name}: a link's choice_filter uses bare names (${refs.usesChoiceFields.join(', ')}); write \${name}`
				);
			} else if (kind === 'choice_filter' && !isContainer(item))
				checks?.choiceFields(item, refs.usesChoiceFields, node.at, definition, problem);
			checkMeaning(expr, scope ?? node, kind, nodes, problem);
		}
		if (nodes.get(node.name) === node) evaluationReads.set(node.name, evalReads);
		if (item.type === 'repeat' && item.max_entries !== undefined && !isCount(item.max_entries, MAX_ENTRIES_LIMIT)) {
			problem(`${node.at}.max_entries`, `${item.name}: max_entries must be a whole number from 1 to ${MAX_ENTRIES_LIMIT}`);
		}
		if (item.type === 'group' && item.list !== undefined) {
			const target = nodes.get(item.list);
			if (!target || target.item.type !== 'repeat' || target.repeats.some((r, i) => node.repeats[i] !== r)) {
				problem(`${node.at}.list`, `${item.name}: list names "${item.list}", which is not a repeat whose entries this group can see`);
			}
		}
		if (item.type === 'repeat' && Array.isArray(item.summary)) {
			for (const name of item.summary) {
				const target = nodes.get(name);
				if (!target || isContainer(target.item) || target.repeats.at(-1) !== item.name) {
					problem(`${node.at}.summary`, `${item.name}: summary names "${name}", which is not a question of this repeat`);
				}
			}
		}
	}
	checks?.cycles(nodes, evaluationReads, problem);
	const instanceName = compileInstanceName(definition.instance_name, nodes, problem);
	checks?.declared(definition, nodes, problem);
	checks?.languages(definition, all, problem);
	if (problems.length) return { status: 'invalid', problems };
	const links = [...nodes.values()].filter((n) => n.linkScope).map((n) => n.name);
	const form: CompiledForm = { definition, nodes, top, screens: screensOf(top, nodes), dependents: dependentsMap(nodes), links };
	return { status: 'ok', form: instanceName ? { ...form, instanceName } : form };
}

/**
 * The form-level instance_name: read from the top level, as a top-level calculate would
 * be, but never stored or sent. It names questions with `${name}` only (no `.`, no bare
 * names), and may say a select answer's label with choice-label().
 */
function compileInstanceName(source: string | undefined, nodes: Map<string, FormNode>, problem: Report): CompiledForm['instanceName'] {
	if (typeof source !== 'string') return undefined;
	const item: Question = { type: 'calculate', name: 'instance_name', calculation: source };
	const node: FormNode = {
		name: 'instance_name',
		item,
		at: '',
		repeats: [],
		children: [],
		exprs: {},
		reads: new Set(),
		once: false,
		readsAcross: new Map()
	};
	let expr: Expr;
	try {
		expr = parseExpression(source);
	} catch (error) {
		if (!(error instanceof ExpressionError)) throw error;
		problem('instance_name', `instance_name, column ${error.column}: ${error.message}`);
		return undefined;
	}
	const refs = references(expr);
	for (const name of refs.names) {
		if (nodes.has(name)) node.reads.add(name);
		else problem('instance_name', `instance_name refers to \${${name}}, which the form does not have`);
	}
	if (refs.usesCurrent) problem('instance_name', 'instance_name uses ".", which is no question here; write ${name}');
	if (refs.usesChoiceFields.length)
		problem('instance_name', `instance_name uses bare names (${refs.usesChoiceFields.join(', ')}); write \${name}`);
	checkMeaning(expr, node, 'instance_name', nodes, problem);
	return { expr, node };
}

/**
 * What a reference means where it stands: a repeat's question is read from outside its
 * entries only through count(), sum(), max(), min() or indexed-repeat(); random() only
 * through once() in a calculation, so a draw is made once and kept.
 */
function checkMeaning(expr: Expr, node: FormNode, kind: ExprKind | 'instance_name', nodes: Map<string, FormNode>, problem: Report) {
	const say = (message: string) =>
		kind === 'instance_name' ? problem(kind, `${kind} ${message}`) : problem(`${node.at}.${kind}`, `${node.name}: ${kind} ${message}`);
	const target = (e: Expr | undefined) => (e?.kind === 'reference' ? nodes.get(e.name) : undefined);
	const visit = (e: Expr, inOnce: boolean): void => {
		if (e.kind === 'negate') return visit(e.operand, inOnce);
		if (e.kind === 'binary') {
			visit(e.left, inOnce);
			return visit(e.right, inOnce);
		}
		if (e.kind === 'reference') {
			const t = nodes.get(e.name);
			const depth = t ? sharedRepeats(node, t) : 0;
			if (t && isContainer(t.item)) say(`reads \${${t.name}}, a ${t.item.type}; only count() takes a repeat`);
			else if (t && depth < t.repeats.length) {
				say(
					`reads \${${t.name}}, which is inside repeat "${t.repeats[depth]}": from outside it use count(), sum(), max(), min() or indexed-repeat()`
				);
			}
			return;
		}
		if (e.kind !== 'call') return;
		const [first, second] = [target(e.args[0]), target(e.args[1])];
		switch (e.name) {
			case 'count':
				if (first && first.item.type !== 'repeat') say(`counts \${${first.name}}, which is not a repeat`);
				return;
			case 'sum':
			case 'max':
			case 'min':
				if (first && isContainer(first.item)) say(`takes ${e.name}() of \${${first.name}}, a ${first.item.type}; name a question`);
				return;
			case 'indexed-repeat': {
				const level = first && second ? first.repeats.indexOf(second.name) : 0;
				if (first && second && level < 0)
					say(`uses indexed-repeat() with \${${second.name}}, which is not a repeat holding \${${first.name}}`);
				else if (first) node.readsAcross.set(first.name, Math.min(level, node.readsAcross.get(first.name) ?? level));
				return visit(e.args[2], inOnce);
			}
			case 'entry-key':
				if (!node.repeats.length) say('uses entry-key(..) outside a repeat, where there is no entry');
				return;
			case 'random':
				if (!inOnce) say('uses random() outside once(): it would draw again at every change; write once(random()) in a calculate');
				return;
			case 'once':
				if (kind !== 'calculation') say('uses once(), which only a calculation may');
				break;
			case 'choice-label':
				if (kind !== 'instance_name')
					say('uses choice-label(), which only instance_name may: a stored or checked value must not depend on the interface language');
				if (first && first.item.type !== 'select_one' && first.item.type !== 'select_multiple')
					say(`takes choice-label() of \${${first.name}}, which is not a select question`);
				break;
		}
		for (const arg of e.args) visit(arg, inOnce || e.name === 'once');
	};
	visit(expr, false);
}

function screensOf(top: string[], nodes: Map<string, FormNode>): Screen[] {
	const screens: Screen[] = [];
	for (const name of top) {
		const loose = !isContainer(nodes.get(name)!.item);
		const last = screens.at(-1);
		if (loose && last && !isContainer(nodes.get(last.items[0])!.item)) last.items.push(name);
		else screens.push({ name, items: [name] });
	}
	return screens;
}

/** Who must be looked at again when a name changes: readers of it, and a container's children. */
function dependentsMap(nodes: Map<string, FormNode>): Map<string, string[]> {
	const dependents = new Map<string, string[]>();
	const edge = (from: string, to: string) => {
		const list = dependents.get(from) ?? [];
		if (!list.includes(to)) list.push(to);
		dependents.set(from, list);
	};
	for (const node of nodes.values()) {
		for (const read of node.reads) edge(read, node.name);
		for (const child of node.children) edge(node.name, child);
	}
	return dependents;
}

/** Don't know, Refused, Interviewer error, Legal skip, Break-off: the Caucasus Barometer's. */
export const specialCodes: readonly number[] = [-1, -2, -3, -7, -9];

/**
 * A member link's scope: a node standing inside the linked repeat, where its choice_filter
 * is read. The repeat must be one whose entries the question can see: its enclosing repeats
 * enclose the question too.
 */
function linkScope(node: FormNode, q: Question, nodes: Map<string, FormNode>, problem: Report): FormNode | undefined {
	const target = nodes.get(q.link!);
	if (!target || target.item.type !== 'repeat') {
		problem(`${node.at}.link`, `${q.name}: link names "${q.link}", which is not a repeat of this form`);
		return undefined;
	}
	if (target.repeats.some((r, i) => node.repeats[i] !== r)) {
		problem(`${node.at}.link`, `${q.name}: links "${q.link}", whose entries it cannot see from where it stands`);
		return undefined;
	}
	const scope: FormNode = { ...node, repeats: [...target.repeats, target.name], readsAcross: new Map(), reads: new Set() };
	// The choices are labelled by the entries' summaries: a change there changes the choices.
	for (const name of (target.item as { summary?: string[] }).summary ?? []) {
		const summary = nodes.get(name);
		if (!summary) continue;
		node.reads.add(name);
		readAcrossLink(node, summary, scope);
	}
	node.reads.add(target.name);
	return scope;
}

/** A link reads `target` in every entry of the linked repeat: a change in any entry reaches it. */
function readAcrossLink(node: FormNode, target: FormNode, scope: FormNode) {
	const depth = scope.repeats.length - 1;
	if (target.repeats[depth] !== scope.repeats[depth]) return;
	node.readsAcross.set(target.name, Math.min(depth, node.readsAcross.get(target.name) ?? depth));
}
