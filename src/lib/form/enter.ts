/**
 * Entering items: the one walk that writes what reading never writes. The entries of
 * count-driven repeats are made, and once() calculations draw and keep their value, for
 * the items that apply, in groups and in every entry; subtrees holding neither are skipped,
 * so a screen of fifty questions costs little to enter after each answer.
 */
import type { Place } from './cache';
import type { CompiledForm, FormNode } from './compile';
import type { FormEngine } from './engine';

/** Per form: the items that are, or hold, a count-driven repeat or a once() calculation. */
const writersOf = new WeakMap<CompiledForm, Set<string>>();

function writers(form: CompiledForm): Set<string> {
	let found = writersOf.get(form);
	if (found) return found;
	found = new Set();
	for (const node of form.nodes.values()) {
		if (!(node.item.type === 'repeat' && node.exprs.count) && !node.once) continue;
		for (let at: FormNode | undefined = node; at && !found.has(at.name); at = at.parent ? form.nodes.get(at.parent) : undefined) {
			found.add(at.name);
		}
	}
	writersOf.set(form, found);
	return found;
}

type Step = (node: FormNode, place: Place) => boolean;

/**
 * Walks `names` at `place` in document order, calling `create` for each count-driven repeat
 * that applies (before its entries are walked) and `draw`, when given, for each once()
 * calculation that applies; again while a pass changed something (a draw may bring in an
 * item before it, or a count). Whether anything changed.
 */
export function enterItems(engine: FormEngine, names: readonly string[], place: Place, create: Step, draw?: Step): boolean {
	const wanted = writers(engine.form);
	const pass = (names: readonly string[], place: Place): boolean => {
		let changed = false;
		for (const name of names) {
			if (!wanted.has(name) || !engine.relevant(name, place)) continue;
			const node = engine.node(name);
			if (node.item.type === 'group') changed = pass(node.children, place) || changed;
			else if (node.item.type === 'repeat') {
				if (node.exprs.count) changed = create(node, place) || changed;
				const n = engine.entryCount(name, place);
				for (let i = 0; i < n; i++) changed = pass(node.children, [...place, i]) || changed;
			} else if (draw) changed = draw(node, place) || changed;
		}
		return changed;
	};
	let changed = false;
	// Each pass that changes something makes an entry or keeps a draw, neither ever undone here, and
	// entries are capped (max_entries): the passes end. The bound only guards against a fault.
	for (let passes = 0; passes < 100 && pass(names, place); passes++) changed = true;
	return changed;
}
