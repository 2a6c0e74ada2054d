import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Submission } from '$lib/wire';
import { contentHash } from '../canonical';
import type { SaveOutcome, StoredSubmission, SubmissionStore } from './types';

/** Schema changes, applied in order on open; user_version records how far a file got. */
const migrations: readonly string[] = [
	`CREATE TABLE submissions (
		id TEXT PRIMARY KEY,
		form_id TEXT NOT NULL,
		form_version TEXT NOT NULL,
		device_id TEXT NOT NULL,
		started_at TEXT NOT NULL,
		finalized_at TEXT NOT NULL,
		language TEXT NOT NULL,
		answers TEXT NOT NULL,
		content_hash TEXT NOT NULL,
		received_at TEXT NOT NULL
	);
	CREATE INDEX submissions_form ON submissions (form_id, received_at);
	CREATE TABLE submission_conflicts (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		id TEXT NOT NULL,
		content TEXT NOT NULL,
		content_hash TEXT NOT NULL,
		received_at TEXT NOT NULL,
		UNIQUE (id, content_hash)
	);`,
	`ALTER TABLE submissions ADD COLUMN meta TEXT;`
];

interface Row {
	id: string;
	form_id: string;
	form_version: string;
	device_id: string;
	started_at: string;
	finalized_at: string;
	language: Submission['language'];
	answers: string;
	meta: string | null;
	received_at: string;
}

function fromRow(row: Row): StoredSubmission {
	return {
		id: row.id,
		formId: row.form_id,
		formVersion: row.form_version,
		deviceId: row.device_id,
		startedAt: row.started_at,
		finalizedAt: row.finalized_at,
		language: row.language,
		answers: JSON.parse(row.answers) as Record<string, unknown>,
		...(row.meta ? { meta: JSON.parse(row.meta) as Submission['meta'] } : {}),
		receivedAt: row.received_at
	};
}

export function openSqliteStore(dataDir: string): SubmissionStore {
	mkdirSync(dataDir, { recursive: true });
	const db = new Database(join(dataDir, 'tun.sqlite'));
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('busy_timeout = 5000');
	const applied = db.pragma('user_version', { simple: true }) as number;
	for (let v = applied; v < migrations.length; v++) {
		db.transaction(() => {
			db.exec(migrations[v]);
			db.pragma(`user_version = ${v + 1}`);
		})();
	}

	const findHash = db.prepare<[string], { content_hash: string }>('SELECT content_hash FROM submissions WHERE id = ?');
	const insert = db.prepare(
		`INSERT INTO submissions (id, form_id, form_version, device_id, started_at, finalized_at, language, answers, meta, content_hash, received_at)
		 VALUES (@id, @formId, @formVersion, @deviceId, @startedAt, @finalizedAt, @language, @answers, @meta, @hash, @receivedAt)`
	);
	const keepConflict = db.prepare(
		`INSERT OR IGNORE INTO submission_conflicts (id, content, content_hash, received_at) VALUES (?, ?, ?, ?)`
	);
	const getOne = db.prepare<[string], Row>('SELECT * FROM submissions WHERE id = ?');
	const listByForm = db.prepare<[string], Row>('SELECT * FROM submissions WHERE form_id = ? ORDER BY received_at, id');

	const saveAll = db.transaction((items: readonly Submission[], receivedAt: string): SaveOutcome[] =>
		items.map((s) => {
			const hash = contentHash(s);
			const existing = findHash.get(s.id);
			if (existing) {
				if (existing.content_hash === hash) return 'duplicate';
				keepConflict.run(s.id, JSON.stringify(s), hash, receivedAt);
				return 'conflict';
			}
			insert.run({ ...s, answers: JSON.stringify(s.answers), meta: s.meta ? JSON.stringify(s.meta) : null, hash, receivedAt });
			return 'created';
		})
	);

	return {
		kind: 'sqlite',
		async saveBatch(items) {
			return saveAll(items, new Date().toISOString());
		},
		async getSubmission(id) {
			const row = getOne.get(id);
			return row && fromRow(row);
		},
		async listSubmissions(formId) {
			return listByForm.all(formId).map(fromRow);
		},
		async close() {
			db.close();
		}
	};
}
