/**
 * The questionnaire engine at run time: given a compiled form and the answers, it tells
 * which questions apply, which are required and missing, which constraints fail, the
 * values of calculations, and the repeat entries. Pure TypeScript: the UI wraps it.
 *
 * Places: a question inside repeats has one instance per entry; its place lists the
 * 0-based entry index of each enclosing repeat, outermost first ([] at the top level).
 * Results are cached per instance (cache.ts); a change forgets only what can see it.
 *
 * Reads never change the answers. The answers change only through the calls that say so
 * (set, addEntry, removeEntry, confirm, assignKeys, applyDefaults, enter, createEntries),
 * and each tells the listeners given to subscribe() once it is done.
 */
import { StateCache, instanceKey, type Place } from './cache';
import { Changes } from './changes';
import type { AnswerIssue } from './types';
import { choiceList, type CompiledForm, type FormNode } from './compile';
import { evalContext } from './context';
import { enterItems } from './enter';
import { evaluate, toBoolean, toNumber, toText, type EvalContext, type Expr, type Value } from './expr';
import { DEFAULT_MAX_ENTRIES, maxEntries, maxLength } from './limits';
import { formLanguages, isContainer } from './model';
import type { Choice, Question, Repeat } from './schema';
import { ENTRY_KEY, defaultAnswer, isUnanswered, isSpecial, newEntryKey, toExprValue, typeProblem, type Answers } from './values';

export type { Place };

export interface EngineOptions {
	/** The interview's reference date, "YYYY-MM-DD": what today() returns. */
	today: string;
	random?: () => number;
	/** Instance keys of soft-constraint warnings the interviewer confirmed. */
	confirmed?: readonly string[];
	/** The form's language choice-label() speaks in the instance name; the form's default language when not given. */
	language?: string;
	/** Instance keys of member links cleared because the member was deleted: marked until answered again. */
	unlinked?: readonly string[];
	/** Makes the `_key` of a new repeat entry; a random UUID when not given. */
	newKey?: () => string;
}

/**
 * Most entries a repeat has when its definition sets no max_entries: a count of 1000 (a
 * typo) makes 200 entries and an issue, and must not freeze the tablet.
 */
export const MAX_ENTRIES = DEFAULT_MAX_ENTRIES;

export class FormEngine {
	readonly form: CompiledForm;
	readonly answers: Answers;
	private readonly options: EngineOptions;
	private readonly confirmed: Set<string>;
	private readonly unlinkedSet: Set<string>;
	private readonly newKey: () => string;
	private readonly cache: StateCache;
	private readonly changes = new Changes();

	constructor(form: CompiledForm, answers: Answers, options: EngineOptions) {
		this.form = form;
		this.answers = answers;
		this.options = options;
		this.confirmed = new Set(options.confirmed);
		this.unlinkedSet = new Set(options.unlinked);
		this.newKey = options.newKey ?? newEntryKey;
		this.cache = new StateCache(form);
	}

	node(name: string): FormNode {
		const node = this.form.nodes.get(name);
		if (!node) throw new Error(`no item named "${name}" in form ${this.form.definition.id}`);
		return node;
	}

	/** "member.2.m_age": unique per instance; used for cache, confirmations and paradata. */
	key(name: string, place: Place): string {
		return instanceKey(this.node(name), place);
	}

	/** Calls `listener` after every change of the answers, confirmations or links; returns the call that stops it. */
	subscribe(listener: () => void): () => void {
		return this.changes.subscribe(listener);
	}

	// ── answers ────────────────────────────────────────────────────────────────────

	/**
	 * The object holding the answers of `node` at `place`; when `create`, missing arrays and
	 * entries are made on the way (a hole would reach the server as null).
	 */
	private holder(node: FormNode, place: Place, create: boolean): Record<string, unknown> | undefined {
		let here: Record<string, unknown> = this.answers;
		for (let i = 0; i < node.repeats.length; i++) {
			const found = here[node.repeats[i]];
			let entries: unknown[];
			if (Array.isArray(found)) entries = found;
			else {
				if (!create) return undefined;
				here[node.repeats[i]] = entries = [];
			}
			const index = place[i];
			if (!Number.isInteger(index) || index < 0) {
				if (!create) return undefined;
				throw new Error(`${node.name}: place [${place.join(', ')}] names no entry of ${node.repeats[i]}`);
			}
			if (!isEntry(entries[index])) {
				if (!create) return undefined;
				for (let k = 0; k <= index; k++) if (!isEntry(entries[k])) entries[k] = this.newEntry();
				// A free repeat's count is its array's length: everything may have moved.
				this.cache.clear();
			}
			here = entries[index] as Record<string, unknown>;
		}
		return here;
	}

	/** The answer as stored; only the holder's own keys (never an Object.prototype property). */
	raw(name: string, place: Place = []): unknown {
		const holder = this.holder(this.node(name), place, false);
		return holder && Object.hasOwn(holder, name) ? holder[name] : undefined;
	}

	/** Records an answer (as typed: the draft keeps irrelevant and invalid answers too). */
	set(name: string, place: Place, value: unknown): void {
		this.changes.run(() => {
			const node = this.node(name);
			// Entries of count-driven repeats come into being with their defaults, however first reached.
			node.repeats.forEach((r, i) => {
				const at = place.slice(0, i);
				if (this.node(r).exprs.count) this.createCounted(this.node(r), at);
			});
			const holder = this.holder(node, place, true)!;
			// A confirmation is of one answer: a different answer must be confirmed again.
			if (JSON.stringify(holder[name]) !== JSON.stringify(value ?? undefined)) this.confirmed.delete(this.key(name, place));
			if (value === undefined || value === null) delete holder[name];
			else holder[name] = value;
			if (!isUnanswered(value)) this.unlinkedSet.delete(this.key(name, place));
			this.cache.forget(name, place);
			this.changes.changed = true;
		});
	}

	private newEntry(): Record<string, unknown> {
		return { [ENTRY_KEY]: this.newKey() };
	}

	/** The answers object of one entry of `repeat` (place ends with the entry's index). */
	private entryAt(repeat: FormNode, place: Place): Record<string, unknown> | undefined {
		return this.holder(this.node(repeat.children[0]), place, false);
	}

	/** The `_key` of the innermost entry holding `node` at `place`. */
	entryKeyOf(node: FormNode, place: Place): string | undefined {
		if (!node.repeats.length) return undefined;
		const key = this.holder(node, place, false)?.[ENTRY_KEY];
		return typeof key === 'string' ? key : undefined;
	}

	/**
	 * Gives every entry that has none its `_key` (a draft begun before entries had keys);
	 * returns how many were given. Called by whoever opens a draft, never by reading.
	 */
	assignKeys(): number {
		return this.changes.run(() => this.giveKeys());
	}

	private giveKeys(): number {
		let given = 0;
		const visit = (obj: Record<string, unknown>, names: readonly string[]) => {
			for (const name of names) {
				const node = this.node(name);
				if (node.item.type === 'group') visit(obj, node.children);
				if (node.item.type !== 'repeat' || !Array.isArray(obj[name])) continue;
				for (const entry of obj[name] as unknown[]) {
					if (!isEntry(entry)) continue;
					if (typeof entry[ENTRY_KEY] !== 'string') {
						entry[ENTRY_KEY] = this.newKey();
						given++;
					}
					visit(entry, node.children);
				}
			}
		};
		visit(this.answers, this.form.top);
		if (given) this.changes.changed = true;
		return given;
	}

	/** Member links cleared by a deletion and not answered since. */
	unlinked(): string[] {
		return [...this.unlinkedSet];
	}

	/**
	 * A free repeat's entries in the answers; a count-driven repeat's, what its expression
	 * asks for (clamped), whether or not they were made yet (createEntries): an entry not
	 * made reads as empty, without a key or defaults.
	 */
	entryCount(repeat: string, place: Place = []): number {
		const node = this.node(repeat);
		const entry = this.cache.entry(node, place);
		if (entry.count !== undefined) return entry.count;
		let count: number;
		if (node.exprs.count) {
			const n = Math.trunc(toNumber(evaluate(node.exprs.count, this.context(node, place))));
			entry.wanted = Number.isFinite(n) ? n : 0;
			count = Math.min(Math.max(entry.wanted, 0), maxEntries(node.item as Repeat));
		} else {
			const list = this.holder(node, place, false)?.[repeat];
			count = Array.isArray(list) ? list.length : 0;
		}
		return (entry.count = count);
	}

	/**
	 * Makes the entries a count-driven repeat counts and the answers lack, with their
	 * defaults, as addEntry() makes them; entries it no longer counts are kept (and ignored)
	 * in case it grows again. Whether it made any.
	 */
	private createCounted(node: FormNode, place: Place): boolean {
		const count = this.entryCount(node.name, place);
		const list = this.holder(node, place, false)?.[node.name];
		if (count === 0 || (Array.isArray(list) && list.length >= count && list.slice(0, count).every(isEntry))) return false;
		const holder = this.holder(node, place, true)!;
		const entries = (Array.isArray(holder[node.name]) ? holder[node.name] : (holder[node.name] = [])) as unknown[];
		for (let i = 0; i < count; i++) {
			if (isEntry(entries[i])) continue;
			entries[i] = this.newEntry();
			this.applyDefaults(node.children, [...place, i]);
		}
		this.cache.clear();
		this.changes.changed = true;
		return true;
	}

	/** Stores the value a once() calculation draws, when it has none yet and draws one; whether it stored one. */
	private draw(node: FormNode, place: Place): boolean {
		if (!node.once || !isUnanswered(this.raw(node.name, place))) return false;
		const value = this.calculated(node, place);
		// A blank draw is no draw: kept, it would still read as none and be drawn again.
		if (isUnanswered(value)) return false;
		this.set(node.name, place, value);
		return true;
	}

	/**
	 * Entering the items `names` at `place` (a screen's, when the interviewer comes to it):
	 * the entries of count-driven repeats among them are made, with their defaults, and
	 * once() calculations that apply draw their value and keep it, in groups and entries
	 * too. Whether the answers changed. The only call that draws.
	 */
	enter(names: readonly string[] = this.form.top, place: Place = []): boolean {
		return this.changes.run(() =>
			enterItems(
				this,
				names,
				place,
				(node, at) => this.createCounted(node, at),
				(node, at) => this.draw(node, at)
			)
		);
	}

	/** As enter(), without drawing: the entries of count-driven repeats only (a break-off sends no draw it never made). */
	createEntries(names: readonly string[] = this.form.top, place: Place = []): boolean {
		return this.changes.run(() => enterItems(this, names, place, (node, at) => this.createCounted(node, at)));
	}

	/** Whether a free repeat may take another entry (max_entries). */
	canAddEntry(repeat: string, place: Place = []): boolean {
		const node = this.node(repeat);
		return !node.exprs.count && this.entryCount(repeat, place) < maxEntries(node.item as Repeat);
	}

	/** Adds an entry to a free repeat; returns its index. */
	addEntry(repeat: string, place: Place = []): number {
		const node = this.node(repeat);
		if (node.exprs.count) throw new Error(`${repeat}: the number of entries follows an expression`);
		if (!this.canAddEntry(repeat, place)) throw new Error(`${repeat}: at most ${maxEntries(node.item as Repeat)} entries`);
		return this.changes.run(() => {
			const holder = this.holder(node, place, true)!;
			const list = (Array.isArray(holder[repeat]) ? holder[repeat] : (holder[repeat] = [])) as unknown[];
			list.push(this.newEntry());
			this.cache.clear();
			this.changes.changed = true;
			this.applyDefaults(node.children, [...place, list.length - 1]);
			return list.length - 1;
		});
	}

	/** Removes an entry of a free repeat; confirmations in later entries move with them. */
	removeEntry(repeat: string, place: Place, index: number): void {
		const node = this.node(repeat);
		if (node.exprs.count) throw new Error(`${repeat}: the number of entries follows an expression`);
		const list = this.holder(node, place, false)?.[repeat];
		if (!Array.isArray(list) || index < 0 || index >= list.length) return;
		this.changes.run(() => this.remove(list, place, repeat, index));
	}

	private remove(list: unknown[], place: Place, repeat: string, index: number): void {
		const [removed] = list.splice(index, 1);
		this.changes.changed = true;
		const prefix = `${this.key(repeat, place)}.`;
		for (const set of [this.confirmed, this.unlinkedSet]) {
			for (const key of [...set]) {
				if (!key.startsWith(prefix)) continue;
				const [at, ...rest] = key.slice(prefix.length).split('.');
				if (Number(at) < index) continue;
				set.delete(key);
				if (Number(at) > index) set.add([`${prefix}${Number(at) - 1}`, ...rest].join('.'));
			}
		}
		this.cache.clear();
		this.unlink(keysIn(removed));
	}

	/** Clears every link to a deleted entry; a question (not a calculate) stays marked until answered again. */
	private unlink(keys: Set<string>): void {
		if (!keys.size) return;
		for (const name of this.form.links) {
			const node = this.node(name);
			for (const place of this.places(name)) {
				const holder = this.holder(node, place, false);
				const raw = holder?.[name];
				if (typeof raw !== 'string' || !keys.has(raw)) continue;
				delete holder![name];
				const key = this.key(name, place);
				this.confirmed.delete(key);
				if (node.item.type !== 'calculate') this.unlinkedSet.add(key);
			}
		}
		this.cache.clear();
	}

	/** Fills questions that have a default and no answer yet (at the start, and in each new entry). */
	applyDefaults(names: readonly string[] = this.form.top, place: Place = []): void {
		this.changes.run(() => {
			for (const name of names) {
				const node = this.node(name);
				if (node.item.type === 'group') this.applyDefaults(node.children, place);
				else if (!isContainer(node.item) && node.item.default !== undefined && isUnanswered(this.raw(name, place))) {
					this.set(name, place, defaultAnswer(node.item));
				}
			}
		});
	}

	confirm(name: string, place: Place, yes = true): void {
		this.changes.run(() => {
			const key = this.key(name, place);
			if (yes) this.confirmed.add(key);
			else this.confirmed.delete(key);
			this.cache.forget(name, place);
			this.changes.changed = true;
		});
	}

	confirmations(): string[] {
		return [...this.confirmed];
	}

	// ── state ──────────────────────────────────────────────────────────────────────

	/** Whether the item applies: its own `relevant`, and its container's. */
	relevant(name: string, place: Place = []): boolean {
		const node = this.node(name);
		const entry = this.cache.entry(node, place);
		if (entry.relevant !== undefined) return entry.relevant;
		let relevant = true;
		if (node.parent) {
			const parent = this.node(node.parent);
			relevant = this.relevant(parent.name, place.slice(0, parent.repeats.length));
			if (relevant && parent.item.type === 'repeat') {
				relevant = place[parent.repeats.length] < this.entryCount(parent.name, place.slice(0, parent.repeats.length));
			}
		}
		if (relevant && node.exprs.relevant) relevant = toBoolean(evaluate(node.exprs.relevant, this.context(node, place)));
		return (entry.relevant = relevant);
	}

	/**
	 * The value as expressions see it: null when not relevant, empty, Don't know or Refused,
	 * and for a once() calculation, until enter() drew it (nothing shows that a reload would change).
	 */
	value(name: string, place: Place = []): Value {
		const node = this.node(name);
		if (!this.relevant(name, place)) return null;
		if (node.item.type === 'repeat' || node.item.type === 'group') return null;
		if (node.item.type !== 'calculate') return toExprValue(this.raw(name, place));
		const entry = this.cache.entry(node, place);
		if (entry.value !== undefined) return entry.value;
		if (node.once && isUnanswered(this.raw(name, place))) return (entry.value = null);
		return (entry.value = this.calculated(node, place));
	}

	/** What a calculation comes to now (a once() without its draw draws one, unkept). */
	private calculated(node: FormNode, place: Place): Value {
		const value = evaluate(node.exprs.calculation!, this.context(node, place));
		// An empty result is no value: it is not sent, and exports show an empty cell.
		if ((typeof value === 'number' && !Number.isFinite(value)) || value === '' || (Array.isArray(value) && !value.length)) return null;
		return value;
	}

	required(name: string, place: Place = []): boolean {
		const item = this.node(name).item;
		return !isContainer(item) && item.required === true && this.relevant(name, place);
	}

	/** The choices offered, after the question's choice_filter. */
	choices(name: string, place: Place = []): Choice[] {
		const node = this.node(name);
		const q = node.item as Question;
		if (node.linkScope) return this.linkChoices(node, place);
		const list = choiceList(this.form.definition, q.choices) ?? [];
		const filter = node.exprs.choice_filter;
		if (!filter) return list;
		const entry = this.cache.entry(node, place);
		if (entry.choices) return entry.choices;
		return (entry.choices = list.filter((choice) => toBoolean(evaluate(filter, this.context(node, place, choice)))));
	}

	/**
	 * A member link's choices: the linked repeat's entries (those with a key), valued by key,
	 * labelled "line. summary" in every language of the form, kept when the choice_filter, read inside
	 * each entry, holds.
	 */
	private linkChoices(node: FormNode, place: Place): Choice[] {
		const entry = this.cache.entry(node, place);
		if (entry.choices) return entry.choices;
		const scope = node.linkScope!;
		const repeat = this.node(scope.repeats.at(-1)!);
		const prefix = place.slice(0, repeat.repeats.length);
		const filter = node.exprs.choice_filter;
		const choices: Choice[] = [];
		const n = this.entryCount(repeat.name, prefix);
		for (let i = 0; i < n; i++) {
			const at = [...prefix, i];
			const key = this.entryAt(repeat, at)?.[ENTRY_KEY];
			if (typeof key !== 'string') continue;
			if (filter && !toBoolean(evaluate(filter, this.context(scope, at)))) continue;
			const label = Object.fromEntries(
				formLanguages(this.form.definition).map(({ code }) => [
					code,
					[String(i + 1), this.summaryText(repeat, at, code)].filter(Boolean).join('. ')
				])
			) as Choice['label'];
			choices.push({ value: key, label });
		}
		return (entry.choices = choices);
	}

	/** An entry's summary line: its summary questions' answers (select answers by label), joined by " · ". */
	summaryText(repeat: FormNode, place: Place, language: string): string {
		const parts: string[] = [];
		for (const name of (repeat.item as Repeat).summary ?? []) {
			const raw = this.raw(name, place);
			if (isUnanswered(raw) || isSpecial(raw)) continue;
			const item = this.node(name).item as Question;
			if ((item.type === 'select_one' || item.type === 'select_multiple') && !item.link) {
				const list = choiceList(this.form.definition, item.choices) ?? [];
				const codes = Array.isArray(raw) ? raw : [raw];
				// A checked form has every text in each of its languages, and `language` is one of them.
				parts.push(codes.map((code) => list.find((c) => c.value === code)?.label[language] ?? String(code)).join(', '));
			} else parts.push(typeof raw === 'object' ? JSON.stringify(raw) : String(raw));
		}
		return parts.join(' · ');
	}

	/** What is wrong with the answer, if anything; nothing for an item that does not apply. */
	issue(name: string, place: Place = []): AnswerIssue | undefined {
		const node = this.node(name);
		const q = node.item;
		if (q.type === 'repeat') return this.repeatIssue(node, place);
		if (isContainer(q) || q.type === 'note' || q.type === 'calculate') return undefined;
		const entry = this.cache.entry(node, place);
		if (entry.issue !== undefined) return entry.issue ?? undefined;
		let issue: AnswerIssue | undefined;
		if (this.relevant(name, place)) {
			const raw = this.raw(name, place);
			if (isUnanswered(raw)) {
				if (this.unlinkedSet.has(this.key(name, place))) issue = { kind: 'unlinked' };
				else if (q.required) issue = { kind: 'required' };
			} else {
				const code = typeProblem(q, raw, this.choices(name, place));
				if (code) issue = { kind: 'type', code };
				else if (q.type === 'text' && typeof raw === 'string' && raw.length > maxLength(q)) {
					issue = { kind: 'limit', code: 'too_long', max: maxLength(q) };
				} else if (node.exprs.constraint && !isSpecial(raw)) {
					if (!toBoolean(evaluate(node.exprs.constraint, this.context(node, place)))) {
						const confirmed = this.confirmed.has(this.key(name, place));
						issue = { kind: 'constraint', soft: q.constraint_soft === true, confirmed, message: q.constraint_message };
					}
				}
			}
		}
		entry.issue = issue ?? null;
		return issue;
	}

	/** More entries than max_entries: a free repeat's list, or what its count expression asks for. */
	private repeatIssue(node: FormNode, place: Place): AnswerIssue | undefined {
		if (!this.relevant(node.name, place)) return undefined;
		const max = maxEntries(node.item as Repeat);
		const count = this.entryCount(node.name, place);
		const wanted = node.exprs.count ? (this.cache.entry(node, place).wanted ?? count) : count;
		return wanted > max ? { kind: 'limit', code: 'too_many_entries', max } : undefined;
	}

	/** An issue that stops the interviewer: missing, malformed, or a hard constraint. */
	blocks(issue: AnswerIssue | undefined): boolean {
		return issue !== undefined && !(issue.kind === 'constraint' && issue.soft);
	}

	// ── walking instances ──────────────────────────────────────────────────────────

	/** Every place of `name` that extends `prefix`, entry by entry. */
	places(name: string, prefix: Place = []): Place[] {
		const node = this.node(name);
		let places: Place[] = [prefix.slice(0, node.repeats.length)];
		for (let level = prefix.length; level < node.repeats.length; level++) {
			places = places.flatMap((p) => Array.from({ length: this.entryCount(node.repeats[level], p) }, (_, i) => [...p, i]));
		}
		return places;
	}

	/**
	 * Calls `visit` for every relevant question instance under `names`, in document order;
	 * `visitRepeat`, when given, for each relevant repeat instance before its entries.
	 */
	walk(
		visit: (name: string, place: Place) => void,
		names: readonly string[] = this.form.top,
		place: Place = [],
		visitRepeat?: (name: string, place: Place) => void
	): void {
		for (const name of names) {
			if (!this.relevant(name, place)) continue;
			const node = this.node(name);
			if (node.item.type === 'group') this.walk(visit, node.children, place, visitRepeat);
			else if (node.item.type === 'repeat') {
				visitRepeat?.(name, place);
				const n = this.entryCount(name, place);
				for (let i = 0; i < n; i++) this.walk(visit, node.children, [...place, i], visitRepeat);
			} else visit(name, place);
		}
	}

	/** Every issue of the interview (or of the items `names`), in document order. */
	issues(names?: readonly string[], place: Place = []): { name: string; place: Place; issue: AnswerIssue }[] {
		const found: { name: string; place: Place; issue: AnswerIssue }[] = [];
		const visit = (name: string, p: Place) => {
			const issue = this.issue(name, p);
			if (issue) found.push({ name, place: p, issue });
		};
		this.walk(visit, names, place, visit);
		return found;
	}

	/** The answers as sent: only what applies, calculations with their values, empties dropped. */
	submission(names: readonly string[] = this.form.top, place: Place = [], out: Answers = {}): Answers {
		for (const name of names) {
			if (!this.relevant(name, place)) continue;
			const node = this.node(name);
			const item = node.item;
			if (item.type === 'group') this.submission(node.children, place, out);
			else if (item.type === 'repeat') {
				out[name] = Array.from({ length: this.entryCount(name, place) }, (_, i) => {
					const key = this.entryAt(node, [...place, i])?.[ENTRY_KEY];
					return this.submission(node.children, [...place, i], typeof key === 'string' ? { [ENTRY_KEY]: key } : {});
				});
			} else if (item.type === 'calculate') {
				const value = this.value(name, place);
				if (value !== null) out[name] = value;
			} else if (item.type !== 'note') {
				const raw = this.raw(name, place);
				if (!isUnanswered(raw)) out[name] = raw;
			}
		}
		return out;
	}

	/**
	 * The interview's name from the definition's `instance_name` (choice labels in
	 * `language`), trimmed; undefined when the form declares none or it comes out empty.
	 */
	instanceName(language: string | undefined = this.options.language): string | undefined {
		const name = this.form.instanceName;
		if (!name) return undefined;
		const text = toText(evaluate(name.expr, evalContext(this, { ...this.options, language }, name.node, []))).trim();
		return text || undefined;
	}

	private context(node: FormNode, place: Place, choice?: Choice): EvalContext {
		return evalContext(this, this.options, node, place, choice);
	}
}

function isEntry(entry: unknown): entry is Record<string, unknown> {
	return typeof entry === 'object' && entry !== null && !Array.isArray(entry);
}

export type { Expr };

/** Every entry key inside a removed entry, its own included. */
function keysIn(value: unknown, found = new Set<string>()): Set<string> {
	if (Array.isArray(value)) value.forEach((v) => keysIn(v, found));
	else if (isEntry(value)) {
		if (typeof value[ENTRY_KEY] === 'string') found.add(value[ENTRY_KEY]);
		for (const v of Object.values(value)) if (typeof v === 'object') keysIn(v, found);
	}
	return found;
}
