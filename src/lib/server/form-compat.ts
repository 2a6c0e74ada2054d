/**
 * What a new version of a form may not change in what earlier versions published: a question
 * keeps its type, and a choice value keeps its code, so the export's columns and the value
 * labels statistics packages read mean the same in every version. Pure: no store.
 */
import type { CompiledForm, Problem } from '$lib/form';
import { choiceList } from '$lib/form/compile';

/** The codes of a question's choices in one version, by value (only the coded ones). */
function codesOf(form: CompiledForm, question: string): Map<string, number> {
	const item = form.nodes.get(question)?.item;
	const list = item && 'choices' in item ? choiceList(form.definition, item.choices) : undefined;
	return new Map((list ?? []).filter((c) => c.code !== undefined).map((c) => [c.value, c.code!]));
}

/**
 * Every way `next` changes what `earlier` versions of the same form published (any order):
 * a question (or group, repeat) given another type, or a (question, choice value) given
 * another code than an earlier version gave it (when both have codes). Paths point into
 * `next`'s definition. Versions with `next`'s own version string are not compared.
 */
export function compatibilityProblems(earlier: readonly CompiledForm[], next: CompiledForm): Problem[] {
	const problems: Problem[] = [];
	const others = earlier.filter((f) => f.definition.version !== next.definition.version);
	for (const [name, node] of next.nodes) {
		const typed = others.find((f) => f.nodes.has(name) && f.nodes.get(name)!.item.type !== node.item.type);
		if (typed) {
			const was = typed.nodes.get(name)!.item.type;
			problems.push({
				path: `${node.at}.type`,
				message: `"${name}" has type ${was} in version "${typed.definition.version}", and a published question keeps its type: give the ${node.item.type} another name`
			});
			continue;
		}
		const codes = codesOf(next, name);
		if (codes.size === 0) continue;
		const listName = 'choices' in node.item ? node.item.choices : undefined;
		const list = choiceList(next.definition, listName) ?? [];
		for (const [value, code] of codes) {
			for (const form of others) {
				const was = codesOf(form, name).get(value);
				if (was === undefined || was === code) continue;
				problems.push({
					path: `choices.${listName}.${list.findIndex((c) => c.value === value)}.code`,
					message: `"${name}": the value "${value}" has code ${was} in version "${form.definition.version}", and a published value keeps its code (here ${code})`
				});
				break;
			}
		}
	}
	return problems;
}
