import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Review, ReviewState, Submission } from '$lib/wire';
import { privateDatabase, privateDir } from './files';
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
import type { Conflict, ConflictKeep, Store } from './types';
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
import { sqliteQuality } from './sqlite-quality';
import { consentGate, GateCache, outcomeOf, outcomeOfRow, progressFromRows, progressSql, targetRows, targetsFromRows } from './progress';
import { targetsTableSql, type OutcomeBackfillRow, type ProgressSqlRow, type TargetRow } from './progress';

type Db = Database.Database;

/** A form's place question (desk.ts formPlace), read again only when the form's published versions change. */
function placeLookup(db: Db): (formId: string) => string | null {
	const cache = new PlaceCache();
	const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM forms WHERE id = ?');
	const read = db.prepare<[string], { definition: string }>('SELECT definition FROM forms WHERE id = ? ORDER BY seq DESC');
	return (formId) => {
		const versions = count.get(formId)!.n;
		const hit = cache.get(formId, versions);
		if (hit !== undefined) return hit;
		const place = formPlace(read.all(formId).map((r) => r.definition));
		cache.set(formId, versions, place);
		return place;
	};
}

/** A version's consent gate (progress.ts), read once per published version. */
function gateLookup(db: Db): (formId: string, version: string) => ReturnType<typeof consentGate> {
	const cache = new GateCache();
	const read = db.prepare<[string, string], { definition: string }>('SELECT definition FROM forms WHERE id = ? AND version = ?');
	return (formId, version) => {
		const hit = cache.get(formId, version);
		if (hit !== undefined) return hit;
		const row = read.get(formId, version);
		// A version nobody published has no gate yet; it is not kept, so its publication counts.
		if (!row) return null;
		const gate = consentGate(row.definition);
		cache.set(formId, version, gate);
		return gate;
	};
}

/** Schema changes, applied in order on open; user_version records how far a file got. */
const migrations: readonly (string | ((db: Db) => void))[] = [
	`CREATE TABLE enumerators (
		id TEXT PRIMARY KEY,
		name TEXT NOT NULL,
		token_hash TEXT NOT NULL UNIQUE,
		created_at TEXT NOT NULL,
		revoked_at TEXT
	);
	CREATE TABLE submissions (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		id TEXT NOT NULL UNIQUE,
		form_id TEXT NOT NULL,
		form_version TEXT NOT NULL,
		device_id TEXT NOT NULL,
		enumerator_id TEXT REFERENCES enumerators (id),
		started_at TEXT NOT NULL,
		finalized_at TEXT NOT NULL,
		language TEXT NOT NULL,
		answers TEXT NOT NULL,
		meta TEXT,
		-- Filled the first time the id is sent again (decide.ts): a first send needs no hash.
		content_hash TEXT,
		received_at TEXT NOT NULL
	);
	CREATE INDEX submissions_form ON submissions (form_id, seq);
	CREATE TABLE conflicts (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		id TEXT NOT NULL,
		enumerator_id TEXT,
		content TEXT NOT NULL,
		content_hash TEXT NOT NULL,
		received_at TEXT NOT NULL,
		UNIQUE (id, content_hash)
	);`,
	`CREATE TABLE admin_sessions (
		id_hash TEXT PRIMARY KEY,
		name TEXT NOT NULL,
		token_fingerprint TEXT NOT NULL,
		created_at TEXT NOT NULL,
		last_seen_at TEXT NOT NULL,
		expires_at TEXT NOT NULL
	);
	CREATE TABLE sign_in_failures (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		address TEXT NOT NULL,
		at TEXT NOT NULL
	);
	CREATE INDEX sign_in_failures_address ON sign_in_failures (address, at);
	CREATE INDEX sign_in_failures_at ON sign_in_failures (at);`,
	// Published form versions: the definition kept as the text published, seq the publication order.
	`CREATE TABLE forms (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		id TEXT NOT NULL,
		version TEXT NOT NULL,
		definition TEXT NOT NULL,
		content_hash TEXT NOT NULL,
		published_at TEXT NOT NULL,
		UNIQUE (id, version)
	);`,
	// The interviewer's sex (null for enumerators made before it was asked), kept on each
	// submission as it was when the submission arrived; the deployment settings, one row.
	`ALTER TABLE enumerators ADD COLUMN sex TEXT CHECK (sex IN ('female', 'male'));
	ALTER TABLE submissions ADD COLUMN enumerator_sex TEXT;
	CREATE TABLE deployment (
		id INTEGER PRIMARY KEY CHECK (id = 1),
		institution TEXT,
		contact TEXT,
		updated_at TEXT NOT NULL
	);`,
	// The supervisor's review: the state on each submission, and every step that set it.
	`ALTER TABLE submissions ADD COLUMN review_state TEXT NOT NULL DEFAULT 'received';
	CREATE TABLE reviews (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		submission_id TEXT NOT NULL REFERENCES submissions (id),
		state TEXT NOT NULL,
		comment TEXT,
		by_name TEXT NOT NULL,
		at TEXT NOT NULL
	);
	CREATE INDEX reviews_submission ON reviews (submission_id, seq);`,
	// Drafts from tablets' backup files (POST /api/admin/import), kept apart from submissions
	// and never exported: one row per interview id, the newest copy.
	`CREATE TABLE drafts (
		id TEXT PRIMARY KEY,
		form_id TEXT NOT NULL,
		form_version TEXT NOT NULL,
		device_id TEXT NOT NULL,
		enumerator_id TEXT NOT NULL REFERENCES enumerators (id),
		updated_at TEXT NOT NULL,
		content TEXT NOT NULL,
		imported_at TEXT NOT NULL
	);`,
	// The latest report of each tablet (per enumerator: two may share one), for the supervisor's desk.
	`CREATE TABLE devices (
		device_id TEXT NOT NULL,
		enumerator_id TEXT NOT NULL REFERENCES enumerators (id),
		waiting INTEGER NOT NULL,
		drafts INTEGER NOT NULL,
		app_version TEXT NOT NULL,
		reported_at TEXT NOT NULL,
		PRIMARY KEY (device_id, enumerator_id)
	);`,
	// The supervisor's desk (desk.ts): the day started, the settlement and a break-off kept
	// beside each submission, filled for the rows already stored, and one index for its filters.
	(db) => {
		db.exec(`ALTER TABLE submissions ADD COLUMN started_day TEXT;
			ALTER TABLE submissions ADD COLUMN settlement TEXT;
			ALTER TABLE submissions ADD COLUMN break_off INTEGER NOT NULL DEFAULT 0;`);
		const placeOf = placeLookup(db);
		const read = db.prepare<[number, number], BackfillRow>(
			`SELECT seq, form_id, started_at, answers, json_type(meta, '$.breakOff') IS NOT NULL AS break_off
			 FROM submissions WHERE seq > ? ORDER BY seq LIMIT ?`
		);
		const write = db.prepare('UPDATE submissions SET started_day = ?, settlement = ?, break_off = ? WHERE seq = ?');
		for (let after = 0; ;) {
			const rows = read.all(after, BACKFILL_PAGE);
			for (const row of rows) write.run(...backfillValues(row, placeOf), row.seq);
			if (rows.length < BACKFILL_PAGE) break;
			after = Number(rows.at(-1)!.seq);
		}
		db.exec(deskIndexSql);
	},
	// A supervisor settles a conflict (POST /api/admin/conflicts/<id>/resolve): the choice, who, when, and the version stored then.
	conflictResolutionSql('TEXT'),
	// Data-quality flags (quality.ts): a household signature and a location beside each
	// submission, its flags, the thresholds. Rows stored before have none until a recompute.
	qualitySql('INTEGER', 'TEXT'),
	// The desk's progress (progress.ts): each submission's outcome (completed, refused, broken
	// off) kept beside it and filled for the rows stored before; the supervisor's targets.
	(db) => {
		const columns = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all('submissions');
		if (!columns.some((c) => c.name === 'outcome'))
			db.exec(`ALTER TABLE submissions ADD COLUMN outcome TEXT NOT NULL DEFAULT 'completed';`);
		const gateOf = gateLookup(db);
		const read = db.prepare<[number, number], OutcomeBackfillRow>(
			'SELECT seq, form_id, form_version, answers, break_off FROM submissions WHERE seq > ? ORDER BY seq LIMIT ?'
		);
		const write = db.prepare('UPDATE submissions SET outcome = ? WHERE seq = ?');
		for (let after = 0; ;) {
			const rows = read.all(after, BACKFILL_PAGE);
			for (const row of rows) write.run(outcomeOfRow(row, gateOf(row.form_id, row.form_version)), row.seq);
			if (rows.length < BACKFILL_PAGE) break;
			after = Number(rows.at(-1)!.seq);
		}
		db.exec(targetsTableSql);
	}
];

export function openSqliteStore(dataDir: string): Store {
	privateDir(dataDir);
	const db = new Database(privateDatabase(join(dataDir, 'tun.sqlite')));
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('busy_timeout = 5000');
	db.pragma('foreign_keys = ON');
	const applied = db.pragma('user_version', { simple: true }) as number;
	for (let v = applied; v < migrations.length; v++) {
		db.transaction(() => {
			const migration = migrations[v];
			if (typeof migration === 'string') db.exec(migration);
			else migration(db);
			db.pragma(`user_version = ${v + 1}`);
		})();
	}

	// One lookup for the whole batch: ids arrive as a JSON array.
	const findKnown = db.prepare<[string], { id: string; content_hash: string | null }>(
		'SELECT id, content_hash FROM submissions WHERE id IN (SELECT value FROM json_each(?))'
	);
	const insert = db.prepare<unknown[]>(
		`INSERT INTO submissions (${sentColumns.join(', ')}, enumerator_id, enumerator_sex, received_at, started_day, settlement, break_off, outcome)
		 VALUES (${sentColumns.map(() => '?').join(', ')}, ?, ?, ?, ?, ?, ?, ?)`
	);
	const placeOf = placeLookup(db);
	const gateOf = gateLookup(db);
	const sexOf = db.prepare<[string], { sex: string | null }>('SELECT sex FROM enumerators WHERE id = ?');
	const setHash = db.prepare<[string, string]>('UPDATE submissions SET content_hash = ? WHERE id = ?');
	const keepConflict = db.prepare(
		`INSERT OR IGNORE INTO conflicts (id, enumerator_id, content, content_hash, received_at) VALUES (?, ?, ?, ?, ?)`
	);
	const getOne = db.prepare<[string], SubmissionRow>('SELECT * FROM submissions WHERE id = ?');
	const listByForm = db.prepare<[string], SubmissionRow>('SELECT * FROM submissions WHERE form_id = ? ORDER BY seq');
	const setReviewState = db.prepare<[string, string]>('UPDATE submissions SET review_state = ? WHERE id = ?');
	const addReviewStep = db.prepare<[string, string, string | null, string, string]>(
		'INSERT INTO reviews (submission_id, state, comment, by_name, at) VALUES (?, ?, ?, ?, ?)'
	);
	const getReviewState = db.prepare<[string], { review_state: ReviewState }>('SELECT review_state FROM submissions WHERE id = ?');
	const listReviewSteps = db.prepare<[string], ReviewRow>(
		'SELECT state, comment, by_name, at FROM reviews WHERE submission_id = ? ORDER BY seq'
	);
	const review = (id: string): Review | undefined => {
		const row = getReviewState.get(id);
		return row && { id, reviewState: row.review_state, history: listReviewSteps.all(id).map(reviewStepFromRow) };
	};
	const firstPage = db.prepare<[string, number], SubmissionRow>('SELECT * FROM submissions WHERE form_id = ? ORDER BY seq LIMIT ?');
	const nextPage = db.prepare<[string, string, number], SubmissionRow>(
		'SELECT * FROM submissions WHERE form_id = ? AND seq > (SELECT seq FROM submissions WHERE id = ?) ORDER BY seq LIMIT ?'
	);
	const countByForm = db.prepare<[string, string], { count: number; last: string | null }>(
		'SELECT count(*) AS count, (SELECT id FROM submissions WHERE form_id = ? ORDER BY seq DESC LIMIT 1) AS last FROM submissions WHERE form_id = ?'
	);
	const listConflicts = db.prepare<[number], ConflictRow>(
		`SELECT ${conflictColumns} FROM conflicts WHERE (resolution IS NOT NULL) = ? ORDER BY seq`
	);
	/** Both contents of each settled conflict of the given ids (JSON array): accepted again on resend. */
	const findSettled = db.prepare<[string], { id: string; content_hash: string; stored_hash: string | null }>(
		`SELECT id, content_hash, stored_hash FROM conflicts WHERE resolution IS NOT NULL AND id IN (SELECT value FROM json_each(?))`
	);
	const openConflicts = db.prepare<[string], { enumerator_id: string | null; content: string; content_hash: string }>(
		'SELECT enumerator_id, content, content_hash FROM conflicts WHERE id = ? AND resolution IS NULL ORDER BY seq'
	);
	const replaceContent = db.prepare<unknown[]>(
		`UPDATE submissions SET ${sentColumns
			.slice(1)
			.map((c) => `${c} = ?`)
			.join(
				', '
			)}, enumerator_id = ?, enumerator_sex = ?, content_hash = ?, started_day = ?, settlement = ?, break_off = ?, outcome = ? WHERE id = ?`
	);
	const settle = db.prepare<[ConflictKeep, string, string, string, string, string]>(
		`UPDATE conflicts SET resolution = ?, resolved_by = ?, resolved_at = ?, stored_content = ?, stored_hash = ? WHERE id = ? AND resolution IS NULL`
	);
	const resolveAll = db.transaction((id: string, keep: ConflictKeep, by: string, at: string) => {
		const row = getOne.get(id);
		const open = row ? openConflicts.all(id) : [];
		if (!row || open.length === 0) return undefined;
		if (keep === 'new') {
			const newest = open.at(-1)!;
			const s = JSON.parse(newest.content) as Submission;
			const sex = newest.enumerator_id === null ? null : (sexOf.get(newest.enumerator_id)?.sex ?? null);
			const desk = deskValues(s, placeOf(s.formId) ?? undefined);
			const outcome = outcomeOf(s, gateOf(s.formId, s.formVersion));
			replaceContent.run(...sentValues(s).slice(1), newest.enumerator_id, sex, newest.content_hash, ...desk, outcome, id);
		}
		settle.run(keep, by, at, JSON.stringify(submissionFromRow(row)), storedHash(row), id);
		return { id, keep, by, at };
	});
	const readTargets = db.prepare<[string], TargetRow>('SELECT scope, key, target FROM progress_targets WHERE form_id = ?');
	const targetsOf = (formId: string) => targetsFromRows(readTargets.all(formId));

	const saveAll = db.transaction((items: readonly Submission[], enumeratorId: string | null, receivedAt: string) => {
		const stored = new Map<string, string>();
		for (const row of findKnown.all(JSON.stringify(items.map((s) => s.id)))) {
			let hash = row.content_hash;
			if (hash === null) {
				// Its id comes again for the first time: hash it now, and keep the hash.
				hash = storedHash(getOne.get(row.id)!);
				setHash.run(hash, row.id);
			}
			stored.set(row.id, hash);
		}
		const settled = new Map<string, Set<string>>();
		if (stored.size > 0)
			for (const row of findSettled.all(JSON.stringify([...stored.keys()]))) {
				const hashes = settled.get(row.id) ?? new Set<string>();
				hashes.add(row.content_hash);
				if (row.stored_hash !== null) hashes.add(row.stored_hash);
				settled.set(row.id, hashes);
			}
		const { outcomes, created, conflicts } = decide(items, stored, settled);
		// The sender's sex as it is now, read inside the write transaction.
		const sex = created.length && enumeratorId !== null ? (sexOf.get(enumeratorId)?.sex ?? null) : null;
		// A prepared statement per row: multi-row INSERTs measured no faster in SQLite.
		for (const s of created)
			insert.run(
				...sentValues(s),
				enumeratorId,
				sex,
				receivedAt,
				...deskValues(s, placeOf(s.formId) ?? undefined),
				outcomeOf(s, gateOf(s.formId, s.formVersion))
			);
		for (const { submission, hash } of conflicts)
			keepConflict.run(submission.id, enumeratorId, JSON.stringify(submission), hash, receivedAt);
		return outcomes;
	});

	// The newer copy of a draft wins; the same or an older one changes nothing.
	const keepDraft = db.prepare(
		`INSERT INTO drafts (${draftColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (id) DO UPDATE SET form_id = excluded.form_id, form_version = excluded.form_version, device_id = excluded.device_id,
			enumerator_id = excluded.enumerator_id, updated_at = excluded.updated_at, content = excluded.content, imported_at = excluded.imported_at
		 WHERE excluded.updated_at > drafts.updated_at`
	);
	/** An import: the finalized interviews through saveAll (sync's own path), then the drafts, all in one transaction. */
	const importAll = db.transaction(
		(items: readonly Submission[], enumeratorId: string, drafts: Parameters<Store['importBackup']>[2], receivedAt: string) => {
			const outcomes = saveAll(items, enumeratorId, receivedAt);
			for (const d of newestDrafts(drafts)) keepDraft.run(...draftValues(d, receivedAt));
			return outcomes;
		}
	);

	const quality = sqliteQuality(db);

	return {
		kind: 'sqlite',
		getQualityThresholds: quality.getQualityThresholds,
		setQualityThresholds: quality.setQualityThresholds,
		saveQuality: quality.saveQuality,
		sameHousehold: quality.sameHousehold,
		placeLocations: quality.placeLocations,
		qualityPage: quality.qualityPage,
		flagsOf: quality.flagsOf,
		flagCounts: quality.flagCounts,
		async importBackup(items, enumeratorId, drafts) {
			return importAll.immediate(items, enumeratorId, drafts, new Date().toISOString());
		},
		async reportDevice(report, enumeratorId, at) {
			db.prepare(
				`INSERT INTO devices (device_id, enumerator_id, waiting, drafts, app_version, reported_at) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (device_id, enumerator_id) DO UPDATE SET waiting = excluded.waiting, drafts = excluded.drafts,
					app_version = excluded.app_version, reported_at = excluded.reported_at`
			).run(report.deviceId, enumeratorId, report.waiting, report.drafts, report.appVersion, at);
		},
		async listDevices() {
			return db.prepare<[], DeviceRow>(listDevicesSql).all().map(deviceFromRow);
		},
		async listDrafts() {
			return db.prepare<[], DraftRow>(`SELECT ${draftColumns} FROM drafts ORDER BY id`).all().map(draftFromRow);
		},
		async saveBatch(items, enumeratorId) {
			// IMMEDIATE takes the write lock before the lookup, so a second process waits
			// (busy_timeout) instead of failing to upgrade its read.
			return saveAll.immediate(items, enumeratorId, new Date().toISOString());
		},
		async getSubmission(id) {
			const row = getOne.get(id);
			return row && submissionFromRow(row);
		},
		async listSubmissions(formId) {
			return listByForm.all(formId).map(submissionFromRow);
		},
		async submissionPage(formId, after, limit) {
			return (after === undefined ? firstPage.all(formId, limit) : nextPage.all(formId, after, limit)).map(submissionFromRow);
		},
		async countSubmissions(formId) {
			const { count, last } = countByForm.get(formId, formId)!;
			return { count, last: last ?? undefined };
		},
		async deskPage(query) {
			const page = deskPageSql(query, () => '?');
			const where = deskWhere(query, () => '?', false);
			const rows = db.prepare<unknown[], DeskSqlRow>(page.sql).all(...page.params);
			const { n } = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM submissions WHERE ${where.sql}`).get(...where.params)!;
			const found = deskPageFromRows(rows, query.limit, n);
			return { ...found, rows: quality.withFlags(found.rows) };
		},
		async progressCounts(query) {
			const { sql, params } = progressSql(query, () => '?');
			return progressFromRows(db.prepare<string[], ProgressSqlRow>(sql).all(...params));
		},
		async progressDays(formId) {
			return db
				.prepare<[string], { first: string | null; last: string | null }>(
					'SELECT min(started_day) AS first, max(started_day) AS last FROM submissions WHERE form_id = ?'
				)
				.get(formId)!;
		},
		async getTargets(formId) {
			return targetsOf(formId);
		},
		async setTargets(formId, targets) {
			db.transaction(() => {
				db.prepare('DELETE FROM progress_targets WHERE form_id = ?').run(formId);
				const insertTarget = db.prepare('INSERT INTO progress_targets (form_id, scope, key, target) VALUES (?, ?, ?, ?)');
				for (const row of targetRows(targets)) insertTarget.run(formId, ...row);
			}).immediate();
			return targetsOf(formId);
		},
		async listConflicts(resolved = false): Promise<Conflict[]> {
			return listConflicts.all(resolved ? 1 : 0).map(conflictFromRow);
		},
		async resolveConflicts(id, keep, by, at) {
			return resolveAll.immediate(id, keep, by, at);
		},
		async setReview(id, step) {
			return db
				.transaction(() => {
					if (!setReviewState.run(step.state, id).changes) return undefined;
					addReviewStep.run(id, step.state, step.comment, step.by, step.at);
					return review(id);
				})
				.immediate();
		},
		async getReview(id) {
			return review(id);
		},
		async createEnumerator(name, sex, tokenHash) {
			const row = newEnumeratorRow(name, sex);
			const insertEnumerator = db.prepare('INSERT INTO enumerators (id, name, sex, token_hash, created_at) VALUES (?, ?, ?, ?, ?)');
			insertEnumerator.run(row.id, name, sex, tokenHash, row.created_at);
			return enumeratorFromRow(row);
		},
		async updateEnumerator(id, { name, sex }) {
			const row = db
				.prepare<[string | null, string | null, string], EnumeratorRow>(
					`UPDATE enumerators SET name = coalesce(?, name), sex = coalesce(?, sex) WHERE id = ?
					 RETURNING id, name, sex, created_at, revoked_at`
				)
				.get(name ?? null, sex ?? null, id);
			return row && enumeratorFromRow(row);
		},
		async listEnumerators() {
			return db
				.prepare<[], EnumeratorRow>('SELECT id, name, sex, created_at, revoked_at FROM enumerators ORDER BY created_at, id')
				.all()
				.map(enumeratorFromRow);
		},
		async revokeEnumerator(id) {
			const result = db
				.prepare('UPDATE enumerators SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
				.run(new Date().toISOString(), id);
			return result.changes === 1;
		},
		async findEnumerator(tokenHash) {
			const row = db
				.prepare<[string], EnumeratorRow>(
					'SELECT id, name, sex, created_at, revoked_at FROM enumerators WHERE token_hash = ? AND revoked_at IS NULL'
				)
				.get(tokenHash);
			return row && enumeratorFromRow(row);
		},
		async createAdminSession(row, forgetIdleBefore) {
			db.transaction(() => {
				db.prepare('DELETE FROM admin_sessions WHERE expires_at <= ? OR last_seen_at <= ?').run(row.createdAt, forgetIdleBefore);
				db.prepare(
					'INSERT INTO admin_sessions (id_hash, name, token_fingerprint, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)'
				).run(row.idHash, row.name, row.tokenFingerprint, row.createdAt, row.createdAt, row.expiresAt);
			})();
		},
		async useAdminSession(idHash, { now, idleSince, tokenFingerprint }) {
			return db
				.prepare<[string, string, string, string, string], { name: string }>(
					`UPDATE admin_sessions SET last_seen_at = ?
					 WHERE id_hash = ? AND token_fingerprint = ? AND expires_at > ? AND last_seen_at > ? RETURNING name`
				)
				.get(now, idHash, tokenFingerprint, now, idleSince);
		},
		async deleteAdminSession(idHash) {
			db.prepare('DELETE FROM admin_sessions WHERE id_hash = ?').run(idHash);
		},
		async signInFailures(address, since) {
			return db
				.prepare<[string, string], { count: number; oldest: string | null }>(
					'SELECT count(*) AS count, min(at) AS oldest FROM sign_in_failures WHERE address = ? AND at > ?'
				)
				.get(address, since)!;
		},
		async recordSignInFailure(address, at, forgetBefore) {
			db.transaction(() => {
				db.prepare('DELETE FROM sign_in_failures WHERE at <= ?').run(forgetBefore);
				db.prepare('INSERT INTO sign_in_failures (address, at) VALUES (?, ?)').run(address, at);
			})();
		},
		async publishForm(form) {
			// One statement decides who publishes: a second process's insert of the same version is ignored.
			const inserted = db.transaction(() => {
				const before = placeOf(form.id);
				const changes = db
					.prepare('INSERT OR IGNORE INTO forms (id, version, definition, content_hash, published_at) VALUES (?, ?, ?, ?, ?)')
					.run(...formValues(form)).changes;
				const after = placeOf(form.id);
				// The form's place question changed: every stored answer's settlement is read again.
				if (changes === 1 && after !== before) {
					const path = after === null ? '$.""' : `$."${after}"`;
					db.prepare(
						`UPDATE submissions SET settlement = CASE WHEN json_type(answers, ?) = 'text' THEN json_extract(answers, ?) END WHERE form_id = ?`
					).run(path, path, form.id);
				}
				return changes;
			})();
			if (inserted === 1) return 'created';
			const stored = db
				.prepare<[string, string], { content_hash: string }>('SELECT content_hash FROM forms WHERE id = ? AND version = ?')
				.get(form.id, form.version)!;
			return stored.content_hash === form.hash ? 'same' : 'conflict';
		},
		async listForms() {
			return db.prepare<[], FormRow>(`SELECT ${formInfoColumns} FROM forms ORDER BY seq`).all().map(formInfoFromRow);
		},
		async getForm(id, version) {
			const row = db
				.prepare<[string, string], FormRow & { definition: string }>(
					`SELECT ${formInfoColumns}, definition FROM forms WHERE id = ? AND version = ?`
				)
				.get(id, version);
			return row && formFromRow(row);
		},
		async getDeployment() {
			return deploymentFromRow(db.prepare<[], DeploymentRow>('SELECT institution, contact, updated_at FROM deployment WHERE id = 1').get());
		},
		async setDeployment(settings) {
			const row = db
				.prepare<(string | null)[], DeploymentRow>(
					`INSERT INTO deployment (id, institution, contact, updated_at) VALUES (1, ?, ?, ?)
					 ON CONFLICT (id) DO UPDATE SET institution = excluded.institution, contact = excluded.contact, updated_at = excluded.updated_at
					 RETURNING institution, contact, updated_at`
				)
				.get(...deploymentValues(settings, new Date().toISOString()));
			return deploymentFromRow(row);
		},
		async close() {
			db.close();
		}
	};
}
