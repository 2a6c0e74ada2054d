/**
 * What the browser benchmark (bench/browser.bench.ts) needs around Chromium: the servers (the
 * built app from build/, the bare SvelteKit page from bench/bare-kit/build), the browser, marks
 * of when the first label and the home screen's list appear, and the 10,000 rows put on the device.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { completeHousehold, household } from '../src/lib/forms/samples';
import { chromiumLaunch } from '../tests/support/chromium';

/** Chromium as the tests launch it (tests/support/chromium.ts). */
export async function launch(): Promise<Browser> {
	return chromium.launch(chromiumLaunch);
}

/** The bare page's adapter-node server; resolves once it answers its page. */
export async function bareServer(port: number): Promise<{ origin: string; stop: () => void }> {
	const child = spawn(process.execPath, ['bench/bare-kit/build/index.js'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_OPTIONS: '' },
		stdio: 'ignore'
	});
	const origin = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 20_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`the bare page's server exited (${child.exitCode})`);
		if (
			await fetch(origin).then(
				(r) => r.ok,
				() => false
			)
		)
			break;
		if (Date.now() > deadline) throw new Error('the bare page did not answer within 20 s');
		await new Promise((r) => setTimeout(r, 50));
	}
	return { origin, stop: () => void child.kill('SIGKILL') };
}

/**
 * Run in every document before its own scripts (an init script): records performance.now()
 * (milliseconds since the navigation started) when the first question label with text is in the
 * DOM, and when the home screen shows its first interview and the filter buttons' counts.
 */
export function markScript(labelSelector: string) {
	const marks: { label?: number; home?: number } = {};
	(window as unknown as { __bench: typeof marks }).__bench = marks;
	const check = () => {
		if (marks.label === undefined && document.querySelector(labelSelector)?.textContent?.trim()) marks.label = performance.now();
		if (
			marks.home === undefined &&
			document.querySelector('ul.interviews li') &&
			/\(\d+\)/.test(document.querySelector('.filters button + button')?.textContent ?? '')
		)
			marks.home = performance.now();
		return marks.label !== undefined && marks.home !== undefined;
	};
	new MutationObserver((_, observer) => {
		if (check()) observer.disconnect();
	}).observe(document, { childList: true, subtree: true, characterData: true });
}

/** Navigates to `url` and resolves to the time of the mark, and whether the service worker answered. */
export async function timeTo(page: Page, url: string, mark: 'label' | 'home'): Promise<{ ms: number; fromServiceWorker: boolean }> {
	const response = await page.goto(url, { waitUntil: 'commit' });
	if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
	const handle = await page.waitForFunction((m) => (window as unknown as { __bench?: Record<string, number> }).__bench?.[m], mark, {
		timeout: 60_000
	});
	return { ms: (await handle.jsonValue()) as number, fromServiceWorker: response.fromServiceWorker() };
}

export interface Stats {
	median: number;
	p95: number;
	n: number;
}

export function stats(times: number[]): Stats {
	const sorted = [...times].sort((a, b) => a - b);
	const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
	const mid = sorted.length / 2;
	const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
	return { median, p95: at(0.95), n: sorted.length };
}

/** One warm-up run, then `n` measured ones. */
export async function repeat(n: number, run: () => Promise<number>): Promise<Stats> {
	await run();
	const times: number[] = [];
	for (let i = 0; i < n; i++) times.push(await run());
	return stats(times);
}

const SETTLEMENTS = ['yerevan', 'gyumri', 'vanadzor', 'martuni_town', 'other'];
const NAMES = ['Arsen Petrosyan', 'Anna Hakobyan', 'Gor Sargsyan', 'Lilit Grigoryan', 'Narek Avetisyan', 'Mariam Harutyunyan'];

/**
 * Rows like those 10,000 interviews leave on a tablet after weeks of fieldwork, made from the
 * open draft (its form, device, deployment): mostly sent (some today), some waiting, some drafts;
 * answers of a complete household (a consenting one up to the roster for drafts), their instance
 * name, and 30 audit events each.
 */
export function sampleAnswers() {
	return { complete: completeHousehold(), partial: household(), settlements: SETTLEMENTS, names: NAMES };
}

/** In the page: puts `count` interviews into the database `tun` next to `draftId`; resolves to the counts. */
export async function fill(page: Page, draftId: string, count: number, mix: { draft: number; finalized: number; sentToday: number }) {
	return page.evaluate(
		async ({ draftId, count, mix, data }) => {
			const request = <T>(r: IDBRequest<T>) =>
				new Promise<T>((resolve, reject) => {
					r.onsuccess = () => resolve(r.result);
					r.onerror = () => reject(r.error);
				});
			const db = await request(indexedDB.open('tun'));
			const draft = (await request(db.transaction('interviews').objectStore('interviews').get(draftId))) as Record<string, unknown>;
			const day = 86_400_000;
			const now = Date.now();
			const rows: Record<string, unknown>[] = [];
			const counts = { draft: 0, finalized: 0, sent: 0 };
			for (let i = 0; i < count; i++) {
				const status = i < mix.draft ? 'draft' : i < mix.draft + mix.finalized ? 'finalized' : 'sent';
				counts[status]++;
				// Sent ones spread over 60 days (mix.sentToday of them today); the others over the last 3 days.
				const age = status === 'sent' ? (i % (count - mix.draft - mix.finalized) < mix.sentToday ? 0 : 1 + (i % 60)) : i % 3;
				const started = new Date(now - age * day - (i % 600) * 60_000);
				const updated = new Date(started.getTime() + 40 * 60_000);
				const head = `${data.names[i % data.names.length]} ${i}`;
				const settlement = data.settlements[i % data.settlements.length];
				const answers = structuredClone(status === 'draft' ? data.partial : data.complete) as Record<string, unknown>;
				answers.settlement = settlement;
				answers.head_name = head;
				if (settlement === 'other') answers.settlement_other = 'Sisian';
				const events = Array.from({ length: 30 }, (_, e) => ({
					t: new Date(started.getTime() + e * 60_000).toISOString(),
					type: e === 0 ? 'start' : 'answer',
					...(e ? { name: Object.keys(answers)[e % Object.keys(answers).length] } : {})
				}));
				rows.push({
					...draft,
					id: crypto.randomUUID(),
					status,
					startedAt: started.toISOString(),
					updatedAt: updated.toISOString(),
					referenceDate: started.toISOString().slice(0, 10),
					answers,
					instanceName: `${head} · ${settlement}`,
					events,
					eventsChars: JSON.stringify(events).length,
					...(status !== 'draft' ? { finalizedAt: updated.toISOString(), final: answers } : {}),
					...(status === 'sent' ? { sentAt: new Date(updated.getTime() + 3_600_000).toISOString() } : {})
				});
			}
			const tx = db.transaction('interviews', 'readwrite');
			for (const row of rows) tx.objectStore('interviews').put(row);
			await new Promise((resolve, reject) => {
				tx.oncomplete = resolve;
				tx.onerror = () => reject(tx.error);
			});
			db.close();
			return counts;
		},
		{ draftId, count, mix, data: sampleAnswers() }
	);
}

/**
 * The baseline of the backup export, in the page: the same rows read straight from IndexedDB,
 * finalized ones without their draft answers (the backup carries their final answers only),
 * JSON.stringify'd as the backup is (indent 1), into a Blob, downloaded through a link.
 */
export async function plainDownload(page: Page): Promise<void> {
	await page.evaluate(async () => {
		const request = <T>(r: IDBRequest<T>) =>
			new Promise<T>((resolve, reject) => {
				r.onsuccess = () => resolve(r.result);
				r.onerror = () => reject(r.error);
			});
		const db = await request(indexedDB.open('tun'));
		const rows = (await request(db.transaction('interviews').objectStore('interviews').getAll())) as Record<string, unknown>[];
		db.close();
		// What the file carries of each: a finalized or sent one as its submission (its final answers, not the draft's).
		const interviews = rows.map((row) => (row.status === 'draft' ? row : { ...row, answers: undefined }));
		// The last run's file was downloaded long since: freed as the app frees its own.
		const own = window as unknown as { __plainUrl?: string };
		if (own.__plainUrl) URL.revokeObjectURL(own.__plainUrl);
		const url = URL.createObjectURL(new Blob([JSON.stringify({ interviews }, null, 1)], { type: 'application/json' }));
		own.__plainUrl = url;
		const link = document.createElement('a');
		link.href = url;
		link.download = 'plain.json';
		document.body.append(link);
		link.click();
		link.remove();
	});
}
