import pg from 'pg';
import type { Review, ReviewState, Submission } from '$lib/wire';
import { decide, storedHash } from './decide';
import {
	conflictColumns,
	conflictFromRow,
	conflictResolutionSql,
	deploymentFromRow,
	deploymentValues,
	enumeratorFromRow,
	formFromRow,
	formInfoColumns
} from './rows';
import { formInfoFromRow } from './rows';
import { formValues, newEnumeratorRow, reviewStepFromRow, sentColumns, sentValues, submissionFromRow } from './rows';
import { draftColumns, draftFromRow, draftValues, newestDrafts, type DraftRow } from './rows';
import { deviceFromRow, listDevicesSql, type DeviceRow } from './rows';
import type { ConflictRow, DeploymentRow, EnumeratorRow, FormRow, ReviewRow, SubmissionRow } from './rows';
import type { Conflict, ConflictKeep, SaveOutcome, Store } from './types';
import {
	BACKFILL_PAGE,
	backfillValues,
	deskIndexSql,
	deskPageFromRows,
	deskPageSql,
	deskValues,
	deskWhere,
	formPlace,
	PlaceCache
} from './desk';
import type { BackfillRow, DeskSqlRow } from './desk';
import { qualitySql } from './quality';
import { postgresQuality } from './postgres-quality';
import { consentGate, GateCache, outcomeOf, outcomeOfRow, progressFromRows, progressSql, targetRows, targetsFromRows } from './progress';
import { targetsTableSql, type ConsentGate, type OutcomeBackfillRow, type ProgressSqlRow, type TargetRow } from './progress';

type Queryable = pg.Pool | pg.PoolClient;

/** A form's place question (desk.ts formPlace), read again only when the form's published versions change. */
async function readPlace(db: Queryable, cache: PlaceCache, formId: string): Promise<string | null> {
	const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM forms WHERE id = $1', [formId]);
	const versions = Number(rows[0].n);
	const hit = cache.get(formId, versions);
	if (hit !== undefined) return hit;
	const definitions = await db.query<{ definition: string }>('SELECT definition FROM forms WHERE id = $1 ORDER BY seq DESC', [formId]);
	const place = formPlace(definitions.rows.map((r) => r.definition));
	cache.set(formId, versions, place);
	return place;
}

/** A version's consent gate (progress.ts), read once per published version (a version nobody published: null, not kept). */
async function readGate(db: Queryable, cache: GateCache, formId: string, version: string): Promise<ConsentGate | null> {
	const hit = cache.get(formId, version);
	if (hit !== undefined) return hit;
	const { rows } = await db.query<{ definition: string }>('SELECT definition FROM forms WHERE id = $1 AND version = $2', [formId, version]);
	if (!rows[0]) return null;
	const gate = consentGate(rows[0].definition);
	cache.set(formId, version, gate);
	return gate;
}

const submissionColumns =
	'id, form_id, form_version, device_id, enumerator_id, enumerator_sex, started_at, finalized_at, language, answers, meta, received_at, review_state';
const enumeratorColumns = 'id, name, sex, created_at, revoked_at';

/**
 * Schema changes, applied in order on open. Same tables as SQLite, and like there JSON is
 * kept as text: jsonb would reorder keys and normalise, and what was sent must come back.
 * Keys and timestamps collate bytewise ("C"), so orderings match SQLite's.
 */
const migrations: readonly (string | ((client: pg.PoolClient) => Promise<void>))[] = [
	`CREATE TABLE enumerators (
		id text COLLATE "C" PRIMARY KEY,
		name text NOT NULL,
		token_hash text COLLATE "C" NOT NULL UNIQUE,
		created_at text COLLATE "C" NOT NULL,
		revoked_at text COLLATE "C"
	);
	CREATE TABLE submissions (
		seq bigserial PRIMARY KEY,
		id text COLLATE "C" NOT NULL UNIQUE,
		form_id text COLLATE "C" NOT NULL,
		form_version text NOT NULL,
		device_id text NOT NULL,
		enumerator_id text COLLATE "C" REFERENCES enumerators (id),
		started_at text NOT NULL,
		finalized_at text NOT NULL,
		language text NOT NULL,
		answers text NOT NULL,
		meta text,
		content_hash text COLLATE "C" NOT NULL,
		received_at text COLLATE "C" NOT NULL
	);
	CREATE INDEX submissions_form ON submissions (form_id, seq);
	CREATE TABLE conflicts (
		seq bigserial PRIMARY KEY,
		id text COLLATE "C" NOT NULL,
		enumerator_id text COLLATE "C",
		content text NOT NULL,
		content_hash text COLLATE "C" NOT NULL,
		received_at text COLLATE "C" NOT NULL,
		UNIQUE (id, content_hash)
	);`,
	`CREATE TABLE admin_sessions (
		id_hash text COLLATE "C" PRIMARY KEY,
		name text NOT NULL,
		token_fingerprint text COLLATE "C" NOT NULL,
		created_at text COLLATE "C" NOT NULL,
		last_seen_at text COLLATE "C" NOT NULL,
		expires_at text COLLATE "C" NOT NULL
	);
	CREATE TABLE sign_in_failures (
		seq bigserial PRIMARY KEY,
		address text COLLATE "C" NOT NULL,
		at text COLLATE "C" NOT NULL
	);
	CREATE INDEX sign_in_failures_address ON sign_in_failures (address, at);
	CREATE INDEX sign_in_failures_at ON sign_in_failures (at);`,
	// Hashing became lazy, as in SQLite (decide.ts): null until the id is sent again. Hashes
	// already kept stay valid: the same canonical JSON made them.
	`ALTER TABLE submissions ALTER COLUMN content_hash DROP NOT NULL;`,
	// Published form versions: the definition kept as the text published, seq the publication order.
	`CREATE TABLE forms (
		seq bigserial PRIMARY KEY,
		id text COLLATE "C" NOT NULL,
		version text COLLATE "C" NOT NULL,
		definition text NOT NULL,
		content_hash text COLLATE "C" NOT NULL,
		published_at text COLLATE "C" NOT NULL,
		UNIQUE (id, version)
	);`,
	// The interviewer's sex (null for enumerators made before it was asked), kept on each
	// submission as it was when the submission arrived; the deployment settings, one row.
	`ALTER TABLE enumerators ADD COLUMN sex text CHECK (sex IN ('female', 'male'));
	ALTER TABLE submissions ADD COLUMN enumerator_sex text;
	CREATE TABLE deployment (
		id integer PRIMARY KEY CHECK (id = 1),
		institution text,
		contact text,
		updated_at text COLLATE "C" NOT NULL
	);`,
	// The supervisor's review: the state on each submission, and every step that set it.
	`ALTER TABLE submissions ADD COLUMN review_state text NOT NULL DEFAULT 'received';
	CREATE TABLE reviews (
		seq bigserial PRIMARY KEY,
		submission_id text NOT NULL REFERENCES submissions (id),
		state text NOT NULL,
		comment text,
		by_name text NOT NULL,
		at text COLLATE "C" NOT NULL
	);
	CREATE INDEX reviews_submission ON reviews (submission_id, seq);`,
	// Drafts from tablets' backup files (POST /api/admin/import), kept apart from submissions
	// and never exported: one row per interview id, the newest copy.
	`CREATE TABLE drafts (
		id text COLLATE "C" PRIMARY KEY,
		form_id text COLLATE "C" NOT NULL,
		form_version text NOT NULL,
		device_id text NOT NULL,
		enumerator_id text COLLATE "C" NOT NULL REFERENCES enumerators (id),
		updated_at text COLLATE "C" NOT NULL,
		content text NOT NULL,
		imported_at text COLLATE "C" NOT NULL
	);`,
	// The latest report of each tablet (per enumerator: two may share one), for the supervisor's desk.
	`CREATE TABLE devices (
		device_id text NOT NULL,
		enumerator_id text COLLATE "C" NOT NULL REFERENCES enumerators (id),
		waiting integer NOT NULL,
		drafts integer NOT NULL,
		app_version text NOT NULL,
		reported_at text COLLATE "C" NOT NULL,
		PRIMARY KEY (device_id, enumerator_id)
	);`,
	// The supervisor's desk (desk.ts): the day started, the settlement and a break-off kept
	// beside each submission, filled for the rows already stored, and one index for its filters.
	async (client) => {
		await client.query(`ALTER TABLE submissions ADD COLUMN started_day text COLLATE "C";
			ALTER TABLE submissions ADD COLUMN settlement text COLLATE "C";
			ALTER TABLE submissions ADD COLUMN break_off integer NOT NULL DEFAULT 0;`);
		const cache = new PlaceCache();
		const places = new Map<string, string | null>();
		for (let after = 0; ;) {
			const { rows } = await client.query<BackfillRow>(
				`SELECT seq, form_id, started_at, answers, coalesce(meta::json -> 'breakOff' IS NOT NULL, false) AS break_off
				 FROM submissions WHERE seq > $1 ORDER BY seq LIMIT $2`,
				[after, BACKFILL_PAGE]
			);
			for (const row of rows) if (!places.has(row.form_id)) places.set(row.form_id, await readPlace(client, cache, row.form_id));
			const values = rows.map((row) => backfillValues(row, (id) => places.get(id) ?? null));
			await client.query(
				`UPDATE submissions s SET started_day = u.started_day, settlement = u.settlement, break_off = u.break_off
				 FROM unnest($1::bigint[], $2::text[], $3::text[], $4::integer[]) AS u(seq, started_day, settlement, break_off) WHERE s.seq = u.seq`,
				[rows.map((r) => r.seq), values.map((v) => v[0]), values.map((v) => v[1]), values.map((v) => v[2])]
			);
			if (rows.length < BACKFILL_PAGE) break;
			after = Number(rows.at(-1)!.seq);
		}
		await client.query(deskIndexSql);
	},
	// A supervisor settles a conflict (POST /api/admin/conflicts/<id>/resolve): the choice, who, when, and the version stored then.
	conflictResolutionSql('text'),
	// Data-quality flags (quality.ts): a household signature and a location beside each
	// submission, its flags, the thresholds. Rows stored before have none until a recompute.
	qualitySql('bigint', 'text COLLATE "C"'),
	// The desk's progress (progress.ts): each submission's outcome (completed, refused, broken
	// off) kept beside it and filled for the rows stored before; the supervisor's targets.
	async (client) => {
		await client.query(`ALTER TABLE submissions ADD COLUMN IF NOT EXISTS outcome text NOT NULL DEFAULT 'completed';`);
		const gates = new GateCache();
		for (let after = 0; ;) {
			const { rows } = await client.query<OutcomeBackfillRow>(
				'SELECT seq, form_id, form_version, answers, break_off FROM submissions WHERE seq > $1 ORDER BY seq LIMIT $2',
				[after, BACKFILL_PAGE]
			);
			const values: string[] = [];
			for (const row of rows) values.push(outcomeOfRow(row, await readGate(client, gates, row.form_id, row.form_version)));
			await client.query(
				`UPDATE submissions s SET outcome = u.outcome FROM unnest($1::bigint[], $2::text[]) AS u(seq, outcome) WHERE s.seq = u.seq`,
				[rows.map((r) => r.seq), values]
			);
			if (rows.length < BACKFILL_PAGE) break;
			after = Number(rows.at(-1)!.seq);
		}
		await client.query(targetsTableSql);
	}
];

/** Any constant: serialises migrations of processes opening the same database at once. */
const MIGRATION_LOCK = 7_346_110_001;

/*
 * A batch goes in as one multi-row INSERT from arrays (one round trip however long the
 * batch). seq is drawn in batch order first, then rows are inserted in id order: two
 * batches holding the same new ids in different orders then wait on each other instead of
 * deadlocking. ON CONFLICT DO NOTHING waits for a concurrent batch holding the same id and
 * skips the row once that one commits; RETURNING says which rows this batch created.
 */
const insertSubmissions = `
	WITH input AS MATERIALIZED (
		SELECT nextval(pg_get_serial_sequence('submissions', 'seq')) AS seq, t.*
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
			$12::text[], $13::text[], $14::integer[], $15::text[])
			WITH ORDINALITY AS t(${sentColumns.join(', ')}, started_day, settlement, break_off, outcome, ord)
		ORDER BY ord
	)
	INSERT INTO submissions (seq, id, form_id, form_version, device_id, enumerator_id, enumerator_sex, started_at, finalized_at, language, answers, meta,
		received_at, started_day, settlement, break_off, outcome)
	SELECT seq, id, form_id, form_version, device_id, $10, (SELECT sex FROM enumerators WHERE id = $10), started_at, finalized_at, language, answers, meta, $11,
		started_day, settlement, break_off, outcome
	FROM input ORDER BY id
	ON CONFLICT (id) DO NOTHING
	RETURNING id`;

const insertConflicts = `
	WITH input AS MATERIALIZED (
		SELECT nextval(pg_get_serial_sequence('conflicts', 'seq')) AS seq, t.*
		FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(id, content, content_hash, ord)
		ORDER BY ord
	)
	INSERT INTO conflicts (seq, id, enumerator_id, content, content_hash, received_at)
	SELECT seq, id, $4, content, content_hash, $5 FROM input ORDER BY id, content_hash
	ON CONFLICT (id, content_hash) DO NOTHING`;

/** Drafts of an import, one per id: the newer copy wins, the same or an older one changes nothing. */
const keepDrafts = `
	INSERT INTO drafts (${draftColumns})
	SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) ORDER BY 1
	ON CONFLICT (id) DO UPDATE SET form_id = excluded.form_id, form_version = excluded.form_version, device_id = excluded.device_id,
		enumerator_id = excluded.enumerator_id, updated_at = excluded.updated_at, content = excluded.content, imported_at = excluded.imported_at
	WHERE excluded.updated_at > drafts.updated_at`;

export async function openPostgresStore(databaseUrl: string): Promise<Store> {
	const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
	// An idle client whose connection drops (server restart) must not crash the process;
	// the next query on a fresh client reports the problem where it matters.
	pool.on('error', () => {});

	async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
		const client = await pool.connect();
		try {
			await client.query('BEGIN');
			const result = await work(client);
			await client.query('COMMIT');
			return result;
		} catch (error) {
			await client.query('ROLLBACK').catch(() => {});
			throw error;
		} finally {
			client.release();
		}
	}

	try {
		await transaction(async (client) => {
			// The lock is held until COMMIT: a second process waits, then finds the work done.
			await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
			await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at text NOT NULL)');
			const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
			for (let v = rows[0].version ?? 0; v < migrations.length; v++) {
				const migration = migrations[v];
				if (typeof migration === 'string') await client.query(migration);
				else await migration(client);
				await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [v + 1, new Date().toISOString()]);
			}
		});
	} catch (error) {
		await pool.end();
		throw error;
	}

	const places = new PlaceCache();
	const gates = new GateCache();

	/**
	 * Content hashes of the stored ones among `ids`. A row never resent has none yet: it is
	 * hashed now and the hash kept, unless another batch holds that row (SKIP LOCKED: then
	 * that batch keeps it, and this one never waits on a row it only reads).
	 */
	async function storedHashes(client: pg.PoolClient, ids: readonly string[], into: Map<string, string>): Promise<void> {
		const { rows } = await client.query<{ id: string; content_hash: string | null }>(
			'SELECT id, content_hash FROM submissions WHERE id = ANY($1::text[])',
			[ids]
		);
		const unhashed: string[] = [];
		for (const row of rows) {
			if (row.content_hash === null) unhashed.push(row.id);
			else into.set(row.id, row.content_hash);
		}
		if (unhashed.length === 0) return;
		const { rows: full } = await client.query<SubmissionRow>(`SELECT ${submissionColumns} FROM submissions WHERE id = ANY($1::text[])`, [
			unhashed
		]);
		const hashes = full.map((row) => storedHash(row));
		full.forEach((row, n) => into.set(row.id, hashes[n]));
		await client.query(
			`UPDATE submissions s SET content_hash = u.content_hash
			 FROM unnest($1::text[], $2::text[]) AS u(id, content_hash)
			 WHERE s.id = u.id AND s.id IN (
				SELECT id FROM submissions WHERE id = ANY($1::text[]) AND content_hash IS NULL ORDER BY id FOR UPDATE SKIP LOCKED
			 )`,
			[full.map((row) => row.id), hashes]
		);
	}

	/** Both contents of each settled conflict of `ids`: accepted again on resend (decide.ts). */
	async function settledHashes(client: pg.PoolClient, ids: readonly string[]): Promise<Map<string, Set<string>>> {
		const settled = new Map<string, Set<string>>();
		if (ids.length === 0) return settled;
		const { rows } = await client.query<{ id: string; content_hash: string; stored_hash: string | null }>(
			'SELECT id, content_hash, stored_hash FROM conflicts WHERE resolution IS NOT NULL AND id = ANY($1::text[])',
			[ids]
		);
		for (const row of rows) {
			const hashes = settled.get(row.id) ?? new Set<string>();
			hashes.add(row.content_hash);
			if (row.stored_hash !== null) hashes.add(row.stored_hash);
			settled.set(row.id, hashes);
		}
		return settled;
	}

	/** Settles every open conflict of `id` (Store.resolveConflicts), the submission's row locked so two choices never interleave. */
	async function resolveConflicts(id: string, keep: ConflictKeep, by: string, at: string) {
		return transaction(async (client) => {
			const { rows } = await client.query<SubmissionRow>(`SELECT ${submissionColumns} FROM submissions WHERE id = $1 FOR UPDATE`, [id]);
			if (!rows[0]) return undefined;
			const open = await client.query<{ enumerator_id: string | null; content: string; content_hash: string }>(
				'SELECT enumerator_id, content, content_hash FROM conflicts WHERE id = $1 AND resolution IS NULL ORDER BY seq',
				[id]
			);
			if (open.rows.length === 0) return undefined;
			if (keep === 'new') {
				const newest = open.rows.at(-1)!;
				const s = JSON.parse(newest.content) as Submission;
				const desk = deskValues(s, (await readPlace(client, places, s.formId)) ?? undefined);
				const outcome = outcomeOf(s, await readGate(client, gates, s.formId, s.formVersion));
				const values = [...sentValues(s).slice(1), newest.enumerator_id, newest.content_hash, ...desk, outcome, id];
				await client.query(
					`UPDATE submissions SET ${sentColumns
						.slice(1)
						.map((c, n) => `${c} = $${n + 1}`)
						.join(', ')}, enumerator_id = $9, enumerator_sex = (SELECT sex FROM enumerators WHERE id = $9), content_hash = $10,
						started_day = $11, settlement = $12, break_off = $13, outcome = $14 WHERE id = $15`,
					values
				);
			}
			await client.query(
				`UPDATE conflicts SET resolution = $1, resolved_by = $2, resolved_at = $3, stored_content = $4, stored_hash = $5
				 WHERE id = $6 AND resolution IS NULL`,
				[keep, by, at, JSON.stringify(submissionFromRow(rows[0])), storedHash(rows[0]), id]
			);
			return { id, keep, by, at };
		});
	}

	/** A batch saved inside the caller's transaction: sync's batches and an import's interviews alike. */
	async function saveIn(
		client: pg.PoolClient,
		items: readonly Submission[],
		enumeratorId: string | null,
		receivedAt: string
	): Promise<SaveOutcome[]> {
		if (items.length === 0) return [];
		const ids = [...new Set(items.map((s) => s.id))];
		const stored = new Map<string, string>();
		await storedHashes(client, ids, stored);
		const settled = await settledHashes(client, [...stored.keys()]);
		let decision = decide(items, stored, settled);
		if (decision.created.length > 0) {
			const values = decision.created.map(sentValues);
			const columns = sentColumns.map((_, c) => values.map((v) => v[c]));
			const placeOf = new Map<string, string | null>();
			for (const formId of new Set(decision.created.map((s) => s.formId))) placeOf.set(formId, await readPlace(client, places, formId));
			const desk = decision.created.map((s) => deskValues(s, placeOf.get(s.formId) ?? undefined));
			const deskColumns = [0, 1, 2].map((c) => desk.map((v) => v[c]));
			const outcomes: string[] = [];
			for (const s of decision.created) outcomes.push(outcomeOf(s, await readGate(client, gates, s.formId, s.formVersion)));
			const { rows } = await client.query<{ id: string }>(insertSubmissions, [
				...columns,
				enumeratorId,
				receivedAt,
				...deskColumns,
				outcomes
			]);
			if (rows.length < decision.created.length) {
				// A concurrent batch stored some of these ids first (and has committed: ON CONFLICT
				// waited for it). Decide again against what it stored; ours stay created.
				const inserted = new Set(rows.map((r) => r.id));
				await storedHashes(
					client,
					decision.created.map((s) => s.id).filter((id) => !inserted.has(id)),
					stored
				);
				for (const [id, hashes] of await settledHashes(client, [...stored.keys()])) settled.set(id, hashes);
				decision = decide(items, stored, settled);
			}
		}
		const { conflicts } = decision;
		if (conflicts.length > 0) {
			await client.query(insertConflicts, [
				conflicts.map((c) => c.submission.id),
				conflicts.map((c) => JSON.stringify(c.submission)),
				conflicts.map((c) => c.hash),
				enumeratorId,
				receivedAt
			]);
		}
		return decision.outcomes;
	}

	async function saveBatch(items: readonly Submission[], enumeratorId: string | null): Promise<SaveOutcome[]> {
		if (items.length === 0) return [];
		const receivedAt = new Date().toISOString();
		return transaction((client) => saveIn(client, items, enumeratorId, receivedAt));
	}

	async function targetsOf(db: Queryable, formId: string) {
		const { rows } = await db.query<TargetRow>('SELECT scope, key, target FROM progress_targets WHERE form_id = $1', [formId]);
		return targetsFromRows(rows);
	}

	/** A submission's review state and steps, read through `db` (the pool, or a transaction's client). */
	async function review(db: pg.Pool | pg.PoolClient, id: string): Promise<Review | undefined> {
		const state = await db.query<{ review_state: ReviewState }>('SELECT review_state FROM submissions WHERE id = $1', [id]);
		if (!state.rows[0]) return undefined;
		const steps = await db.query<ReviewRow>('SELECT state, comment, by_name, at FROM reviews WHERE submission_id = $1 ORDER BY seq', [id]);
		return { id, reviewState: state.rows[0].review_state, history: steps.rows.map(reviewStepFromRow) };
	}

	const quality = postgresQuality(pool, transaction, submissionColumns);

	return {
		kind: 'postgres',
		saveBatch,
		getQualityThresholds: quality.getQualityThresholds,
		setQualityThresholds: quality.setQualityThresholds,
		saveQuality: quality.saveQuality,
		sameHousehold: quality.sameHousehold,
		placeLocations: quality.placeLocations,
		qualityPage: quality.qualityPage,
		flagsOf: quality.flagsOf,
		flagCounts: quality.flagCounts,
		async importBackup(items, enumeratorId, drafts) {
			const receivedAt = new Date().toISOString();
			return transaction(async (client) => {
				const outcomes = await saveIn(client, items, enumeratorId, receivedAt);
				const values = newestDrafts(drafts).map((d) => draftValues(d, receivedAt));
				if (values.length > 0)
					await client.query(
						keepDrafts,
						draftColumns.split(', ').map((_, c) => values.map((v) => v[c]))
					);
				return outcomes;
			});
		},
		async reportDevice(report, enumeratorId, at) {
			await pool.query(
				`INSERT INTO devices (device_id, enumerator_id, waiting, drafts, app_version, reported_at) VALUES ($1, $2, $3, $4, $5, $6)
				ON CONFLICT (device_id, enumerator_id) DO UPDATE SET waiting = excluded.waiting, drafts = excluded.drafts,
					app_version = excluded.app_version, reported_at = excluded.reported_at`,
				[report.deviceId, enumeratorId, report.waiting, report.drafts, report.appVersion, at]
			);
		},
		async listDevices() {
			const { rows } = await pool.query<DeviceRow>(listDevicesSql);
			return rows.map(deviceFromRow);
		},
		async listDrafts() {
			const { rows } = await pool.query<DraftRow>(`SELECT ${draftColumns} FROM drafts ORDER BY id`);
			return rows.map(draftFromRow);
		},
		async getSubmission(id) {
			const { rows } = await pool.query<SubmissionRow>(`SELECT ${submissionColumns} FROM submissions WHERE id = $1`, [id]);
			return rows[0] && submissionFromRow(rows[0]);
		},
		async listSubmissions(formId) {
			const { rows } = await pool.query<SubmissionRow>(`SELECT ${submissionColumns} FROM submissions WHERE form_id = $1 ORDER BY seq`, [
				formId
			]);
			return rows.map(submissionFromRow);
		},
		async submissionPage(formId, after, limit) {
			const { rows } =
				after === undefined
					? await pool.query<SubmissionRow>(`SELECT ${submissionColumns} FROM submissions WHERE form_id = $1 ORDER BY seq LIMIT $2`, [
							formId,
							limit
						])
					: await pool.query<SubmissionRow>(
							`SELECT ${submissionColumns} FROM submissions
							 WHERE form_id = $1 AND seq > (SELECT seq FROM submissions WHERE id = $2) ORDER BY seq LIMIT $3`,
							[formId, after, limit]
						);
			return rows.map(submissionFromRow);
		},
		async countSubmissions(formId) {
			const { rows } = await pool.query<{ count: string; last: string | null }>(
				`SELECT count(*) AS count, (SELECT id FROM submissions WHERE form_id = $1 ORDER BY seq DESC LIMIT 1) AS last
				 FROM submissions WHERE form_id = $1`,
				[formId]
			);
			return { count: Number(rows[0].count), last: rows[0].last ?? undefined };
		},
		async deskPage(query) {
			const page = deskPageSql(query, (n) => `$${n}`);
			const where = deskWhere(query, (n) => `$${n}`, false);
			const [rows, count] = await Promise.all([
				pool.query<DeskSqlRow>(page.sql, page.params),
				pool.query<{ n: string }>(`SELECT count(*) AS n FROM submissions WHERE ${where.sql}`, where.params)
			]);
			const found = deskPageFromRows(rows.rows, query.limit, Number(count.rows[0].n));
			return { ...found, rows: await quality.withFlags(found.rows) };
		},
		async progressCounts(query) {
			const { sql, params } = progressSql(query, (n) => `$${n}`);
			return progressFromRows((await pool.query<ProgressSqlRow>(sql, params)).rows);
		},
		async progressDays(formId) {
			const { rows } = await pool.query<{ first: string | null; last: string | null }>(
				'SELECT min(started_day) AS first, max(started_day) AS last FROM submissions WHERE form_id = $1',
				[formId]
			);
			return rows[0];
		},
		async getTargets(formId) {
			return targetsOf(pool, formId);
		},
		async setTargets(formId, targets) {
			return transaction(async (client) => {
				await client.query('DELETE FROM progress_targets WHERE form_id = $1', [formId]);
				const rows = targetRows(targets);
				await client.query(
					`INSERT INTO progress_targets (form_id, scope, key, target) SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::integer[])`,
					[formId, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])]
				);
				return targetsOf(client, formId);
			});
		},
		async listConflicts(resolved = false): Promise<Conflict[]> {
			const { rows } = await pool.query<ConflictRow>(
				`SELECT ${conflictColumns} FROM conflicts WHERE (resolution IS NOT NULL) = $1 ORDER BY seq`,
				[resolved]
			);
			return rows.map(conflictFromRow);
		},
		resolveConflicts,
		async setReview(id, step) {
			return transaction(async (client) => {
				const updated = await client.query('UPDATE submissions SET review_state = $1 WHERE id = $2', [step.state, id]);
				if (!updated.rowCount) return undefined;
				await client.query('INSERT INTO reviews (submission_id, state, comment, by_name, at) VALUES ($1, $2, $3, $4, $5)', [
					id,
					step.state,
					step.comment,
					step.by,
					step.at
				]);
				return review(client, id);
			});
		},
		async getReview(id) {
			return review(pool, id);
		},
		async createEnumerator(name, sex, tokenHash) {
			const row = newEnumeratorRow(name, sex);
			const insertEnumerator = 'INSERT INTO enumerators (id, name, sex, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)';
			await pool.query(insertEnumerator, [row.id, name, sex, tokenHash, row.created_at]);
			return enumeratorFromRow(row);
		},
		async updateEnumerator(id, { name, sex }) {
			const { rows } = await pool.query<EnumeratorRow>(
				`UPDATE enumerators SET name = coalesce($1, name), sex = coalesce($2, sex) WHERE id = $3 RETURNING ${enumeratorColumns}`,
				[name ?? null, sex ?? null, id]
			);
			return rows[0] && enumeratorFromRow(rows[0]);
		},
		async listEnumerators() {
			const { rows } = await pool.query<EnumeratorRow>(`SELECT ${enumeratorColumns} FROM enumerators ORDER BY created_at, id`);
			return rows.map(enumeratorFromRow);
		},
		async revokeEnumerator(id) {
			const result = await pool.query('UPDATE enumerators SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
				new Date().toISOString(),
				id
			]);
			return result.rowCount === 1;
		},
		async findEnumerator(tokenHash) {
			const { rows } = await pool.query<EnumeratorRow>(
				`SELECT ${enumeratorColumns} FROM enumerators WHERE token_hash = $1 AND revoked_at IS NULL`,
				[tokenHash]
			);
			return rows[0] && enumeratorFromRow(rows[0]);
		},
		async createAdminSession(row, forgetIdleBefore) {
			await transaction(async (client) => {
				await client.query('DELETE FROM admin_sessions WHERE expires_at <= $1 OR last_seen_at <= $2', [row.createdAt, forgetIdleBefore]);
				await client.query(
					'INSERT INTO admin_sessions (id_hash, name, token_fingerprint, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)',
					[row.idHash, row.name, row.tokenFingerprint, row.createdAt, row.expiresAt]
				);
			});
		},
		async useAdminSession(idHash, { now, idleSince, tokenFingerprint }) {
			const { rows } = await pool.query<{ name: string }>(
				`UPDATE admin_sessions SET last_seen_at = $1
				 WHERE id_hash = $2 AND token_fingerprint = $3 AND expires_at > $1 AND last_seen_at > $4 RETURNING name`,
				[now, idHash, tokenFingerprint, idleSince]
			);
			return rows[0];
		},
		async deleteAdminSession(idHash) {
			await pool.query('DELETE FROM admin_sessions WHERE id_hash = $1', [idHash]);
		},
		async signInFailures(address, since) {
			const { rows } = await pool.query<{ count: string; oldest: string | null }>(
				'SELECT count(*) AS count, min(at) AS oldest FROM sign_in_failures WHERE address = $1 AND at > $2',
				[address, since]
			);
			return { count: Number(rows[0].count), oldest: rows[0].oldest };
		},
		async recordSignInFailure(address, at, forgetBefore) {
			await transaction(async (client) => {
				await client.query('DELETE FROM sign_in_failures WHERE at <= $1', [forgetBefore]);
				await client.query('INSERT INTO sign_in_failures (address, at) VALUES ($1, $2)', [address, at]);
			});
		},
		async publishForm(form) {
			// ON CONFLICT waits for a concurrent insert of the same version to commit, then skips: one of them creates.
			const rowCount = await transaction(async (client) => {
				const before = await readPlace(client, places, form.id);
				const inserted = await client.query(
					`INSERT INTO forms (id, version, definition, content_hash, published_at) VALUES ($1, $2, $3, $4, $5)
					 ON CONFLICT (id, version) DO NOTHING`,
					formValues(form)
				);
				const after = await readPlace(client, places, form.id);
				// The form's place question changed: every stored answer's settlement is read again.
				if (inserted.rowCount === 1 && after !== before)
					await client.query(
						`UPDATE submissions SET settlement = CASE WHEN json_typeof(answers::json -> $1) = 'string' THEN answers::json ->> $1 END
						 WHERE form_id = $2`,
						[after ?? '', form.id]
					);
				return inserted.rowCount;
			});
			if (rowCount === 1) return 'created';
			const { rows } = await pool.query<{ content_hash: string }>('SELECT content_hash FROM forms WHERE id = $1 AND version = $2', [
				form.id,
				form.version
			]);
			return rows[0].content_hash === form.hash ? 'same' : 'conflict';
		},
		async listForms() {
			const { rows } = await pool.query<FormRow>(`SELECT ${formInfoColumns} FROM forms ORDER BY seq`);
			return rows.map(formInfoFromRow);
		},
		async getForm(id, version) {
			const { rows } = await pool.query<FormRow & { definition: string }>(
				`SELECT ${formInfoColumns}, definition FROM forms WHERE id = $1 AND version = $2`,
				[id, version]
			);
			return rows[0] && formFromRow(rows[0]);
		},
		async getDeployment() {
			const { rows } = await pool.query<DeploymentRow>('SELECT institution, contact, updated_at FROM deployment WHERE id = 1');
			return deploymentFromRow(rows[0]);
		},
		async setDeployment(settings) {
			const { rows } = await pool.query<DeploymentRow>(
				`INSERT INTO deployment (id, institution, contact, updated_at) VALUES (1, $1, $2, $3)
				 ON CONFLICT (id) DO UPDATE SET institution = excluded.institution, contact = excluded.contact, updated_at = excluded.updated_at
				 RETURNING institution, contact, updated_at`,
				deploymentValues(settings, new Date().toISOString())
			);
			return deploymentFromRow(rows[0]);
		},
		async close() {
			await pool.end();
		}
	};
}
