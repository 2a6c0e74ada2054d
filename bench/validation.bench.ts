/**
 * The worst-case batch: the costliest body the limits allow (households of 200 members,
 * every one with a migrant entry, as many as fit in 5 MB; src/lib/forms/worst-case.ts),
 * checked as POST /api/submissions checks it. Printed beside a baseline run in the same
 * process: JSON.parse of the same body, the least any server must do with it. Then, with a
 * build present (npm run build), the same batch through the worker pool: how long the
 * server's event loop is held meanwhile (the longest delay a timer sees), against checking
 * on the event loop itself.
 */
import { bench, describe } from 'vitest';
import { existsSync } from 'node:fs';
import Piscina from 'piscina';
import { findForm, forms } from '../src/lib/forms';
import { worstCaseBatch } from '../src/lib/forms/worst-case';
import { checkBatchText } from '../src/lib/server/submissions';
import { ms as fmt, times, writeFigures, type Figure } from './figures.mjs';

const { body, items } = worstCaseBatch();
const ms = (x: number) => `${x.toFixed(1).padStart(8)} ms`;

function timed(run: () => void, rounds: number): { p50: number; max: number } {
	const times: number[] = [];
	for (let i = 0; i < rounds; i++) {
		const start = performance.now();
		run();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	return { p50: times[Math.floor(times.length / 2)], max: times[times.length - 1] };
}

/** The longest the event loop was held while `work` ran: how late a 5 ms timer fired, at worst. */
async function loopHeld(work: () => Promise<unknown>): Promise<number> {
	let last = performance.now();
	let worst = 0;
	const timer = setInterval(() => {
		const now = performance.now();
		worst = Math.max(worst, now - last - 5);
		last = now;
	}, 5);
	await work();
	await new Promise((resolve) => setTimeout(resolve, 20));
	clearInterval(timer);
	return worst;
}

checkBatchText(body, findForm); // warm-up: the engine's first run compiles its caches
const check = timed(() => checkBatchText(body, findForm), 5);
const parse = timed(() => JSON.parse(body), 5);
const lines = [
	'',
	`worst-case batch: ${items} households of 200 members, ${(body.length / 1024 / 1024).toFixed(2)} MB`,
	`  checked (JSON, schema, limits, engine), p50 ${ms(check.p50)}, max ${ms(check.max)}`,
	`  baseline: JSON.parse alone,            p50 ${ms(parse.p50)}, max ${ms(parse.max)}`
];

const figures: Figure[] = [
	{
		figure: `worst-case batch (${items} households of 200 members, ${(body.length / 1024 / 1024).toFixed(2)} MB) checked, p50`,
		value: fmt(check.p50),
		baseline: `JSON.parse alone ${fmt(parse.p50)}`,
		ratio: times(check.p50 / parse.p50)
	}
];
const worker = 'build/validation-worker.js';
if (existsSync(worker)) {
	const pool = new Piscina({ filename: `${process.cwd()}/${worker}`, minThreads: 1, maxThreads: 1 });
	// The thread learns the forms from the main thread (src/lib/server/validation/task.ts).
	const task = {
		text: body,
		definitions: forms.map((f) => ({ id: f.definition.id, version: f.definition.version, text: JSON.stringify(f.definition) }))
	};
	await pool.run(task); // the thread starts and warms up
	const inline = await loopHeld(async () => checkBatchText(body, findForm));
	const offThread = await loopHeld(() => pool.run(task));
	await pool.destroy();
	lines.push(`  event loop held while checking: on the loop ${ms(inline)}, through the worker pool ${ms(offThread)}`);
	figures.push({
		figure: 'event loop held while the worst-case batch is checked through the worker pool',
		value: fmt(offThread),
		baseline: `checked on the loop ${fmt(inline)}`,
		ratio: times(offThread / inline)
	});
} else lines.push(`  (no ${worker}: run npm run build to measure the worker pool)`);
writeFigures('validation', figures);
console.log([...lines, ''].join('\n'));

describe('worst-case batch', () => {
	bench('check', () => void checkBatchText(body, findForm), { iterations: 3, time: 0 });
	bench('JSON.parse (baseline)', () => void JSON.parse(body), { iterations: 3, time: 0 });
});
