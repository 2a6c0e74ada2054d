/**
 * The engine's per-instance cache, and what a change makes it forget. A change forgets the
 * changed instance and, following the dependency graph, each dependent's instances that can
 * see it: those in the same entries of the repeats both share, or every entry of a repeat
 * when the dependent reaches across entries (indexed-repeat()). One keystroke in a roster of
 * 100 thus costs what it costs in a roster of 5.
 */
import { sharedRepeats, type CompiledForm, type FormNode } from './compile';
import type { Value } from './expr';
import type { Choice } from './schema';
import type { AnswerIssue } from './types';

export type Place = readonly number[];

/** `wanted`: the entries a count expression asked for, before max_entries cut them. */
export type CacheEntry = {
	relevant?: boolean;
	value?: Value;
	issue?: AnswerIssue | null;
	choices?: Choice[];
	count?: number;
	wanted?: number;
};

/** "member.2.m_age": unique per instance (the place may be longer than the node needs). */
export function instanceKey(node: FormNode, place: Place): string {
	let key = '';
	for (let i = 0; i < node.repeats.length; i++) key += `${node.repeats[i]}.${place[i]}.`;
	return key + node.name;
}

export class StateCache {
	private readonly byNode = new Map<string, Map<string, CacheEntry>>();

	constructor(private readonly form: CompiledForm) {}

	entry(node: FormNode, place: Place): CacheEntry {
		let forNode = this.byNode.get(node.name);
		if (!forNode) this.byNode.set(node.name, (forNode = new Map()));
		const key = instanceKey(node, place);
		let entry = forNode.get(key);
		if (!entry) forNode.set(key, (entry = {}));
		return entry;
	}

	clear(): void {
		this.byNode.clear();
	}

	/** Forgets what may have changed with the instance `name` at `place`. */
	forget(name: string, place: Place): void {
		const nodes = this.form.nodes;
		/** The shortest scope each node was forgotten in: all scopes are prefixes of `place`. */
		const done = new Map<string, number>();
		const queue: [string, Place][] = [[name, place]];
		while (queue.length) {
			const [current, scope] = queue.pop()!;
			const seenAt = done.get(current);
			if (seenAt !== undefined && seenAt <= scope.length) continue;
			done.set(current, scope.length);
			const from = nodes.get(current)!;
			this.drop(from, scope);
			for (const dependent of this.form.dependents.get(current) ?? []) {
				const to = nodes.get(dependent)!;
				// indexed-repeat() reads other entries: from the indexed repeat inward, all of them.
				const across = to.readsAcross.get(current);
				const depth = Math.min(sharedRepeats(from, to), across ?? Infinity);
				queue.push([dependent, scope.slice(0, depth)]);
			}
		}
	}

	/** Drops cached state of `node`'s instances inside the entries fixed by `scope`. */
	private drop(node: FormNode, scope: Place): void {
		const forNode = this.byNode.get(node.name);
		if (!forNode) return;
		if (scope.length === 0) forNode.clear();
		else if (scope.length >= node.repeats.length) forNode.delete(instanceKey(node, scope));
		else {
			const prefix = node.repeats
				.slice(0, scope.length)
				.map((r, i) => `${r}.${scope[i]}.`)
				.join('');
			for (const key of forNode.keys()) if (key.startsWith(prefix)) forNode.delete(key);
		}
	}
}
