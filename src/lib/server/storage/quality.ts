/**
 * What the data-quality flags keep (quality/ computes them), the same in both stores: beside
 * each submission its household signature and its location (lat, lon), indexed so the checks
 * made when a submission arrives ("the same household?", "where are the others of its
 * place?") read an index; a row per flag in `submission_flags` (the flag's name and its reason
 * as JSON), indexed by flag for the desk's `flag` filter; the thresholds, one row.
 */
import { flagNames, type FlagName, type QualityFlag, type QualityThresholds } from '$lib/wire';
import type { Store, StoredSubmission } from './types';

/** The migration's DDL, both stores (their column types differ: `real` is a float in both). */
export const qualitySql = (seqType: string, text: string) => `
	ALTER TABLE submissions ADD COLUMN household ${text};
	ALTER TABLE submissions ADD COLUMN lat real;
	ALTER TABLE submissions ADD COLUMN lon real;
	ALTER TABLE submissions ADD COLUMN flagged integer NOT NULL DEFAULT 0;
	CREATE INDEX submissions_unflagged ON submissions (seq) WHERE flagged = 0;
	CREATE INDEX submissions_household ON submissions (form_id, household);
	CREATE INDEX submissions_place_location ON submissions (form_id, settlement, seq, lat, lon);
	CREATE TABLE submission_flags (
		seq ${seqType} NOT NULL REFERENCES submissions (seq),
		flag ${text} NOT NULL,
		reason text NOT NULL,
		PRIMARY KEY (seq, flag)
	);
	CREATE INDEX submission_flags_flag ON submission_flags (flag, seq);
	CREATE TABLE quality (
		id integer PRIMARY KEY CHECK (id = 1),
		thresholds text NOT NULL,
		updated_at text NOT NULL
	);`;

/** What quality found for one submission: kept by saveQuality. */
export interface QualityRow {
	id: string;
	/** Its household signature and location, when they were computed (else left as they are): the row counts as flagged then. */
	columns?: { household: string | null; lat: number | null; lon: number | null };
	/** Its flags of these names are replaced by `flags` (of those names). */
	names: readonly FlagName[];
	flags: readonly QualityFlag[];
}

/** A stored submission as a recompute reads it, with what quality kept of it. */
export interface QualityPageRow {
	seq: number;
	submission: StoredSubmission;
	household: string | null;
}

/** Another interview's location in a place. */
export interface PlacePoint {
	id: string;
	lat: number;
	lon: number;
}

/** A flag row's reason, read back; flags of one submission in the order of flagNames. */
export const flagFromReason = (reason: string): QualityFlag => JSON.parse(reason) as QualityFlag;
export const byFlagOrder = (a: QualityFlag, b: QualityFlag) => flagNames.indexOf(a.flag) - flagNames.indexOf(b.flag);

/** Rows (key, reason) grouped by key, each group in flag order. */
export function groupFlags<K>(rows: readonly { key: K; reason: string }[]): Map<K, QualityFlag[]> {
	const grouped = new Map<K, QualityFlag[]>();
	for (const row of rows) {
		const list = grouped.get(row.key) ?? [];
		list.push(flagFromReason(row.reason));
		grouped.set(row.key, list);
	}
	for (const list of grouped.values()) list.sort(byFlagOrder);
	return grouped;
}

/** Counts per flag, every flag named (0 when none). */
export function countsFrom(rows: readonly { flag: string; n: number | string }[]): Record<FlagName, number> {
	const counts = Object.fromEntries(flagNames.map((f) => [f, 0])) as Record<FlagName, number>;
	for (const row of rows) if ((flagNames as readonly string[]).includes(row.flag)) counts[row.flag as FlagName] = Number(row.n);
	return counts;
}

export const thresholdsFromText = (text: string | undefined): QualityThresholds | null =>
	text === undefined ? null : (JSON.parse(text) as QualityThresholds);

/** The Store's data-quality methods, which each store makes in a module of its own (sqlite-quality.ts, postgres-quality.ts). */
export type QualityMethods = Pick<
	Store,
	| 'getQualityThresholds'
	| 'setQualityThresholds'
	| 'saveQuality'
	| 'sameHousehold'
	| 'placeLocations'
	| 'qualityPage'
	| 'flagsOf'
	| 'flagCounts'
>;
