/**
 * Scales and straight-lining: a scale is a run of at least `minItems` consecutive
 * single-choice questions on one screen sharing a choice list (a calculation between them is
 * never shown, so it does not break the run; anything shown does, as does a roster). Read
 * from the definition, never from a question's name. Questions inside rosters are not scales.
 */
import type { CompiledForm, Translated } from '$lib/form';

export interface Scale {
	/** The screen's name (its top-level group) and its title. */
	screen: string;
	screenLabel: Translated | null;
	/** The choice list the items share. */
	list: string;
	items: string[];
}

const known = new WeakMap<CompiledForm, Map<number, Scale[]>>();

/** The form's scales of at least `minItems` items, screen by screen (kept per compiled form). */
export function scalesOf(form: CompiledForm, minItems: number): Scale[] {
	const byMin = known.get(form) ?? new Map<number, Scale[]>();
	known.set(form, byMin);
	const hit = byMin.get(minItems);
	if (hit) return hit;
	const scales: Scale[] = [];
	for (const screen of form.screens) {
		const top = form.nodes.get(screen.name)?.item;
		const screenLabel = top && top.type !== 'calculate' && top.label ? top.label : null;
		let run: { list: string; items: string[] } | null = null;
		const close = () => {
			if (run && run.items.length >= minItems) scales.push({ screen: screen.name, screenLabel, list: run.list, items: run.items });
			run = null;
		};
		const walk = (names: readonly string[]) => {
			for (const name of names) {
				const node = form.nodes.get(name)!;
				const item = node.item;
				if (item.type === 'group') walk(node.children);
				else if (item.type === 'calculate') continue;
				else if (item.type === 'select_one' && item.choices !== undefined && item.link === undefined && !node.repeats.length) {
					if (run?.list !== item.choices) {
						close();
						run = { list: item.choices, items: [] };
					}
					run!.items.push(name);
				} else close();
			}
		};
		walk(screen.items);
		close();
	}
	byMin.set(minItems, scales);
	return scales;
}

/** The longest scale whose every item has the same plain answer (a special answer is not one), with that answer. */
export function straightLined(
	form: CompiledForm,
	answers: Record<string, unknown>,
	minItems: number
): { scale: Scale; answer: string } | null {
	let found: { scale: Scale; answer: string } | null = null;
	for (const scale of scalesOf(form, minItems)) {
		const first = answers[scale.items[0]];
		if (typeof first !== 'string' || !scale.items.every((name) => answers[name] === first)) continue;
		if (!found || scale.items.length > found.scale.items.length) found = { scale, answer: first };
	}
	return found;
}
