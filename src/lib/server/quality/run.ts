/**
 * Data-quality flags computed where submissions are stored: when they arrive (sync and a
 * backup import alike, after the save: an error here is logged and the rows stay), and for
 * every stored submission when the thresholds change (page by page, yielding between pages).
 * A duplicate household found flags every submission of it, the earlier ones too.
 */
import type { CompiledForm } from '$lib/form';
import { flagNames, type FlagName, type QualityThresholds, type Submission } from '$lib/wire';
import type { QualityRow } from '../storage/quality';
import type { Store } from '../storage/types';
import { duplicateFlag, ownFlags } from './flags';
import { householdSignature, locationOf } from './place';
import { Places } from './places';

export const DEFAULT_THRESHOLDS: QualityThresholds = { speederMinutes: 20, scaleItems: 5, dontKnow: 10, locationKm: 5, answerChanges: 5 };

/** The flags a submission's own content decides (all but the duplicate). */
const OWN: readonly FlagName[] = flagNames.filter((f) => f !== 'duplicate');
/** Submissions of one household read at most, and other ids a duplicate's reason names at most. */
const HOUSEHOLD_READ = 50;
const OTHERS_NAMED = 10;
/** Submissions a recompute reads at a time. */
export const RECOMPUTE_PAGE = 200;

export type FindCompiled = (id: string, version: string) => Promise<CompiledForm | undefined>;

export const currentThresholds = async (store: Store): Promise<QualityThresholds> =>
	(await store.getQualityThresholds()) ?? DEFAULT_THRESHOLDS;

/** What one submission's own content says: its columns and its flags but the duplicate. */
async function assess(form: CompiledForm, s: Submission, t: QualityThresholds, places: Places): Promise<QualityRow> {
	const placeName = form.definition.place;
	const placeValue = placeName === undefined ? undefined : s.answers[placeName];
	const place = typeof placeValue === 'string' ? placeValue : null;
	const where = locationOf(form, s.answers);
	const point = where && 'lat' in where ? where : null;
	const median = point && place !== null ? await places.median(s.formId, place, s.id, point) : null;
	return {
		id: s.id,
		columns: { household: householdSignature(form, s.answers), lat: point?.lat ?? null, lon: point?.lon ?? null },
		names: OWN,
		flags: ownFlags(form, s, t, { place, median })
	};
}

/**
 * Every submission of one household flagged as a duplicate of the others; one alone loses the
 * flag (unless `alone` may stay as it is: a submission just arrived has no flag to lose).
 */
async function settleHousehold(store: Store, formId: string, household: string, alone: 'write' | 'skip' = 'write'): Promise<void> {
	const ids = await store.sameHousehold(formId, household, HOUSEHOLD_READ);
	if (ids.length < 2 && alone === 'skip') return;
	await store.saveQuality(
		ids.map((id) => {
			const others = ids.filter((o) => o !== id).slice(0, OTHERS_NAMED);
			return { id, names: ['duplicate'], flags: others.length ? [duplicateFlag(others)] : [] };
		})
	);
}

/** Flags submissions just stored. Never throws: a failure is logged, and the submissions stay as stored. */
export async function flagArrivals(store: Store, findForm: FindCompiled, created: readonly Submission[]): Promise<void> {
	if (!created.length) return;
	try {
		const t = await currentThresholds(store);
		const places = new Places(store);
		const rows: QualityRow[] = [];
		const households = new Map<string, string>();
		for (const s of created) {
			const form = await findForm(s.formId, s.formVersion);
			if (!form) continue;
			const row = await assess(form, s, t, places);
			rows.push(row);
			if (row.columns?.household) households.set(`${s.formId}\u0000${row.columns.household}`, s.formId);
		}
		await store.saveQuality(rows);
		for (const [key, formId] of households) await settleHousehold(store, formId, key.slice(formId.length + 1), 'skip');
	} catch (error) {
		console.error(`data-quality flags of ${created.length} submission(s) could not be computed (they are stored):`, error);
	}
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

let running: Promise<unknown> = Promise.resolve();

/**
 * Computes every stored submission's flags again with these thresholds, a page at a time (one
 * recompute at a time in this process; a second waits for the first). Answers the counts per flag.
 */
export function recomputeAll(store: Store, findForm: FindCompiled, t: QualityThresholds): Promise<Record<FlagName, number>> {
	const run = running.catch(() => {}).then(() => recompute(store, findForm, t, false));
	running = run;
	return run;
}

/**
 * Flags the submissions never flagged (stored before the flags existed, or whose flagging
 * failed), with the thresholds as they stand: run in the background at start. Never throws.
 */
export async function flagUnflagged(store: Store, findForm: FindCompiled): Promise<void> {
	const run = running.catch(() => {}).then(async () => recompute(store, findForm, await currentThresholds(store), true));
	running = run;
	await run.catch((error: unknown) => console.error('data-quality flags of stored submissions could not be computed:', error));
}

async function recompute(
	store: Store,
	findForm: FindCompiled,
	t: QualityThresholds,
	unflagged: boolean
): Promise<Record<FlagName, number>> {
	const places = new Places(store);
	for (let after = 0; ;) {
		const page = await store.qualityPage(after, RECOMPUTE_PAGE, unflagged);
		const rows: QualityRow[] = [];
		const changed: [string, string][] = [];
		for (const { submission: s, household } of page) {
			const form = await findForm(s.formId, s.formVersion);
			if (!form) continue;
			const row = await assess(form, s, t, places);
			rows.push(row);
			// A signature computed anew (a row stored before flags existed) settles its household and the one it left.
			for (const sig of [household, row.columns?.household ?? null])
				if (sig !== null && household !== (row.columns?.household ?? null)) changed.push([s.formId, sig]);
		}
		await store.saveQuality(rows);
		for (const [formId, sig] of changed) await settleHousehold(store, formId, sig);
		if (page.length < RECOMPUTE_PAGE) break;
		after = page.at(-1)!.seq;
		await pause();
	}
	return store.flagCounts();
}
