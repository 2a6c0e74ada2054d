/**
 * What an expression sees from one instance: `${name}` resolved against the entries the
 * two share (a repeat's own entry, the top level), aggregates over the entries below.
 */
import type { Place } from './cache';
import { choiceList, sharedRepeats, type FormNode } from './compile';
import type { EngineOptions, FormEngine } from './engine';
import type { EvalContext, Value } from './expr';
import { isContainer } from './model';
import type { Choice } from './schema';
import { toExprValue } from './values';

export function evalContext(engine: FormEngine, options: EngineOptions, node: FormNode, place: Place, choice?: Choice): EvalContext {
	/** Place of `target` as seen from here: the shared repeats fixed, deeper ones open. */
	const seen = (target: FormNode) => place.slice(0, sharedRepeats(node, target));
	const all = (name: string, prefix: Place): Value[] => engine.places(name, prefix).map((p) => engine.value(name, p));
	return {
		resolve: (name) => {
			const target = engine.node(name);
			const at = seen(target);
			return at.length === target.repeats.length ? engine.value(name, at) : all(name, at);
		},
		resolveAll: (name) => all(name, seen(engine.node(name))),
		count: (name) =>
			engine
				.places(name, seen(engine.node(name)))
				.filter((p) => engine.relevant(name, p))
				.reduce((sum, p) => sum + engine.entryCount(name, p), 0),
		position: () => (place.length ? place[place.length - 1] + 1 : 0),
		entryKey: () => (node.repeats.length ? (engine.entryKeyOf(node, place) ?? null) : null),
		indexedRepeat: (field, repeat, index) => {
			const target = engine.node(field);
			const level = target.repeats.indexOf(repeat);
			if (level < 0 || !Number.isInteger(index) || index < 1) return null;
			const at = seen(target).slice(0, level);
			while (at.length < target.repeats.length) at.push(at.length === level ? index - 1 : 0);
			if (at[level] >= engine.entryCount(repeat, at.slice(0, level))) return null;
			return engine.value(field, at);
		},
		// What is stored, as expressions see it; what a device sent is not trusted to be a Value (once()'s kept draw included).
		current: () => toExprValue(engine.raw(node.name, place)),
		choiceField: (name) => {
			if (!choice) return null;
			if (name === 'value') return choice.value;
			return choice.attrs && Object.hasOwn(choice.attrs, name) ? choice.attrs[name] : null;
		},
		choiceLabel: (name) => {
			const target = engine.node(name);
			const at = seen(target);
			if (isContainer(target.item) || at.length !== target.repeats.length) return null;
			const value = engine.value(name, at);
			const codes = Array.isArray(value) ? value : value === null ? [] : [value];
			if (!codes.length) return null;
			const list = choiceList(engine.form.definition, target.item.choices) ?? [];
			const lang = options.language ?? engine.form.definition.defaultLanguage;
			return codes.map((code) => list.find((c) => c.value === code)?.label[lang] ?? String(code)).join(', ');
		},
		today: () => options.today,
		random: options.random ?? Math.random
	};
}
