import { expect, test, type APIResponse } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminToken } from '../../playwright.config';
import { asAdmin, next, placeOfInterview, provision, Q, uniqueName, useEnglish, waitForServiceWorker } from './helpers';

/** The security headers every response carries, whatever serves it. */
function expectSecurityHeaders(response: APIResponse) {
	const headers = response.headers();
	const csp = headers['content-security-policy'] ?? '';
	const directives = new Map(
		csp
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.map(([name, ...sources]) => [name, sources])
	);
	expect(directives.get('frame-ancestors'), response.url()).toEqual(["'none'"]);
	expect(directives.get('default-src')).toEqual(["'self'"]);
	expect(directives.get('object-src')).toEqual(["'none'"]);
	expect(directives.get('script-src')?.[0]).toBe("'self'");
	// Inline scripts only by their hashes, and nothing evaluated from strings.
	expect(
		directives
			.get('script-src')
			?.slice(1)
			.every((s) => /^'sha256-[A-Za-z0-9+/]+={0,2}'$/.test(s))
	).toBe(true);
	expect(csp).not.toContain('unsafe-eval');
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('no-referrer');
	return headers;
}

test('pages, built files, static files and API answers carry the security headers; tokens and survey data are never cached', async ({
	request
}) => {
	const home = await request.get('/');
	expect(home.status()).toBe(200);
	expectSecurityHeaders(home);
	const html = await home.text();
	// The prerendered page's start-up script is allowed by its hash, not by 'unsafe-inline'.
	const policy = home.headers()['content-security-policy'];
	expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
	expect(policy).toMatch(/script-src 'self'( 'sha256-[^']+')+;/);

	const admin = await request.get('/admin');
	expect(admin.status()).toBe(200);
	expect(await admin.text()).toContain('<script>');
	expect(expectSecurityHeaders(admin)['cache-control'] ?? '').not.toContain('immutable');

	const script = /(?:\.\/|\/)(_app\/immutable\/[^"]+\.js)/.exec(html)?.[1];
	expect(script).toBeDefined();
	const asset = await request.get(`/${script}`);
	expect(asset.status()).toBe(200);
	expect(expectSecurityHeaders(asset)['cache-control']).toBe('public,max-age=31536000,immutable');

	for (const path of ['/service-worker.js', '/robots.txt', '/_app/version.json', '/manifest.webmanifest', '/icons/maskable-512.png']) {
		const file = await request.get(path);
		expect(file.status(), path).toBe(200);
		expect(expectSecurityHeaders(file)['cache-control'] ?? '', path).not.toContain('no-store');
	}

	const health = await request.get('/api/health');
	expect(health.status()).toBe(200);
	expect(expectSecurityHeaders(health)['cache-control'] ?? '').not.toContain('no-store');

	const listed = await request.get('/api/admin/enumerators', { headers: asAdmin });
	expect(listed.status()).toBe(200);
	expect(listed.headers()['content-type']).toContain('application/json');
	expect(expectSecurityHeaders(listed)['cache-control']).toBe('no-store');

	// The one answer that holds a new token; a refusal; a page nobody prerendered; an API path that does not exist.
	const created = await request.post('/api/admin/enumerators', { headers: asAdmin, data: { name: uniqueName('Headers'), sex: 'female' } });
	expect(created.status()).toBe(201);
	expect(expectSecurityHeaders(created)['cache-control']).toBe('no-store');
	const refused = await request.get('/api/me');
	expect(refused.status()).toBe(401);
	expect(expectSecurityHeaders(refused)['cache-control']).toBe('no-store');
	const missing = await request.get('/no-such-page');
	expect(missing.status()).toBe(404);
	expectSecurityHeaders(missing);
	const missingApi = await request.get('/api/no-such-thing', { headers: { accept: 'application/json' } });
	expect(missingApi.status()).toBe(404);
	expect(expectSecurityHeaders(missingApi)['cache-control']).toBe('no-store');
});

test('the app works under the policy: no violation and no console error while a tablet and a supervisor use it', async ({
	context,
	page,
	request
}) => {
	const violations: string[] = [];
	const errors: string[] = [];
	await context.exposeFunction('reportPolicyViolation', (line: string) => violations.push(line));
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			const report = (window as unknown as { reportPolicyViolation: (line: string) => void }).reportPolicyViolation;
			void report(
				`violation of ${e.effectiveDirective}: ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} on ${location.pathname}`
			);
		});
	});
	context.on('console', (message) => {
		const line = `console ${message.type()}: ${message.text()} on ${message.page()?.url()}`;
		if (/content security policy/i.test(message.text())) violations.push(line);
		else if (message.type() === 'error') errors.push(line);
	});
	context.on('weberror', (error) => errors.push(`uncaught: ${error.error().message}`));

	const name = uniqueName('Policy');
	await provision(page, request, name);
	await page.goto('/');
	await waitForServiceWorker(page);
	await useEnglish(page);

	await page.getByRole('link', { name: 'Settings' }).click();
	await expect(page).toHaveURL(/\/settings$/);
	await expect(page.getByRole('definition').first()).toHaveText(name);

	await page.goto('/admin');
	await page.getByLabel(/^Your name/).fill('Supervisor');
	await page.getByLabel('Admin token').fill(adminToken);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText('Signed in as Supervisor')).toBeVisible();
	const supervised = uniqueName('Supervised');
	await page.getByLabel('Name', { exact: true }).fill(supervised);
	await page.getByRole('radio', { name: 'Male', exact: true }).check();
	await page.getByRole('button', { name: 'Create enumerator' }).click();
	// The QR code of the setup link is drawn.
	await expect(page.getByRole('region', { name: `Setup link for ${supervised}` }).locator('svg')).toBeVisible();

	await page.goto('/');
	await page.getByRole('button', { name: 'New interview' }).click();
	await expect(page).toHaveURL(/\/interview\?id=/);
	await placeOfInterview(page, uniqueName('Policy'));
	await next(page);
	await expect(page.getByText(Q.consent)).toBeVisible();

	expect(violations).toEqual([]);
	expect(errors).toEqual([]);

	// A page SvelteKit renders on request (its 404, which logs its own error): its start-up
	// script runs under the header SvelteKit makes with that script's hash.
	const missing = await page.goto('/no-such-page');
	expect(missing?.status()).toBe(404);
	await expect(page.getByText('Not Found')).toBeVisible();
	expect(violations).toEqual([]);

	// And the watch itself works: an inline script the policy does not list is refused, and seen.
	await page.evaluate(() => {
		const script = document.createElement('script');
		script.textContent = 'document.body.dataset.injected = "ran"';
		document.head.append(script);
	});
	await expect.poll(() => violations.join('\n')).toContain('violation of script-src');
	expect(await page.evaluate(() => document.body.dataset.injected)).toBeUndefined();
});

test('the server warns at start when ORIGIN is unset, and stops cleanly on SIGTERM', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'tun-e2e-origin-'));
	const start = (env: Record<string, string>) => {
		const all: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, ADMIN_TOKEN: adminToken, ...env };
		if (!env.ORIGIN) delete all.ORIGIN;
		const child = spawn(process.execPath, ['scripts/serve.mjs'], {
			env: all,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
		return { child, output: () => output, exited };
	};
	try {
		const unset = start({});
		await expect.poll(unset.output, { timeout: 20_000 }).toMatch(/Listening on http:\/\/127\.0\.0\.1:\d+/);
		expect(unset.output()).toContain('ORIGIN is not set');
		expect(unset.output()).toContain('setup links');
		expect(unset.output()).toContain('ORIGIN=https://');
		const port = /Listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(unset.output())![1];
		const health = await fetch(`http://127.0.0.1:${port}/api/health`);
		expect(health.status).toBe(200);
		unset.child.kill('SIGTERM');
		expect(await unset.exited).toBe(0);

		const set = start({ ORIGIN: 'http://127.0.0.1:1' });
		await expect.poll(set.output, { timeout: 20_000 }).toContain('Listening on');
		expect(set.output()).not.toContain('ORIGIN');
		set.child.kill('SIGTERM');
		expect(await set.exited).toBe(0);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
