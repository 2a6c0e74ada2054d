/**
 * The checks between a definition's parts that build nothing: choice lists, each question's
 * fields, choice_filter fields, citations, cycles, the declared place, location and household.
 * compileForm (validate.ts) runs them on untrusted data; compile.ts does the rest.
 */
import { choiceList, isCount, specialCodes, type DefinitionChecks, type FormNode, type Report } from './compile';
import { citations, deploymentKeys, isContainer } from './model';
import type { Choice, FormDefinition, Item, Question, Translated } from './schema';
import { MAX_TEXT_LENGTH, maxLength } from './limits';
import { defaultAnswer, typeProblem } from './values';

function checkQuestion(q: Question, at: string, definition: FormDefinition, problem: Report) {
	const isSelect = q.type === 'select_one' || q.type === 'select_multiple';
	const list = choiceList(definition, q.choices);
	if (q.type !== 'calculate' && !q.label) problem(`${at}.label`, `${q.name}: a ${q.type} question needs a label`);
	if (q.type === 'calculate' && !q.calculation) problem(`${at}.calculation`, `${q.name}: a calculate needs a calculation`);
	if (q.type !== 'calculate' && q.calculation) problem(`${at}.calculation`, `${q.name}: only a calculate takes a calculation`);
	if (isSelect && !q.choices && !(q.link && q.type === 'select_one'))
		problem(`${at}.choices`, `${q.name}: a ${q.type} question needs a choice list`);
	if (q.choices && !isSelect && q.type !== 'calculate')
		problem(`${at}.choices`, `${q.name}: only select questions and calculates take choices`);
	if (q.link && q.type !== 'select_one' && q.type !== 'calculate')
		problem(`${at}.link`, `${q.name}: only a select_one or a calculate takes a link`);
	if (q.link && q.choices) problem(`${at}.choices`, `${q.name}: a link's choices are the entries of "${q.link}"; it takes no choice list`);
	if (q.choices && !list) problem(`${at}.choices`, `${q.name}: no choice list named "${q.choices}"`);
	if (q.choice_filter && !isSelect) problem(`${at}.choice_filter`, `${q.name}: only select questions take a choice_filter`);
	if (q.constraint_message && !q.constraint) problem(`${at}.constraint_message`, `${q.name}: a constraint_message needs a constraint`);
	if (q.constraint_soft && !q.constraint) problem(`${at}.constraint_soft`, `${q.name}: constraint_soft needs a constraint`);
	if (q.max_length !== undefined && q.type !== 'text') problem(`${at}.max_length`, `${q.name}: only a text question takes a max_length`);
	else if (q.max_length !== undefined && !isCount(q.max_length, MAX_TEXT_LENGTH)) {
		problem(`${at}.max_length`, `${q.name}: max_length must be a whole number from 1 to ${MAX_TEXT_LENGTH}`);
	}
	if (q.default === undefined) return;
	if (q.type === 'note' || q.type === 'calculate') problem(`${at}.default`, `${q.name}: a ${q.type} takes no default`);
	else if (!isSelect || list) {
		const code = typeProblem(q, defaultAnswer(q), list ?? []);
		if (code)
			problem(`${at}.default`, `${q.name}: the default ${JSON.stringify(q.default)} is not a valid answer (${code.replaceAll('_', ' ')})`);
		else if (q.type === 'text' && String(q.default).length > maxLength(q)) {
			problem(`${at}.default`, `${q.name}: the default ${JSON.stringify(q.default)} is longer than max_length ${maxLength(q)}`);
		}
	}
}

/** Bare names in a choice_filter are the list's attrs, or `value`: a typo would silently filter everything out. */
function checkChoiceFields(q: Question, fields: string[], at: string, definition: FormDefinition, problem: Report) {
	const list = choiceList(definition, q.choices);
	if (!list) return;
	const known = new Set(['value', ...list.flatMap((c) => Object.keys(c?.attrs ?? {}))]);
	for (const field of fields) {
		if (!known.has(field))
			problem(`${at}.choice_filter`, `${q.name}: choice_filter uses "${field}", which no choice in list "${q.choices}" has`);
	}
}

/**
 * Relevance and values are computed on demand, each from what its expressions read and from
 * its container: a cycle there (a calculation reading itself, a group whose relevance reads
 * its own items) would never end, so it is a definition error.
 */
function findCycles(nodes: Map<string, FormNode>, reads: Map<string, Set<string>>, problem: Report) {
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (name: string, trail: string[]) => {
		if (state.get(name) === 'done') return;
		if (state.get(name) === 'visiting') {
			const cycle = [...trail.slice(trail.indexOf(name)), name];
			const node = nodes.get(name)!;
			const calculations = cycle.every((n) => nodes.get(n)?.item.type === 'calculate');
			const kind = node.exprs.calculation ? 'calculation' : node.exprs.relevant ? 'relevant' : 'count';
			const what = calculations ? 'calculations form a cycle' : 'relevance, counts and calculations form a cycle';
			problem(`${node.at}.${kind}`, `${what}: ${cycle.join(' → ')}`);
			return;
		}
		state.set(name, 'visiting');
		for (const read of reads.get(name) ?? []) visit(read, [...trail, name]);
		state.set(name, 'done');
	};
	for (const name of nodes.keys()) visit(name, []);
}

/**
 * A list's values are unique; its codes, if any, cover every choice, are unique, and are never
 * a special code; a numeric value ("1", as XLSForm forms have them) is its own code.
 */
function checkList(name: string, list: readonly (Partial<Choice> | null)[], problem: Report) {
	const seen = new Set<unknown>();
	const codes = new Map<unknown, unknown>();
	for (const [i, c] of list.entries()) {
		if (seen.has(c?.value)) problem(`choices.${name}`, `duplicate choice "${c?.value}" in list "${name}"`);
		seen.add(c?.value);
		if (typeof c?.value === 'string' && /^\d+$/.test(c.value) && c.code !== Number(c.value))
			problem(
				`choices.${name}.${i}.code`,
				`choice "${c.value}" in list "${name}": a numeric value is its own code, so its code must be ${Number(c.value)}`
			);
		if (c?.code === undefined) continue;
		if (specialCodes.includes(c.code))
			problem(`choices.${name}`, `choice "${c.value}" in list "${name}": code ${c.code} is a special code`);
		if (codes.has(c.code))
			problem(`choices.${name}`, `choices "${codes.get(c.code)}" and "${c.value}" in list "${name}" share code ${c.code}`);
		codes.set(c.code, c.value);
	}
	const uncoded = list.filter((c) => c?.code === undefined).map((c) => c?.value);
	if (codes.size && uncoded.length)
		problem(`choices.${name}`, `list "${name}" codes some choices but not ${uncoded.join(', ')}: code every choice or none`);
}

/** Texts may cite only the deployment settings that exist. */
function checkCitations(item: Item, at: string, problem: Report) {
	const texts: [string, Translated | undefined][] = [
		['label', item.label],
		['hint', (item as Question).hint],
		['constraint_message', (item as Question).constraint_message]
	];
	for (const [field, text] of texts) {
		if (!text || typeof text !== 'object') continue;
		const cited = new Set(Object.values(text).flatMap((value) => (typeof value === 'string' ? citations(value) : [])));
		for (const key of cited) {
			if (!(deploymentKeys as readonly string[]).includes(key))
				problem(`${at}.${field}`, `${item.name}: cites \${deployment.${key}}; the settings are ${deploymentKeys.join(', ')}`);
		}
	}
}

/** The form's declared place (a top-level select_one or text) and location (a top-level geopoint). */
function checkDeclared(definition: FormDefinition, nodes: Map<string, FormNode>, problem: Report) {
	const declared: ['place' | 'location', readonly string[]][] = [
		['place', ['select_one', 'text']],
		['location', ['geopoint']]
	];
	for (const [field, types] of declared) {
		const name = definition[field];
		if (name === undefined) continue;
		const node = nodes.get(name);
		if (!node || node.repeats.length || !types.includes(node.item.type)) {
			problem(field, `${field} names "${name}", which is not a ${types.join(' or ')} question outside repeats`);
		}
	}
	const household = definition.household;
	if (household === undefined) return;
	if (definition.place === undefined) problem('household', 'household needs the form to declare its place');
	const roster = nodes.get(household.roster);
	if (!roster || roster.item.type !== 'repeat' || roster.repeats.length)
		problem('household.roster', `household.roster names "${household.roster}", which is not a repeat outside repeats`);
	household.fields.forEach((field, n) => {
		const node = nodes.get(field);
		if (!node || isContainer(node.item) || node.repeats.length !== 1 || node.repeats[0] !== household.roster)
			problem(`household.fields.${n}`, `household.fields names "${field}", which is not a question of ${household.roster}'s entries`);
	});
}

export const definitionChecks: DefinitionChecks = {
	list: checkList,
	question: checkQuestion,
	choiceFields: checkChoiceFields,
	citations: checkCitations,
	cycles: findCycles,
	declared: checkDeclared
};
