/**
 * Key figures of a benchmark, written to .reports/bench/<name>.json beside its console output, so
 * `npm run bench` (scripts/bench.mjs) can gather every figure into one table. Each figure has its
 * baseline from the same run: another implementation, a bare page, or a goal.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIGURES_DIR = '.reports/bench';

/**
 * @typedef {object} Figure
 * @property {string} figure what is measured
 * @property {string} value its value with the unit ("12.3 ms", "10,700 rows/s")
 * @property {string} baseline the baseline's name and value, or the goal
 * @property {string} [ratio] value over baseline, when it means something
 */

/**
 * @param {string} name the benchmark (the JSON file's name)
 * @param {Figure[]} figures
 */
export function writeFigures(name, figures) {
	mkdirSync(FIGURES_DIR, { recursive: true });
	writeFileSync(join(FIGURES_DIR, `${name}.json`), JSON.stringify({ name, at: new Date().toISOString(), figures }, null, '\t'));
}

/** Milliseconds as the table shows them. */
export const ms = (/** @type {number} */ x) => `${x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x)} ms`;
/** A ratio as the table shows it. */
export const times = (/** @type {number} */ x) => `${x.toFixed(2)}×`;
/** A rate as the table shows it. */
export const perSecond = (/** @type {number} */ x, /** @type {string} */ unit) => `${Math.round(x).toLocaleString('en')} ${unit}/s`;
