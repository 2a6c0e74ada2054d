/**
 * Where an interview was and which household it was, as the definition declares them:
 * `location` (a geopoint), `place` and `household` (a roster and the fields of its entries).
 * A household's signature is a hash of its place and its roster (each entry's declared
 * fields, written the same whatever the case and spacing of a name, in any order): two
 * submissions with one signature are possibly one household interviewed twice.
 */
import { createHash } from 'node:crypto';
import type { CompiledForm } from '$lib/form';

export interface LatLon {
	lat: number;
	lon: number;
}

/** The interview's location: a point, `missing` with why, or undefined when the form declares no location. */
export function locationOf(form: CompiledForm, answers: Record<string, unknown>): LatLon | { missing: string } | undefined {
	const name = form.definition.location;
	if (name === undefined) return undefined;
	const value = answers[name];
	if (value === undefined || value === null) return { missing: 'not answered' };
	if (typeof value !== 'object') return { missing: 'not a location' };
	const { lat, lon, no_fix, special } = value as Record<string, unknown>;
	if (typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon)) return { lat, lon };
	if (typeof no_fix === 'string') return { missing: `no fix: ${no_fix}` };
	return { missing: special === 'refused' ? 'refused' : special === 'dont_know' ? "don't know" : 'not a location' };
}

/** Great-circle distance in km. */
export function distanceKm(a: LatLon, b: LatLon): number {
	const rad = Math.PI / 180;
	const dLat = (b.lat - a.lat) * rad;
	const dLon = (b.lon - a.lon) * rad;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
	return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A value as the signature writes it: names the same whatever their case, spacing or Unicode form. */
function written(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
	return JSON.stringify(value);
}

/**
 * What makes two interviews the same household: the definition's `household` declaration, else
 * the first roster outside repeats that declares a summary, by its summary's fields (what the
 * form itself shows to tell its entries apart: in the household questionnaire, each member's
 * name, sex, age and relation). Undefined when the definition declares neither.
 */
export function householdOf(form: CompiledForm): { roster: string; fields: readonly string[] } | undefined {
	if (form.definition.household) return form.definition.household;
	for (const name of form.top) {
		const item = form.nodes.get(name)!.item;
		if (item.type === 'repeat' && item.summary?.length) return { roster: name, fields: item.summary };
	}
	return undefined;
}

/** The household's signature, or null when the definition declares none, or the place or the roster is not answered. */
export function householdSignature(form: CompiledForm, answers: Record<string, unknown>): string | null {
	const declared = householdOf(form);
	const placeName = form.definition.place;
	if (!declared || placeName === undefined) return null;
	const place = answers[placeName];
	const roster = answers[declared.roster];
	if (typeof place !== 'string' || !Array.isArray(roster) || roster.length === 0) return null;
	const entries = roster
		.map((entry) => declared.fields.map((f) => written((entry as Record<string, unknown> | null)?.[f])))
		.map((fields) => JSON.stringify(fields))
		.sort();
	return createHash('sha256')
		.update(JSON.stringify([form.definition.id, place, entries]))
		.digest('hex');
}

/** The median of sorted numbers with one occurrence of `value` taken out (all of them when `value` is not there). */
export function medianWithout(sorted: readonly number[], value: number | undefined): number | null {
	let skip = -1;
	if (value !== undefined) {
		let lo = 0;
		let hi = sorted.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			if (sorted[mid] === value) {
				skip = mid;
				break;
			}
			if (sorted[mid] < value) lo = mid + 1;
			else hi = mid - 1;
		}
	}
	const n = sorted.length - (skip >= 0 ? 1 : 0);
	if (n <= 0) return null;
	const at = (k: number) => sorted[skip >= 0 && k >= skip ? k + 1 : k];
	const mid = n >> 1;
	return n % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}
