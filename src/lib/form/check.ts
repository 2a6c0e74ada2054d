/**
 * Checks a submitted answers object (the wire shape) against its form, the way the
 * device did before finalizing: used by the server, which trusts no device.
 */
import type { CompiledForm } from './compile';
import { FormEngine, type Place } from './engine';
import type { AnswerIssue } from './types';
import { maxEntries, maxLength } from './limits';
import type { Repeat } from './schema';
import { ENTRY_KEY, entryKeyPattern, type Answers } from './values';

export interface AnswerProblem {
	/** The instance: "hh_size", "member.2.m_age". */
	path: string;
	code: string;
	message: string;
}

export interface CheckOptions {
	/** The interview's reference date, for today(). */
	today: string;
	/** A break-off stops before the end: missing answers are expected, wrong ones are not. */
	breakOff?: boolean;
	confirmed?: readonly string[];
}

function describe(issue: AnswerIssue): { code: string; message: string } {
	switch (issue.kind) {
		case 'required':
			return { code: 'required', message: 'an answer is required' };
		case 'type':
			return { code: issue.code, message: `the answer has the wrong form (${issue.code.replaceAll('_', ' ')})` };
		case 'constraint':
			return { code: 'constraint', message: issue.message?.en ?? 'the answer breaks a constraint' };
		case 'limit':
			return limitMessage(issue.code, issue.max);
		case 'unlinked':
			return { code: 'unlinked', message: 'the member this answer named was deleted' };
	}
}

function limitMessage(code: 'too_long' | 'too_many_entries', max: number): { code: string; message: string } {
	return code === 'too_long'
		? { code, message: `the answer is longer than ${max} characters (max_length ${max})` }
		: { code, message: `more than ${max} entries (max_entries ${max})` };
}

const isEntry = (v: unknown): v is Answers => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The definition's limits (a text's max_length, a repeat's max_entries), read straight off
 * the answers: cheap, so the server runs it before the engine and stops there when it
 * finds any. Entries are walked with an explicit stack.
 */
export function limitProblems(form: CompiledForm, answers: Answers): AnswerProblem[] {
	const problems: AnswerProblem[] = [];
	const queue: [Answers, string, string][] = [[answers, '', '']];
	for (let next = 0; next < queue.length; next++) {
		const [obj, prefix, repeats] = queue[next];
		for (const [name, value] of Object.entries(obj)) {
			const node = form.nodes.get(name);
			if (!node || node.repeats.join('.') !== repeats) continue; // walkKeys names it
			const item = node.item;
			if (item.type === 'text' && typeof value === 'string' && value.length > maxLength(item)) {
				problems.push({ path: `${prefix}${name}`, ...limitMessage('too_long', maxLength(item)) });
			} else if (item.type === 'repeat' && Array.isArray(value)) {
				const max = maxEntries(item as Repeat);
				if (value.length > max) problems.push({ path: `${prefix}${name}`, ...limitMessage('too_many_entries', max) });
				const inner = repeats ? `${repeats}.${name}` : name;
				value.forEach((entry, i) => isEntry(entry) && queue.push([entry, `${prefix}${name}.${i}.`, inner]));
			}
		}
	}
	return problems;
}

export function checkAnswers(form: CompiledForm, answers: Answers, options: CheckOptions): AnswerProblem[] {
	// Over a limit: refused before the engine does any work on it.
	const over = limitProblems(form, answers);
	if (over.length) return over;
	const copy = structuredClone(answers);
	const engine = new FormEngine(form, copy, options);
	const problems: AnswerProblem[] = [];

	/** `prefix` locates the object ("" at the top, "member.2." in an entry), `repeats` names its repeats. */
	/** Entry keys seen, per repeat list: a key names one entry. */
	const keyed = form.links.length > 0;
	const walkKeys = (obj: Answers, place: Place, prefix: string, repeats: string[]) => {
		if (repeats.length) checkEntryKey(obj, `${prefix}${ENTRY_KEY}`, keyed, problems);
		for (const [name, value] of Object.entries(obj)) {
			const node = form.nodes.get(name);
			const path = `${prefix}${name}`;
			if (name === ENTRY_KEY && repeats.length) continue;
			if (!node || node.item.type === 'group' || node.repeats.join('.') !== repeats.join('.')) {
				problems.push({ path, code: 'unknown_question', message: `"${name}" is not a question of this form here` });
			} else if (!engine.relevant(name, place)) {
				problems.push({ path, code: 'not_relevant', message: 'an answer to a question that does not apply' });
			} else if (node.item.type === 'repeat') {
				if (!Array.isArray(value)) problems.push({ path, code: 'not_entries', message: 'a repeat is an array of entries' });
				else {
					const keys = value.map((entry) => (isEntry(entry) ? entry[ENTRY_KEY] : undefined)).filter((k) => typeof k === 'string');
					if (new Set(keys).size !== keys.length) problems.push({ path, code: 'duplicate_key', message: 'two entries share one _key' });
					value.forEach((entry, i) => {
						if (typeof entry === 'object' && entry !== null && !Array.isArray(entry))
							walkKeys(entry as Answers, [...place, i], `${path}.${i}.`, [...repeats, name]);
						else problems.push({ path: `${path}.${i}`, code: 'not_entry', message: 'an entry is an object of answers' });
					});
				}
			} else if (node.item.type === 'note') {
				problems.push({ path, code: 'not_answerable', message: 'this item takes no answer' });
			}
		}
	};
	walkKeys(copy, [], '', []);

	for (const { name, place, issue } of engine.issues()) {
		if (issue.kind === 'required' && options.breakOff) continue;
		if (issue.kind === 'constraint' && issue.soft) continue;
		problems.push({ path: engine.key(name, place), ...describe(issue) });
	}
	return problems;
}

/** An entry's `_key`: a UUID when present; required in a form with member links, which answer by key. */
function checkEntryKey(entry: Answers, path: string, required: boolean, problems: AnswerProblem[]) {
	const key = entry[ENTRY_KEY];
	if (key === undefined) {
		if (required) problems.push({ path, code: 'missing_key', message: 'every entry of this form needs its _key' });
	} else if (typeof key !== 'string' || !entryKeyPattern.test(key)) {
		problems.push({ path, code: 'bad_key', message: 'an entry _key is a UUID (version 4, lower case)' });
	}
}
