/** The PostgreSQL store's data-quality methods (quality.ts says what is kept). */
import type pg from 'pg';
import type { DeskRow } from './desk';
import { countsFrom, groupFlags, thresholdsFromText, type PlacePoint, type QualityMethods, type QualityPageRow } from './quality';
import { submissionFromRow, type SubmissionRow } from './rows';

type Transaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

/** The quality methods over a pool, and how a desk page's rows get their flags. */
export function postgresQuality(
	pool: pg.Pool,
	transaction: Transaction,
	submissionColumns: string
): QualityMethods & { withFlags(rows: DeskRow[]): Promise<DeskRow[]> } {
	return {
		async getQualityThresholds() {
			const { rows } = await pool.query<{ thresholds: string }>('SELECT thresholds FROM quality WHERE id = 1');
			return thresholdsFromText(rows[0]?.thresholds);
		},
		async setQualityThresholds(thresholds) {
			await pool.query(
				`INSERT INTO quality (id, thresholds, updated_at) VALUES (1, $1, $2)
				 ON CONFLICT (id) DO UPDATE SET thresholds = excluded.thresholds, updated_at = excluded.updated_at`,
				[JSON.stringify(thresholds), new Date().toISOString()]
			);
		},
		async saveQuality(rows) {
			if (!rows.length) return;
			const withColumns = rows.filter((r) => r.columns);
			const dropped = rows.flatMap((r) => r.names.map((name) => [r.id, name]));
			const kept = rows.flatMap((r) => r.flags.filter((f) => r.names.includes(f.flag)).map((f) => [r.id, f.flag, JSON.stringify(f)]));
			await transaction(async (client) => {
				// The rows locked first, in id order: two savers touching the same rows wait on each other instead of deadlocking.
				await client.query('SELECT seq FROM submissions WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [rows.map((r) => r.id)]);
				if (withColumns.length)
					await client.query(
						`UPDATE submissions s SET household = u.household, lat = u.lat, lon = u.lon, flagged = 1
						 FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[]) AS u(id, household, lat, lon) WHERE s.id = u.id`,
						[
							withColumns.map((r) => r.id),
							withColumns.map((r) => r.columns!.household),
							withColumns.map((r) => r.columns!.lat),
							withColumns.map((r) => r.columns!.lon)
						]
					);
				if (dropped.length)
					await client.query(
						`DELETE FROM submission_flags f USING submissions s, unnest($1::text[], $2::text[]) AS u(id, flag)
						 WHERE s.id = u.id AND f.seq = s.seq AND f.flag = u.flag`,
						[dropped.map((d) => d[0]), dropped.map((d) => d[1])]
					);
				if (kept.length)
					await client.query(
						`INSERT INTO submission_flags (seq, flag, reason)
						 SELECT s.seq, u.flag, u.reason FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, flag, reason) JOIN submissions s ON s.id = u.id`,
						[kept.map((k) => k[0]), kept.map((k) => k[1]), kept.map((k) => k[2])]
					);
			});
		},
		async sameHousehold(formId, household, limit) {
			const { rows } = await pool.query<{ id: string }>(
				'SELECT id FROM submissions WHERE form_id = $1 AND household = $2 ORDER BY seq LIMIT $3',
				[formId, household, limit]
			);
			return rows.map((r) => r.id);
		},
		async placeLocations(formId, settlement, limit) {
			const { rows } = await pool.query<PlacePoint>(
				'SELECT id, lat, lon FROM submissions WHERE form_id = $1 AND settlement = $2 AND lat IS NOT NULL ORDER BY seq DESC LIMIT $3',
				[formId, settlement, limit]
			);
			return rows.map((r) => ({ id: r.id, lat: Number(r.lat), lon: Number(r.lon) }));
		},
		async qualityPage(after, limit, unflagged = false) {
			const { rows } = await pool.query<SubmissionRow & { seq: string; household: string | null }>(
				`SELECT seq, household, ${submissionColumns} FROM submissions WHERE seq > $1 ${unflagged ? 'AND flagged = 0' : ''} ORDER BY seq LIMIT $2`,
				[after, limit]
			);
			return rows.map((row): QualityPageRow => ({ seq: Number(row.seq), household: row.household, submission: submissionFromRow(row) }));
		},
		async flagsOf(ids) {
			if (!ids.length) return new Map();
			const { rows } = await pool.query<{ key: string; reason: string }>(
				'SELECT s.id AS key, f.reason FROM submission_flags f JOIN submissions s ON s.seq = f.seq WHERE s.id = ANY($1::text[])',
				[ids]
			);
			return groupFlags(rows);
		},
		async flagCounts() {
			const { rows } = await pool.query<{ flag: string; n: string }>('SELECT flag, count(*) AS n FROM submission_flags GROUP BY flag');
			return countsFrom(rows);
		},
		async withFlags(rows) {
			if (!rows.length) return rows;
			const found = await pool.query<{ key: string; reason: string }>(
				'SELECT seq AS key, reason FROM submission_flags WHERE seq = ANY($1::bigint[])',
				[rows.map((r) => r.seq)]
			);
			const flags = groupFlags(found.rows.map((r) => ({ key: Number(r.key), reason: r.reason })));
			return rows.map((r) => ({ ...r, flags: flags.get(r.seq) ?? [] }));
		}
	};
}
