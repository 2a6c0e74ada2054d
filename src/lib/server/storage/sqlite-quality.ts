/** The SQLite store's data-quality methods (quality.ts says what is kept). */
import type Database from 'better-sqlite3';
import type { DeskRow } from './desk';
import { countsFrom, groupFlags, thresholdsFromText, type PlacePoint, type QualityMethods, type QualityPageRow } from './quality';
import { submissionFromRow, type SubmissionRow } from './rows';
import type { Store } from './types';

/** The quality methods over an open database, and how a desk page's rows get their flags. */
export function sqliteQuality(db: Database.Database): QualityMethods & { withFlags(rows: DeskRow[]): DeskRow[] } {
	const setColumns = db.prepare<[string | null, number | null, number | null, string]>(
		'UPDATE submissions SET household = ?, lat = ?, lon = ?, flagged = 1 WHERE id = ? RETURNING seq'
	);
	const seqOf = db.prepare<[string], { seq: number }>('SELECT seq FROM submissions WHERE id = ?');
	const dropFlag = db.prepare<[number, string]>('DELETE FROM submission_flags WHERE seq = ? AND flag = ?');
	const keepFlag = db.prepare<[number, string, string]>('INSERT INTO submission_flags (seq, flag, reason) VALUES (?, ?, ?)');
	const save = db.transaction((rows: Parameters<Store['saveQuality']>[0]) => {
		for (const row of rows) {
			const c = row.columns;
			const found = (c ? setColumns.get(c.household, c.lat, c.lon, row.id) : seqOf.get(row.id)) as { seq: number } | undefined;
			if (!found) continue;
			for (const name of row.names) dropFlag.run(found.seq, name);
			for (const flag of row.flags) if (row.names.includes(flag.flag)) keepFlag.run(found.seq, flag.flag, JSON.stringify(flag));
		}
	});
	const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');

	return {
		async getQualityThresholds() {
			const row = db.prepare<[], { thresholds: string }>('SELECT thresholds FROM quality WHERE id = 1').get();
			return thresholdsFromText(row?.thresholds);
		},
		async setQualityThresholds(thresholds) {
			db.prepare(
				`INSERT INTO quality (id, thresholds, updated_at) VALUES (1, ?, ?)
				 ON CONFLICT (id) DO UPDATE SET thresholds = excluded.thresholds, updated_at = excluded.updated_at`
			).run(JSON.stringify(thresholds), new Date().toISOString());
		},
		async saveQuality(rows) {
			save.immediate(rows);
		},
		async sameHousehold(formId, household, limit) {
			return db
				.prepare<[string, string, number], { id: string }>(
					'SELECT id FROM submissions WHERE form_id = ? AND household = ? ORDER BY seq LIMIT ?'
				)
				.all(formId, household, limit)
				.map((r) => r.id);
		},
		async placeLocations(formId, settlement, limit) {
			return db
				.prepare<[string, string, number], PlacePoint>(
					'SELECT id, lat, lon FROM submissions WHERE form_id = ? AND settlement = ? AND lat IS NOT NULL ORDER BY seq DESC LIMIT ?'
				)
				.all(formId, settlement, limit);
		},
		async qualityPage(after, limit, unflagged = false) {
			return db
				.prepare<[number, number], SubmissionRow & { seq: number; household: string | null }>(
					`SELECT * FROM submissions WHERE seq > ? ${unflagged ? 'AND flagged = 0' : ''} ORDER BY seq LIMIT ?`
				)
				.all(after, limit)
				.map((row): QualityPageRow => ({ seq: row.seq, household: row.household, submission: submissionFromRow(row) }));
		},
		async flagsOf(ids) {
			if (!ids.length) return new Map();
			const rows = db
				.prepare<string[], { key: string; reason: string }>(
					`SELECT s.id AS key, f.reason FROM submission_flags f JOIN submissions s ON s.seq = f.seq WHERE s.id IN (${inList(ids.length)})`
				)
				.all(...ids);
			return groupFlags(rows);
		},
		async flagCounts() {
			return countsFrom(
				db.prepare<[], { flag: string; n: number }>('SELECT flag, count(*) AS n FROM submission_flags GROUP BY flag').all()
			);
		},
		withFlags(rows) {
			if (!rows.length) return rows;
			const flags = groupFlags(
				db
					.prepare<number[], { key: number; reason: string }>(
						`SELECT seq AS key, reason FROM submission_flags WHERE seq IN (${inList(rows.length)})`
					)
					.all(...rows.map((r) => r.seq))
			);
			return rows.map((r) => ({ ...r, flags: flags.get(r.seq) ?? [] }));
		}
	};
}
