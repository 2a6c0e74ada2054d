/** The tap harness's figures, from the page's log of taps (taps.ts): totals, by screen, by member; and the table it prints. */
import type { Tally } from './taps';

interface Figures {
	taps: number;
	/** The person's scrolling, px. */
	scroll: number;
}
export interface Measured {
	build: string;
	total: Figures & { appScroll: number };
	screens: [string, Figures][];
	/** The roster's entries, by line: the member's name, whether a migrant, and what their entry took. */
	members: (Figures & { name: string; migrant: boolean })[];
	viewportHeight: number;
}

const add = (a: Figures, b: Figures): Figures => ({ taps: a.taps + b.taps, scroll: a.scroll + b.scroll });
const none = (): Figures => ({ taps: 0, scroll: 0 });

/**
 * The figures of one run. A tap outside any entry on the roster screen ("Add an entry") goes
 * with the entry of the next tap inside one, with the scrolling before it: it is the start of
 * that member's entry. A field the app had focused already is no tap (its scrolling still counts).
 */
export function summarize(build: string, tally: Tally, members: { name: string; migrant: boolean }[], viewportHeight: number): Measured {
	const screens = new Map<string, Figures>();
	const perEntry = members.map(() => none());
	const taps = tally.taps;
	for (const [i, tap] of taps.entries()) {
		const figures = { taps: tap.kind === 'focused-field' ? 0 : 1, scroll: tap.scroll };
		screens.set(tap.screen, add(screens.get(tap.screen) ?? none(), figures));
		if (tap.screen !== 'member') continue;
		const entry = tap.entry ?? taps.slice(i + 1).find((n) => n.screen === 'member' && n.entry !== null)?.entry ?? null;
		if (entry !== null && perEntry[entry - 1]) perEntry[entry - 1] = add(perEntry[entry - 1], figures);
	}
	const all = [...screens.values()].reduce(add, none());
	return {
		build,
		total: { taps: all.taps, scroll: all.scroll + tally.pending, appScroll: Object.values(tally.appScroll).reduce((a, b) => a + b, 0) },
		screens: [...screens.entries()],
		members: members.map((m, i) => ({ ...m, ...perEntry[i] })),
		viewportHeight
	};
}

const px = (n: number) => `${Math.round(n).toLocaleString('en')} px`;
const screensOf = (n: number, height: number) => `${(n / height).toFixed(1)} screens`;

/** A plain-text table: a row per figure, a column per build. */
export function table(runs: Measured[], about: { version: string; language: string; viewport: { width: number; height: number } }): string {
	const h = runs[0].viewportHeight;
	const cell = (f: Figures) => `${Number(f.taps.toFixed(1))} taps, ${px(f.scroll)} (${screensOf(f.scroll, h)})`;
	const rows: [string, ...string[]][] = [['', ...runs.map((r) => r.build)]];
	rows.push(['taps', ...runs.map((r) => String(r.total.taps))]);
	rows.push(["the person's scrolling", ...runs.map((r) => `${px(r.total.scroll)} (${screensOf(r.total.scroll, h)})`)]);
	rows.push(["the app's own scrolling", ...runs.map((r) => `${px(r.total.appScroll)} (${screensOf(r.total.appScroll, h)})`)]);
	rows.push(['window scrolled in all', ...runs.map((r) => px(r.total.scroll + r.total.appScroll))]);
	for (const [i, m] of runs[0].members.entries())
		rows.push([`member ${i + 1} ${m.name}${m.migrant ? ' (migrant)' : ''}`, ...runs.map((r) => (r.members[i] ? cell(r.members[i]) : '—'))]);
	const migrants = (r: Measured) => r.members.filter((m) => m.migrant);
	rows.push([
		'per migrant (mean)',
		...runs.map((r) => {
			const list = migrants(r);
			if (!list.length) return '—';
			const sum = list.reduce(add, none());
			return cell({ taps: sum.taps / list.length, scroll: sum.scroll / list.length });
		})
	]);
	const names = [...new Set(runs.flatMap((r) => r.screens.map(([s]) => s)))];
	for (const name of names) rows.push([`screen ${name}`, ...runs.map((r) => cell(r.screens.find(([s]) => s === name)?.[1] ?? none()))]);
	const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
	const line = (row: string[]) => row.map((text, c) => text.padEnd(widths[c])).join('  ');
	return [
		`Taps and scrolling: the Martuni household of the e2e, questionnaire ${about.version}, language ${about.language}, ` +
			`${about.viewport.width}×${about.viewport.height}`,
		...rows.map(line)
	].join('\n');
}
