/**
 * The tablet in Chromium, against the built app (run `vite build` first; `npm run bench` does):
 *   npx vitest bench --run bench/browser.bench.ts      (or TUN_BENCH=browser npm run bench)
 * - first-load JavaScript (gzipped) of the home and interview pages beside the bare SvelteKit
 *   page's (bench/bare-kit, built in the same run by scripts/bench.mjs), and what the service
 *   worker precaches beside the whole bare build;
 * - navigation to the first question label of an open draft (started with the New interview
 *   button), cold (no service worker, no HTTP cache: CDP on the same context, whose IndexedDB
 *   holds the draft) and from the service worker, beside the bare page's label, cold and from
 *   the HTTP cache; and the same bare label drawn in the browser (bench/bare-kit's /client, ssr =
 *   false, as any page whose label comes from the device must be): the floor of this stack;
 * - 10,000 interviews on the device: navigation to the home screen's first item and counts
 *   (goal 200 ms), and "Export backup" until the download, beside the same rows read,
 *   JSON.stringify'd and downloaded in the page.
 * Each time is a median and p95 of TUN_BENCH_REPEATS runs (15) after one warm-up; times are
 * performance.now() in the page (from the navigation's start), marked by a MutationObserver.
 */
import type { BrowserContext } from '@playwright/test';
import { existsSync, statSync } from 'node:fs';
import { bench, describe } from 'vitest';
import { clientSize, firstLoadJs, precacheSize } from '../scripts/first-load-js.mjs';
import { TEST_DEPLOYMENT } from '../tests/support/deployment';
import { TEST_ADMIN_TOKEN, testServer } from '../tests/support/server';
import { bareServer, fill, launch, markScript, plainDownload, repeat, stats, timeTo, type Stats } from './browser';
import { ms, times, writeFigures, type Figure } from './figures.mjs';

const REPEATS = Number(process.env.TUN_BENCH_REPEATS ?? 15);
const PORT = Number(process.env.TUN_BENCH_PORT ?? 4325);
const BARE = 'bench/bare-kit/build';
const INTERVIEWS = 10_000;
const MIX = { draft: 300, finalized: 700, sentToday: 200 };
for (const dir of ['build', BARE])
	if (!existsSync(`${dir}/handler.js`)) throw new Error(`no ${dir}/: run npm run bench (it builds both), or vite build`);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const timed = (s: Stats) => `${ms(s.median)} (p95 ${ms(s.p95)})`;
const figures: Figure[] = [];

// Sizes, from the builds.
const bare = firstLoadJs({ build: BARE, strings: false });
for (const [name, page] of [
	['home', 'index.html'],
	['interview', 'interview.html']
]) {
	const own = firstLoadJs({ page });
	figures.push({
		figure: `first-load JS of ${name}, gzipped (goal ≤ 100 KB)`,
		value: `${kb(own.gzipped)} (${own.files} files)`,
		baseline: `bare SvelteKit page ${kb(bare.gzipped)}`,
		ratio: times(own.gzipped / bare.gzipped)
	});
}
const precache = precacheSize();
const bareAll = clientSize(BARE);
figures.push({
	figure: 'precached by the service worker',
	value: `${kb(precache.bytes)} (${kb(precache.gzipped)} gzipped, ${precache.files} files)`,
	baseline: `bare build's client files ${kb(bareAll.bytes)} (${kb(bareAll.gzipped)} gzipped)`,
	ratio: times(precache.bytes / bareAll.bytes)
});

const server = await testServer({ port: PORT });
await server.start();
const bareSite = await bareServer(PORT + 1);
const browser = await launch();
const cdpOf = async (context: BrowserContext, page: Parameters<BrowserContext['newCDPSession']>[0]) => {
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	return async (cold: boolean) => {
		await cdp.send('Network.setBypassServiceWorker', { bypass: cold });
		await cdp.send('Network.setCacheDisabled', { cacheDisabled: cold });
	};
};
const expectFrom = (sw: boolean) => (r: { ms: number; fromServiceWorker: boolean }) => {
	if (r.fromServiceWorker !== sw) throw new Error(`the page came ${r.fromServiceWorker ? '' : 'not '}from the service worker`);
	return r.ms;
};

try {
	// The bare page: its label, cold and from the HTTP cache.
	const bareContext = await browser.newContext({ viewport: { width: 800, height: 1280 } });
	await bareContext.addInitScript(markScript, 'label');
	const barePage = await bareContext.newPage();
	const bareMode = await cdpOf(bareContext, barePage);
	const labelOf = async (path: string) => {
		const time = () => repeat(REPEATS, async () => expectFrom(false)(await timeTo(barePage, `${bareSite.origin}${path}`, 'label')));
		await bareMode(true);
		const cold = await time();
		await bareMode(false);
		return { cold, warm: await time() };
	};
	const bareLabel = await labelOf('/');
	// The same label drawn in the browser once SvelteKit has started (ssr = false, as a page whose
	// label comes from the device must be): the floor of any client-rendered page on this stack.
	const floorLabel = await labelOf('/client');
	await bareContext.close();

	// The tablet: set up as a supervisor's setup link does, then a draft started from the home screen.
	const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' };
	const deployment = await fetch(`${server.origin}/api/admin/deployment`, {
		method: 'PUT',
		headers: admin,
		body: JSON.stringify(TEST_DEPLOYMENT)
	});
	if (deployment.status !== 200) throw new Error(`PUT /api/admin/deployment answered ${deployment.status}`);
	const created = await fetch(`${server.origin}/api/admin/enumerators`, {
		method: 'POST',
		headers: admin,
		body: JSON.stringify({ name: 'Bench Enumerator', sex: 'female' })
	});
	if (created.status !== 201) throw new Error(`POST /api/admin/enumerators answered ${created.status}`);
	const { setupUrl } = (await created.json()) as { setupUrl: string };
	const context = await browser.newContext({ viewport: { width: 800, height: 1280 }, serviceWorkers: 'allow', acceptDownloads: true });
	await context.addInitScript(markScript, '.question :is(legend, label, p.note)');
	const page = await context.newPage();
	await page.goto(setupUrl);
	await page.getByRole('status').filter({ hasText: 'Bench Enumerator' }).waitFor();
	await page.goto(`${server.origin}/`);
	const controlled = () => page.evaluate(async () => (await navigator.serviceWorker.ready, navigator.serviceWorker.controller !== null));
	if (!(await controlled())) await page.reload();
	if (!(await controlled())) throw new Error('the service worker does not control the page');
	await page.getByRole('combobox').first().selectOption('en');
	await page.getByRole('button', { name: 'New interview' }).click();
	await page.waitForURL(/\/interview\?id=/);
	const draftUrl = page.url();
	const draftId = new URL(draftUrl).searchParams.get('id')!;
	const firstLabel = (await page.locator('.question :is(legend, label, p.note)').first().textContent())?.trim();
	const mode = await cdpOf(context, page);

	await mode(true);
	const tunCold = await repeat(REPEATS, async () => expectFrom(false)(await timeTo(page, draftUrl, 'label')));
	await mode(false);
	const tunWarm = await repeat(REPEATS, async () => expectFrom(true)(await timeTo(page, draftUrl, 'label')));
	/** A time to a label beside the bare page's, both cold or both from a cache. */
	const besideBare = (figure: string, value: Stats, cold: boolean): Figure => {
		const base = cold ? bareLabel.cold : bareLabel.warm;
		const baseline = `bare page's label, ${cold ? 'cold' : 'HTTP cache'} ${timed(base)}`;
		return { figure, value: timed(value), baseline, ratio: times(value.median / base.median) };
	};
	figures.push(
		besideBare(`open draft → first label ("${firstLabel}"), cold: no service worker, no HTTP cache (goal ≤ 1.5× bare)`, tunCold, true),
		besideBare('open draft → first label, from the service worker (goal ≤ 1.5× bare)', tunWarm, false),
		besideBare("the stack's floor: a bare SvelteKit page drawing its label in the browser (ssr = false), cold", floorLabel.cold, true),
		besideBare("the stack's floor, from the HTTP cache", floorLabel.warm, false)
	);

	// 10,000 interviews on the device.
	await fill(page, draftId, INTERVIEWS - 1, MIX);
	const home = await repeat(REPEATS, async () => expectFrom(true)(await timeTo(page, `${server.origin}/`, 'home')));
	const filters = (await page.locator('.filters button').allTextContents()).join(', ');
	figures.push({
		figure: `home screen with ${INTERVIEWS.toLocaleString('en')} interviews → first item and counts (${filters})`,
		value: timed(home),
		baseline: 'goal ≤ 200 ms',
		ratio: times(home.median / 200)
	});

	await page.goto(`${server.origin}/settings`);
	const button = page.getByRole('button', { name: 'Export backup', disabled: false });
	const exportOnce = async (start: () => Promise<void>) => {
		const began = performance.now();
		const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), start()]);
		const took = performance.now() - began;
		fileSizes.push(statSync((await download.path())!).size);
		await download.delete();
		return took;
	};
	const fileSizes: number[] = [];
	// Alternated, one warm-up pair first: both see the same state of the page (memory, earlier files).
	const runs = { backup: [] as number[], plain: [] as number[], backupBytes: 0, plainBytes: 0 };
	for (let i = 0; i <= Math.min(REPEATS, 7); i++) {
		await button.waitFor(); // enabled again once the last export is done
		const b = await exportOnce(() => button.click());
		runs.backupBytes = fileSizes.at(-1)!;
		const p = await exportOnce(() => plainDownload(page));
		runs.plainBytes = fileSizes.at(-1)!;
		if (i) {
			runs.backup.push(b);
			runs.plain.push(p);
		}
	}
	const [backup, plain] = [stats(runs.backup), stats(runs.plain)];
	const [backupMb, plainMb] = [mb(runs.backupBytes), mb(runs.plainBytes)];
	figures.push({
		figure: `backup export of ${INTERVIEWS.toLocaleString('en')} interviews, click → download`,
		value: `${timed(backup)}, ${backupMb}`,
		baseline: `the same rows read, JSON.stringify'd, downloaded in the page ${timed(plain)}, ${plainMb}`,
		ratio: times(backup.median / plain.median)
	});
	await context.close();
} finally {
	await browser.close();
	bareSite.stop();
	server.dispose();
}

writeFigures('browser', figures);
console.log(
	[
		'',
		`the tablet in Chromium (median of ${REPEATS} after a warm-up; p95)`,
		...figures.map((f) => `${f.figure}: ${f.value} | ${f.baseline} | ${f.ratio ?? ''}`),
		''
	].join('\n')
);

describe('browser', () => {
	bench('first-load JS of the home page (reading the build)', () => void firstLoadJs(), { iterations: 3, time: 0 });
});
