/**
 * The numeric code of an answer's value across the versions of one form, so answers of a
 * version without codes export through the codes a later version gave the same value.
 */
import type { CompiledForm } from '$lib/form';
import { choiceList } from '$lib/form/compile';

/** The name of the choice list a question uses in a version, if it has one. */
function listOf(form: CompiledForm, question: string): string | undefined {
	const item = form.nodes.get(question)?.item;
	return item && 'choices' in item ? item.choices : undefined;
}

/** The code of `value` in the named list of one version, if that list codes it. */
function codeIn(form: CompiledForm, list: string | undefined, value: string): number | undefined {
	return choiceList(form.definition, list)?.find((c) => c.value === value)?.code;
}

/**
 * The code of `value` for `question`: from the newest version (versions in publication
 * order, newest last) whose list for that question has the value with a code. Failing
 * that, from the list of the same name as the one the answer's version (`answerVersion`;
 * when not given, any version holding the question) used for that question, in a version
 * newer than it. Undefined when no version codes the value.
 */
export function choiceCode(versions: readonly CompiledForm[], question: string, value: string, answerVersion?: string): number | undefined {
	for (let i = versions.length - 1; i >= 0; i--) {
		const code = codeIn(versions[i], listOf(versions[i], question), value);
		if (code !== undefined) return code;
	}
	const at = answerVersion === undefined ? -1 : versions.findIndex((f) => f.definition.version === answerVersion);
	const own = at >= 0 ? [at] : versions.map((_, i) => i).filter((i) => listOf(versions[i], question) !== undefined);
	for (const i of own.reverse()) {
		const list = listOf(versions[i], question);
		if (list === undefined) continue;
		for (let j = versions.length - 1; j > i; j--) {
			const code = codeIn(versions[j], list, value);
			if (code !== undefined) return code;
		}
	}
	return undefined;
}
