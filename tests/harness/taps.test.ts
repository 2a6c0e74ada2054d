/**
 * Taps and scrolling of one household interview (issue 12, "What must be shown"): the Martuni
 * household of the end-to-end test on questionnaire version 2026-12-01, in Armenian, on an
 * 800×1280 tablet, played by the e2e's form driver (tests/e2e/form-driver.ts) and counted in
 * the page (taps.ts). `npm run taps` measures this checkout's build; with
 * TUN_TAPS_BEFORE=<another checkout, built> it measures that one first, with the same
 * harness, and prints both side by side. Nothing is written into the repository.
 *
 * Each build is served by its own scripts/serve.mjs on a throw-away data directory. The
 * tablet is shown only version 2026-12-01 in the server's list of forms (a server before
 * 2026-12-15 was published), so today's build, which knows both, starts the interview on it;
 * the export then proves the version.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { household20261201 } from '../../src/lib/forms/index';
import { TEST_DEPLOYMENT } from '../support/deployment';
import { csvRecords } from '../support/csv';
import { TEST_ADMIN_TOKEN } from '../support/server';
import { FormDriver, t, type Answers } from '../e2e/form-driver';
import { household } from './household-20261201';
import { instrument, pageCounter, readTally, resetTally, setScreen } from './taps';
import { summarize, table, type Measured } from './report';

const VERSION = '2026-12-01';
const LANG = 'hy';
const VIEWPORT = { width: 800, height: 1280 };
const PORT = Number(process.env.TUN_TAPS_PORT ?? 4303);
const ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' };

const here = resolve(import.meta.dirname, '../..');
const builds = [
	...(process.env.TUN_TAPS_BEFORE ? [{ name: 'before', dir: resolve(process.env.TUN_TAPS_BEFORE) }] : []),
	{ name: process.env.TUN_TAPS_BEFORE ? 'after' : 'this build', dir: resolve(process.env.TUN_TAPS_APP ?? here) }
];
const measured: Measured[] = [];

test.describe.configure({ mode: 'serial', timeout: 300_000 });
test.use({ viewport: VIEWPORT });

/** `node scripts/serve.mjs` of the checkout at `dir`, as its own e2e runs it; resolves once /api/health answers. */
async function serve(dir: string, port: number): Promise<{ origin: string; stop(): void }> {
	if (!existsSync(join(dir, 'build', 'handler.js'))) throw new Error(`${dir} has no build: run \`npx vite build\` there first`);
	const data = mkdtempSync(join(tmpdir(), 'tun-taps-'));
	const origin = `http://127.0.0.1:${port}`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: data,
		ADMIN_TOKEN: TEST_ADMIN_TOKEN,
		ORIGIN: origin
	};
	delete env.DATABASE_URL;
	delete env.NODE_OPTIONS;
	const child: ChildProcess = spawn(process.execPath, ['scripts/serve.mjs'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let printed = '';
	child.stdout?.on('data', (c: Buffer) => (printed += c));
	child.stderr?.on('data', (c: Buffer) => (printed += c));
	const stop = () => {
		child.kill('SIGKILL');
		rmSync(data, { recursive: true, force: true });
	};
	await expect
		.poll(
			async () => {
				if (child.exitCode !== null) throw new Error(`the server of ${dir} exited:\n${printed}`);
				return fetch(`${origin}/api/health`).then(
					(r) => r.status,
					() => 0
				);
			},
			{ timeout: 30_000, message: `the server of ${dir} answers /api/health` }
		)
		.toBe(200);
	return { origin, stop };
}

/** The commit a checkout is at, and whether it has changes of its own. */
function commitOf(dir: string): string {
	const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
	return git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain', '--untracked-files=no') ? '+changes' : '');
}

/** Sets the tablet up as a new enumerator of the server at `origin`, as the setup link does (the deployment settings first, where the build has them). */
async function provision(page: Page, origin: string): Promise<void> {
	const deployment = await fetch(`${origin}/api/admin/deployment`, {
		method: 'PUT',
		headers: ADMIN,
		body: JSON.stringify(TEST_DEPLOYMENT)
	});
	expect([200, 404]).toContain(deployment.status);
	const name = `Taps ${Math.random().toString(36).slice(2, 8)}`;
	const created = await fetch(`${origin}/api/admin/enumerators`, {
		method: 'POST',
		headers: ADMIN,
		body: JSON.stringify({ name, sex: 'female' })
	});
	expect(created.status).toBe(201);
	const { setupUrl } = (await created.json()) as { setupUrl: string };
	await page.goto(setupUrl);
	await expect(page.getByRole('status')).toContainText(name);
}

for (const build of builds) {
	test(`the household on ${VERSION}, in Armenian at 800×1280: ${build.name} (${build.dir})`, async ({ page }) => {
		const server = await serve(build.dir, PORT + builds.indexOf(build));
		const driver = new FormDriver(household20261201.definition, TEST_DEPLOYMENT);
		const place = `Martuni ${Math.random().toString(36).slice(2, 8)}`;
		const h = household(place);
		let restore = () => {};
		try {
			// The tablet of 1 December: the server's list of forms holds that version only.
			await page.context().route(
				(url) => url.pathname === '/api/forms',
				async (route) => {
					const request = route.request();
					const authorization = await request.headerValue('authorization');
					const response = await fetch(request.url(), { headers: authorization ? { authorization } : {} });
					if (response.status !== 200) return route.fulfill({ status: response.status, body: await response.text() });
					const listed = (await response.json()) as { version: string }[];
					await route.fulfill({ json: listed.filter((f) => f.version === VERSION) });
				}
			);
			await page.context().addInitScript(pageCounter);
			await provision(page, server.origin);
			await page.goto(`${server.origin}/`);
			await page.getByRole('combobox', { name: /^(Language|Язык|Լեզու)$/ }).selectOption(LANG);
			await expect(page.getByRole('combobox', { name: t(LANG).language })).toHaveValue(LANG);

			// From here every tap counts: New interview to the last confirmation of Finalize.
			restore = instrument(page);
			await resetTally(page);
			await setScreen(page, 'home');
			await page.getByRole('button', { name: t(LANG).new_interview, exact: true }).click();
			await expect(page).toHaveURL(/\/interview\?id=/);
			const id = new URL(page.url()).searchParams.get('id')!;
			for (const [screen, answers] of Object.entries(h)) {
				await setScreen(page, screen);
				await driver.answerScreen(page, LANG, screen, answers, { household: h, next: false });
				await page.getByRole('button', { name: t(LANG).next, exact: true }).click();
			}
			await setScreen(page, 'review');
			await expect(page.getByRole('heading', { name: t(LANG).review_heading })).toBeVisible();
			await expect(page.getByText(t(LANG).review_ok)).toBeVisible();
			await page.getByRole('button', { name: t(LANG).finalize, exact: true }).click();
			// A build that asks once more before locking the interview: that is a tap too.
			const confirm = page.getByRole('button', { name: t(LANG).finalize_confirm, exact: true });
			const home = page.getByRole('button', { name: t(LANG).new_interview, exact: true });
			await expect(confirm.or(home).first()).toBeVisible();
			if (await confirm.isVisible()) await confirm.click();
			await expect(home).toBeVisible();
			const tally = await readTally(page);
			restore();
			// Every tap as the page logged it, beside the test's other results (a temporary directory).
			writeFileSync(test.info().outputPath('taps.json'), JSON.stringify(tally, null, '\t'));

			// The interview arrived on the server, on version 2026-12-01.
			await expect
				.poll(async () => {
					const csv = await fetch(`${server.origin}/api/admin/export/household_migration/household_migration.csv`, { headers: ADMIN });
					return csvRecords(await csv.text()).find((r) => r.KEY === id)?.form_version;
				})
				.toBe(VERSION);

			const members = (h.member as Answers[]).map((m) => ({
				name: String(m.m_name),
				migrant: Object.keys(m).some((k) => k.startsWith('mig_'))
			}));
			measured.push(summarize(`${build.name} ${commitOf(build.dir)}`, tally, members, VIEWPORT.height));
		} finally {
			restore();
			server.stop();
		}
	});
}

test.afterAll(() => {
	if (measured.length) console.log(`\n${table(measured, { version: VERSION, language: LANG, viewport: VIEWPORT })}\n`);
});
