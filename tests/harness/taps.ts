/**
 * Counting what an interviewer's fingers do, on any build of the app, without changing the
 * driver that plays the interview:
 *
 * - A tap is a trusted `pointerdown` in the page (Playwright's click, check, tap are real
 *   input events, so whatever a driver clicks is counted), or a field a person must touch
 *   before typing: each fill, clear or selectOption counts one tap, unless the field is
 *   already focused (the app put the cursor there). Typing itself is not a tap.
 * - Scrolling is the window's |Δ scrollY|, summed over every change. Changes made by
 *   Playwright before a tap (it scrolls the target into view, as a person would with a
 *   finger) or while it focuses a field are the person's; changes that follow a tap until
 *   the next action starts (the app moving the page itself, e.g. to the top of a new
 *   screen) are the app's, kept apart.
 *
 * The page keeps a log of taps in sessionStorage (it survives a reload of the tab); Node
 * marks where an action begins (after two animation frames, so the app's own scrolling of
 * the previous tap has landed) through Locator methods wrapped by `instrument`.
 */
import type { Locator, Page } from '@playwright/test';

/** One tap: what was touched, on which screen, in which entry of the outer roster, and the scrolling that brought it into view. */
export interface Tap {
	kind: 'pointer' | 'field' | 'focused-field';
	screen: string;
	/** 1-based line of the outermost roster entry holding the target, or null. */
	entry: number | null;
	what: string;
	/** The person's scrolling (px) before this tap, since the one before. */
	scroll: number;
}
export interface Tally {
	taps: Tap[];
	/** Scrolling the app did itself after a tap, by screen (px). */
	appScroll: Record<string, number>;
	/** The person's scrolling not followed by any tap (px). */
	pending: number;
}

declare global {
	interface Window {
		__taps?: {
			begin(): Promise<void>;
			field(el: Element): void;
			afterField(): void;
			screen(name: string): void;
			reset(): void;
			read(): Tally;
		};
		/** The window's total |Δ scrollY| (person and app), for a quick look from the console. */
		__scrolled?: number;
	}
}

/** The page side: run by page.addInitScript in every document of the context. */
export function pageCounter(): void {
	const KEY = '__taps';
	type State = Tally & { screen: string; mode: 'person' | 'app'; last: number; scrolled: number };
	const fresh = (): State => ({ taps: [], appScroll: {}, pending: 0, screen: '', mode: 'person', last: 0, scrolled: 0 });
	let state: State = fresh();
	try {
		const kept = sessionStorage.getItem(KEY);
		if (kept) state = { ...(JSON.parse(kept) as State), last: 0 };
	} catch {
		// no storage: count this document only
	}
	const save = () => {
		try {
			sessionStorage.setItem(KEY, JSON.stringify(state));
		} catch {
			// as above
		}
	};

	/** The scrolling since the last look, to the person or to the app. */
	const account = () => {
		const y = window.scrollY;
		const d = Math.abs(y - state.last);
		state.last = y;
		if (!d) return;
		state.scrolled += d;
		window.__scrolled = state.scrolled;
		if (state.mode === 'app') state.appScroll[state.screen] = (state.appScroll[state.screen] ?? 0) + d;
		else state.pending += d;
		save();
	};

	/** The 1-based line of the outermost labelled list entry around `el` (an entry of the outer roster). */
	const entryOf = (el: Element): number | null => {
		let found: Element | null = null;
		for (let at: Element | null = el; at; at = at.parentElement) if (at.tagName === 'LI' && at.hasAttribute('aria-label')) found = at;
		return found?.parentElement ? Array.prototype.indexOf.call(found.parentElement.children, found) + 1 : null;
	};
	const describe = (el: Element): string => {
		const control = el.closest('button, label, a, input, select, textarea') ?? el;
		const labels = 'labels' in control ? [...((control as HTMLInputElement).labels ?? [])] : [];
		const named = control.getAttribute('aria-label') ?? (labels.length ? labels.map((l) => l.textContent).join(' ') : control.textContent);
		const text = (named ?? '').replace(/\s+/g, ' ').trim();
		return `${control.tagName.toLowerCase()} ${text.slice(0, 60)}`;
	};
	const record = (kind: Tap['kind'], el: Element) => {
		state.taps.push({ kind, screen: state.screen, entry: entryOf(el), what: describe(el), scroll: state.pending });
		state.pending = 0;
		save();
	};

	window.addEventListener('scroll', account, { passive: true, capture: true });
	window.addEventListener(
		'pointerdown',
		(event) => {
			if (!event.isTrusted || !(event.target instanceof Element)) return;
			account();
			record('pointer', event.target);
			state.mode = 'app';
		},
		{ capture: true }
	);
	window.__taps = {
		begin: () =>
			new Promise<void>((resolve) =>
				requestAnimationFrame(() =>
					requestAnimationFrame(() => {
						account();
						state.mode = 'person';
						resolve();
					})
				)
			),
		field: (el) => {
			account();
			record(el === document.activeElement ? 'focused-field' : 'field', el);
		},
		afterField: () => {
			account();
			const tap = state.taps[state.taps.length - 1];
			if (tap) tap.scroll += state.pending;
			state.pending = 0;
			save();
		},
		screen: (name) => {
			account();
			state.screen = name;
			save();
		},
		reset: () => {
			state = { ...fresh(), last: window.scrollY };
			save();
		},
		read: () => {
			account();
			return { taps: state.taps, appScroll: state.appScroll, pending: state.pending };
		}
	};
}

type Action = (this: Locator, ...args: unknown[]) => Promise<unknown>;
/** Actions a person does by touching the target. */
const TOUCHES = ['click', 'dblclick', 'tap', 'check', 'uncheck', 'setChecked'];
/** Actions on a field a person touches first, then types or picks into. */
const FIELDS = ['fill', 'clear', 'selectOption', 'pressSequentially', 'type'];

/**
 * Wraps the Locator actions of `page`'s Playwright client so that each marks where it begins
 * (and a field action records its tap); returns a function that restores them. Every Locator
 * of the worker shares the prototype: undo before the worker goes on to anything else.
 */
export function instrument(page: Page): () => void {
	const proto = Object.getPrototypeOf(page.locator('body')) as Record<string, Action>;
	const originals = new Map<string, Action>();
	const begin = (p: Page) => p.evaluate(() => window.__taps?.begin());
	for (const name of [...TOUCHES, ...FIELDS]) {
		const original = proto[name];
		if (typeof original !== 'function') continue;
		originals.set(name, original);
		const field = FIELDS.includes(name);
		proto[name] = async function (this: Locator, ...args: unknown[]) {
			await begin(this.page());
			if (!field) return original.apply(this, args);
			await this.evaluate((el) => window.__taps?.field(el));
			const result = await original.apply(this, args);
			await this.page().evaluate(() => window.__taps?.afterField());
			return result;
		};
	}
	return () => {
		for (const [name, original] of originals) proto[name] = original;
	};
}

export const readTally = (page: Page): Promise<Tally> => page.evaluate(() => window.__taps!.read());
export const setScreen = (page: Page, name: string) => page.evaluate((n) => window.__taps!.screen(n), name);
export const resetTally = (page: Page) => page.evaluate(() => window.__taps!.reset());
