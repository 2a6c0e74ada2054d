/**
 * The steps of a repeat entry: the parts an interviewer pages through instead of one long
 * entry. A run of consecutive plain items (questions, notes, calculates) is one step; each
 * group is one step; each nested repeat is one step (its own entries are stepped the same
 * way). A step shows only when something in it would be shown now.
 */
import type { CompiledForm } from './compile';
import type { FormEngine, Place } from './engine';

export interface Step {
	/** `items`: a run of plain items; `group`/`repeat`: that one container (its name is `names[0]`). */
	kind: 'items' | 'group' | 'repeat';
	/** The repeat's children the step holds, in order. */
	names: string[];
}

const split = new WeakMap<CompiledForm, Map<string, Step[]>>();

/** The steps of an entry of `repeat`, as the definition orders its children (whatever the answers). */
export function entrySteps(form: CompiledForm, repeat: string): Step[] {
	let byRepeat = split.get(form);
	if (!byRepeat) split.set(form, (byRepeat = new Map()));
	const known = byRepeat.get(repeat);
	if (known) return known;
	const node = form.nodes.get(repeat);
	if (!node || node.item.type !== 'repeat') throw new Error(`"${repeat}" is not a repeat of form ${form.definition.id}`);
	const steps: Step[] = [];
	for (const name of node.children) {
		const type = form.nodes.get(name)!.item.type;
		if (type === 'group' || type === 'repeat') steps.push({ kind: type, names: [name] });
		else if (steps.at(-1)?.kind === 'items') steps.at(-1)!.names.push(name);
		else steps.push({ kind: 'items', names: [name] });
	}
	byRepeat.set(repeat, steps);
	return steps;
}

/** Whether item `name` at `place` shows anything to the interviewer now (a calculate never does). */
export function shows(engine: FormEngine, name: string, place: Place): boolean {
	const node = engine.node(name);
	if (node.item.type === 'calculate' || !engine.relevant(name, place)) return false;
	if (node.item.type === 'group') return node.children.some((child) => shows(engine, child, place));
	// A repeat whose entries follow a count shows nothing while the count is 0; a free one shows its Add button.
	if (node.item.type === 'repeat') return !node.exprs.count || engine.entryCount(name, place) > 0;
	return true;
}

/** The indexes (into entrySteps) of the steps of the entry at `entry` (its place, ending with its index) that show now. */
export function shownSteps(engine: FormEngine, repeat: string, entry: Place): number[] {
	const shown: number[] = [];
	entrySteps(engine.form, repeat).forEach((step, i) => {
		if (step.names.some((name) => shows(engine, name, entry))) shown.push(i);
	});
	return shown;
}

/**
 * The step to show when `stored` was the last one seen: itself when it shows, else the
 * next that shows (answers may have hidden it), else the last that shows; 0 when none do.
 */
export function currentStep(shown: readonly number[], stored = 0): number {
	if (shown.includes(stored)) return stored;
	return shown.find((s) => s > stored) ?? shown.at(-1) ?? 0;
}

/**
 * The step (index into entrySteps) of an entry of `repeat` that holds item `name` (at any
 * depth below it: a question of a group, of a nested repeat's entries); undefined when
 * `name` is not inside `repeat`.
 */
export function stepOf(form: CompiledForm, repeat: string, name: string): number | undefined {
	let node = form.nodes.get(name);
	while (node && node.parent !== repeat) node = node.parent === undefined ? undefined : form.nodes.get(node.parent);
	if (!node) return undefined;
	const child = node.name;
	const index = entrySteps(form, repeat).findIndex((step) => step.names.includes(child));
	return index < 0 ? undefined : index;
}

/** The first answer that stops the step `step` of the entry at `entry` (required, malformed, hard constraint), in the order of the form. */
export function stepProblem(engine: FormEngine, repeat: string, entry: Place, step: number): { name: string; place: Place } | undefined {
	const names = entrySteps(engine.form, repeat)[step]?.names ?? [];
	const found = engine.issues(names, entry).find((i) => engine.blocks(i.issue));
	return found && { name: found.name, place: found.place };
}

/** The key an entry's step is kept under in the interview's position: "member.1", "member.1.migrant.0". */
export function entryStepKey(engine: FormEngine, repeat: string, place: Place, index: number): string {
	return `${engine.key(repeat, place)}.${index}`;
}

/**
 * The kept steps after entry `index` of the roster keyed `rosterKey` is removed: the removed
 * entry's (and its nested entries') are dropped, those of later entries move up by one.
 */
export function stepsAfterRemoval(steps: Record<string, number>, rosterKey: string, index: number): Record<string, number> {
	const prefix = `${rosterKey}.`;
	const kept: Record<string, number> = {};
	for (const [key, step] of Object.entries(steps)) {
		if (!key.startsWith(prefix)) {
			kept[key] = step;
			continue;
		}
		const [at, ...rest] = key.slice(prefix.length).split('.');
		if (Number(at) < index) kept[key] = step;
		else if (Number(at) > index) kept[[`${prefix}${Number(at) - 1}`, ...rest].join('.')] = step;
	}
	return kept;
}
