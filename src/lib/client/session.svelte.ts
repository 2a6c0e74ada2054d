/**
 * One interview being filled: the engine over its answers, the screen the interviewer
 * is on, and the audit log. Every change is written to IndexedDB at once, in order.
 * The interface reads the engine through `engine`, which subscribes whatever reads it in a
 * reactive context (a $derived, the markup) to the engine's own change listener.
 */
import { createSubscriber } from 'svelte/reactivity';
import {
	FormEngine,
	cite,
	entryStepKey,
	isUnanswered,
	shownLanguage,
	stepOf,
	stepsAfterRemoval,
	type CompiledForm,
	type Place,
	type Translated
} from '$lib/form';
import type { Interview, InterviewEvent, Position, TunDatabase } from './db';
import { formFor } from './device-forms';
import { breakOffInterview, event, finalizeInterview, getInterview, saveDraft, type FinalizeResult } from './interviews';

export class InterviewSession {
	readonly interview: Interview;
	readonly form: CompiledForm;
	readonly #engine: FormEngine;
	/** Makes the reactive context that calls it follow the engine's changes (one listener, however many read it). */
	readonly #subscribe: () => void;
	position = $state<Position>({ screen: 0, open: {}, reached: 0 });
	/** Show "required" errors on the current screen (after Next was refused, or on review). */
	showRequired = $state(false);
	pendingWrites = $state(0);
	/** Why the last write failed (an interface string), until a write succeeds: the answers stay in memory meanwhile. */
	saveError = $state<'failed_save' | 'failed_save_full' | ''>('');
	private readonly db: TunDatabase;
	/** The questionnaire's language shown (one of the form's): its texts, and choice labels in the instance name, speak it. */
	language = $state('');
	private writes: Promise<void> = Promise.resolve();
	/** The last value logged per instance, to tell a first answer from a change (bookkeeping: nothing renders it). */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	private readonly logged = new Map<string, unknown>();

	private constructor(db: TunDatabase, interview: Interview, form: CompiledForm, language: string) {
		this.db = db;
		this.language = shownLanguage(form.definition, language);
		this.interview = interview;
		this.form = form;
		const engine = (this.#engine = new FormEngine(form, interview.answers, {
			today: interview.referenceDate,
			confirmed: interview.confirmed,
			unlinked: interview.unlinked
		}));
		this.#subscribe = createSubscriber((update) => engine.subscribe(update));
		this.position = interview.position ?? { screen: 0, open: {}, reached: 0 };
		for (const e of interview.events ?? []) if (e.type === 'answer' || e.type === 'change') this.logged.set(String(e.path), e.value);
	}

	/**
	 * Opens an interview on the form version it started with (from the device, compiled once
	 * per page load), in `language` (the interface's) when the form has it, else in the form's
	 * default language; a draft's instance name is stored again in that language.
	 */
	static async open(db: TunDatabase, id: string, language?: string): Promise<InterviewSession | undefined> {
		const interview = await getInterview(db, id);
		const form = interview && (await formFor(db, interview.formId, interview.formVersion));
		if (!interview || !form) return undefined;
		const session = new InterviewSession(db, interview, form, language ?? interview.language);
		if (interview.status === 'draft') {
			// A draft begun before entries had keys gets them now, once, so member links can name them.
			const keyed = session.#engine.assignKeys() > 0;
			session.save({ answers: keyed, named: true, events: [event('resume'), event('screen_enter', { screen: session.screenName })] });
			session.keepDrawn();
		}
		return session;
	}

	/** The engine; read in a reactive context, that context follows its changes. */
	get engine(): FormEngine {
		this.#subscribe();
		return this.#engine;
	}

	get editable(): boolean {
		return this.interview.status === 'draft';
	}

	get screenName(): string {
		return this.form.screens[this.position.screen]?.name ?? 'review';
	}

	/**
	 * Queues a write; writes happen one after another, in the order of the changes. The
	 * instance name goes with every change of the answers (`named`: also without one).
	 */
	private save(change: { events?: InterviewEvent[]; answers?: boolean; position?: boolean; confirmed?: boolean; named?: boolean }): void {
		const snapshot = {
			...(change.answers ? { answers: structuredClone(this.#engine.answers) } : {}),
			...(change.answers || change.named ? { instanceName: this.#engine.instanceName(this.language) ?? '' } : {}),
			...(change.position ? { position: $state.snapshot(this.position) } : {}),
			...(change.confirmed ? { confirmed: this.#engine.confirmations(), unlinked: this.#engine.unlinked() } : {}),
			...(change.events ? { events: change.events } : {})
		};
		this.pendingWrites++;
		this.writes = this.writes
			.then(() => saveDraft(this.db, this.interview.id, snapshot))
			.then(
				// Only a write of the answers clears a failure: a small write (a log entry) that went through does not mean the answers did.
				() => void (change.answers && (this.saveError = '')),
				(error: unknown) => {
					// A full disk says so in words; the cause goes to the log. The next write carries every answer again.
					const full = error instanceof Error && /QuotaExceeded/.test(`${error.name} ${String((error as { inner?: Error }).inner?.name)}`);
					this.saveError = full ? 'failed_save_full' : 'failed_save';
					console.error(`tun: ${this.saveError}`, error);
				}
			)
			.finally(() => this.pendingWrites--);
	}

	/**
	 * Enters the screens reached so far (engine.enter): values drawn by once() (e.g.
	 * random()) are drawn and stored before the interviewer sees them, so a reload can never
	 * draw again, and count-driven entries are made with their defaults; screens not reached
	 * draw nothing yet (a break-off before them carries no draw). Whether the answers changed.
	 */
	private enterReached(): boolean {
		return this.#engine.enter(this.form.screens.slice(0, this.position.reached + 1).flatMap((s) => s.items));
	}

	/** Enters the screens reached so far, and saves what that drew or made. */
	private keepDrawn(): void {
		if (this.enterReached()) this.save({ answers: true });
	}

	/** Writes the whole draft again (answers, position, marks), after a write failed and the cause is gone. */
	saveAgain(): void {
		this.save({ answers: true, position: true, confirmed: true, named: true });
	}

	/** Waits until every change so far is in IndexedDB. */
	flushed(): Promise<void> {
		return this.writes;
	}

	/** Records an answer. `log` false while typing: the change is logged when the field is left. */
	answer(name: string, place: Place, value: unknown, log = true): void {
		if (!this.editable) return;
		this.#engine.set(name, place, value);
		// The answer may bring in a once() value or change a count: drawn and made now, saved with it.
		this.enterReached();
		// A changed answer drops its confirmed warning: both are saved together.
		this.save({ answers: true, confirmed: true, events: log ? this.logEvent(name, place) : [] });
	}

	/** Logs the change of a field when the interviewer leaves it. */
	commit(name: string, place: Place): void {
		const events = this.logEvent(name, place);
		if (events.length) this.save({ events });
	}

	private logEvent(name: string, place: Place): InterviewEvent[] {
		const path = this.engine.key(name, place);
		const value = structuredClone(this.engine.raw(name, place) ?? null);
		const before = this.logged.get(path);
		if (JSON.stringify(before ?? null) === JSON.stringify(value)) return [];
		this.logged.set(path, value);
		return [before === undefined ? event('answer', { path, value }) : event('change', { path, old: before, value })];
	}

	confirm(name: string, place: Place, yes: boolean): void {
		this.#engine.confirm(name, place, yes);
		this.save({ confirmed: true });
	}

	addEntry(repeat: string, place: Place): void {
		if (!this.editable || !this.engine.canAddEntry(repeat, place)) return;
		const index = this.#engine.addEntry(repeat, place);
		this.position.open[this.engine.key(repeat, place)] = index;
		delete this.position.steps?.[entryStepKey(this.engine, repeat, place, index)]; // a new entry opens at its first step
		this.enterReached();
		this.save({ answers: true, position: true, events: [event('entry_add', { path: `${this.engine.key(repeat, place)}.${index}` })] });
	}

	removeEntry(repeat: string, place: Place, index: number): void {
		const key = this.engine.key(repeat, place);
		this.#engine.removeEntry(repeat, place, index);
		delete this.position.open[key];
		if (this.position.steps) this.position.steps = stepsAfterRemoval(this.position.steps, key, index);
		this.enterReached();
		// Confirmations move with the entries after the removed one.
		this.save({ answers: true, position: true, confirmed: true, events: [event('entry_remove', { path: `${key}.${index}` })] });
	}

	openEntry(repeat: string, place: Place, index: number | undefined): void {
		const key = this.engine.key(repeat, place);
		if (index === undefined) delete this.position.open[key];
		else this.position.open[key] = index;
		this.save({ position: true });
	}

	// ── screens ────────────────────────────────────────────────────────────────────

	screenRelevant(index: number): boolean {
		return this.form.screens[index].items.some((name) => this.engine.relevant(name, []));
	}

	/** Blocking issues of a screen: required answers missing, wrong answers, hard constraints. */
	screenBlocked(index: number): boolean {
		return this.engine.issues(this.form.screens[index].items).some((i) => this.engine.blocks(i.issue));
	}

	goTo(screen: number): void {
		if (screen === this.position.screen) return;
		const events = [event('screen_leave', { screen: this.screenName })];
		this.position.screen = screen;
		this.position.reached = Math.max(this.position.reached, screen);
		this.showRequired = screen >= this.form.screens.length;
		events.push(event('screen_enter', { screen: this.screenName }));
		this.save({ position: true, events });
		this.keepDrawn();
	}

	/**
	 * Where the interviewer stands among the screens the interview will have: those whose
	 * items apply now (the current one always counts), so "Section k of n" follows answers
	 * that bring later screens in or drop them. On the review, k = n.
	 */
	progress(): { step: number; total: number } {
		const current = this.position.screen;
		const counted = this.form.screens.map(
			(screen, index) => index === current || this.screenRelevant(index) || (index > current && screen.items.some((n) => this.undecided(n)))
		);
		const total = counted.filter(Boolean).length;
		const step = current >= this.form.screens.length ? total : counted.slice(0, current + 1).filter(Boolean).length;
		return { step, total };
	}

	/**
	 * Whether an item's relevance still waits on an answer: it reads a question outside
	 * repeats that applies and is not answered yet (through up to two calculations). Before consent,
	 * every screen behind it may still come, so the progress counts them.
	 */
	private undecided(name: string, depth = 0): boolean {
		for (const read of this.form.nodes.get(name)?.reads ?? []) {
			const node = this.form.nodes.get(read)!;
			if (node.repeats.length || node.item.type === 'group' || node.item.type === 'repeat') continue;
			if (node.item.type === 'calculate') {
				if (depth < 2 && this.undecided(read, depth + 1)) return true;
			} else if (isUnanswered(this.engine.raw(read)) && this.engine.relevant(read)) return true; // may still be answered
		}
		return false;
	}

	/** The first answer that stops Next on the current screen, in screen order (a roster entry's included). */
	firstProblem(): { name: string; place: Place } | undefined {
		const screen = this.form.screens[this.position.screen];
		if (!screen) return undefined;
		const found = this.engine.issues(screen.items).find((i) => this.engine.blocks(i.issue));
		return found && { name: found.name, place: found.place };
	}

	/** The entries of a roster (their indexes, in order) holding an answer that stops Next (required, malformed, hard constraint): one walk over the roster. */
	incompleteEntries(repeat: string, place: Place): number[] {
		const depth = place.length;
		const found: number[] = [];
		for (const { place: at, issue } of this.engine.issues([repeat], place)) {
			if (at.length > depth && this.engine.blocks(issue) && !found.includes(at[depth])) found.push(at[depth]);
		}
		return found;
	}

	/** Moves to the next screen that applies (or the review); false when this screen blocks. */
	next(): boolean {
		const current = this.position.screen;
		if (current < this.form.screens.length && this.screenBlocked(current)) {
			this.showRequired = true;
			// The roster entries holding the first problem open, so the interviewer sees what to fix.
			const problem = this.firstProblem();
			if (problem) this.openAt(problem.name, problem.place);
			return false;
		}
		let target = current + 1;
		while (target < this.form.screens.length && !this.screenRelevant(target)) target++;
		this.goTo(target);
		return true;
	}

	back(): void {
		let target = this.position.screen - 1;
		while (target > 0 && !this.screenRelevant(target)) target--;
		this.goTo(Math.max(target, 0));
	}

	/** Opens the roster entries (at every level) holding an instance; a repeat's own issue opens only its parents' entries. */
	private openAt(name: string, place: Place): void {
		const target = this.form.nodes.get(name)!;
		target.repeats.forEach((repeat, level) => {
			if (level < place.length) this.position.open[this.engine.key(repeat, place.slice(0, level))] = place[level];
		});
		this.stepsAt(name, place);
		this.save({ position: true });
	}

	/** Opens the screen and roster entries where an instance stands. */
	reveal(name: string, place: Place): void {
		let node = this.form.nodes.get(name);
		while (node?.parent) node = this.form.nodes.get(node.parent);
		const screen = this.form.screens.findIndex((s) => node && s.items.includes(node.name));
		this.openAt(name, place);
		this.goTo(screen);
		this.showRequired = true;
		this.save({ position: true });
	}

	// ── the steps of open entries ──────────────────────────────────────────────────

	/** The step (an index into entrySteps) entry `index` of `repeat` at `place` was last on; 0 for one never paged. */
	entryStep(repeat: string, place: Place, index: number): number {
		return this.position.steps?.[entryStepKey(this.engine, repeat, place, index)] ?? 0;
	}

	/** Puts an entry on a step, kept with the draft: a reload reopens the entry there. */
	setEntryStep(repeat: string, place: Place, index: number, step: number): void {
		this.keepStep(entryStepKey(this.engine, repeat, place, index), step);
		this.save({ position: true });
	}

	/** After a refused "Next part": the errors shown, and the entries (and their steps) holding the problem opened. */
	showProblem(name: string, place: Place): void {
		this.showRequired = true;
		this.openAt(name, place);
	}

	/** Puts each entry holding an instance (at every level) on the step that holds it, so it is rendered. */
	private stepsAt(name: string, place: Place): void {
		this.form.nodes.get(name)!.repeats.forEach((repeat, level) => {
			const step = level < place.length ? stepOf(this.form, repeat, name) : undefined;
			if (step !== undefined) this.keepStep(entryStepKey(this.engine, repeat, place.slice(0, level), place[level]), step);
		});
	}

	/** Sets a kept step through the reactive position (an old draft's position has no steps yet). */
	private keepStep(key: string, step: number): void {
		if (!this.position.steps) this.position.steps = {};
		this.position.steps[key] = step;
	}

	/** Shows the questionnaire in another of its languages (the switch offers only those); the switch goes into the audit log. */
	setLanguage(to: string): void {
		const from = this.language;
		this.language = to;
		if (this.editable && from !== to) this.save({ named: true, events: [event('language', { from, to })] });
	}

	async finalize(): Promise<FinalizeResult> {
		await this.flushed();
		return finalizeInterview(this.db, this.form, this.interview.id);
	}

	/** Ends the interview early at the current screen, keeping everything given so far. */
	async breakOff(reason: string): Promise<void> {
		await this.flushed();
		await breakOffInterview(this.db, this.form, this.interview.id, this.screenName, reason);
	}

	/** A text of the questionnaire as the interviewer reads it, in the language shown: deployment settings cited, as this interview keeps them. */
	text(text: Translated | undefined): string {
		// A checked form has every text in each of its languages, and the one shown is one of them.
		return text ? cite(text[this.language], this.interview.deployment, this.language) : '';
	}

	/** The screen's own label, for the section index and headings. */
	screenLabel(index: number): string {
		const first = this.form.nodes.get(this.form.screens[index].items[0])!.item;
		return first.label ? this.text(first.label) : first.name;
	}
}
