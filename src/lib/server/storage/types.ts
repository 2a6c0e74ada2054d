import type {
	DeploymentInput,
	DeploymentSettings,
	DeviceReport,
	EnumeratorChange,
	FlagName,
	QualityFlag,
	QualityThresholds,
	Review,
	ReviewStep,
	ReviewState,
	Sex,
	Submission
} from '$lib/wire';
import type { DeskPage, DeskQuery } from './desk';
import type { PlacePoint, QualityPageRow, QualityRow } from './quality';
import type { ProgressCount, ProgressQuery, ProgressTargets } from './progress';

/** What saving one valid submission came to. */
export type SaveOutcome = 'created' | 'duplicate' | 'conflict';

export interface StoredSubmission extends Submission {
	/** The enumerator whose token sent it (not a field of the body). */
	enumeratorId: string | null;
	/** That enumerator's sex when it arrived (null when unknown then): kept, so a later change does not rewrite the past. */
	enumeratorSex: Sex | null;
	/** When the server first stored it (ISO 8601, UTC). */
	receivedAt: string;
	/** Where the supervisor's review stands: `received` until set. */
	reviewState: ReviewState;
}

/** A draft from a tablet's backup file, kept apart: never exported, so a broken tablet's unfinished work is not lost. */
export interface ImportedDraft {
	id: string;
	formId: string;
	formVersion: string;
	deviceId: string;
	/** The enumerator the backup file names. */
	enumeratorId: string;
	/** The draft's last change on the device (ISO 8601, UTC): of two copies of one draft, the newer is kept. */
	updatedAt: string;
	/** The draft as the backup file holds it, as JSON text. */
	content: string;
	/** When the server first stored this content (ISO 8601, UTC). */
	importedAt: string;
}

/** Content sent again under a stored id that differs from what is stored: kept for the supervisor. */
export interface Conflict {
	id: string;
	enumeratorId: string | null;
	receivedAt: string;
	submission: Submission;
	/** Null while open; once the supervisor chose, what was kept, by whom, when, and the version stored then. */
	resolution: ConflictResolution | null;
}

/** Which version a supervisor keeps: the stored one, or the newest conflicting content. */
export type ConflictKeep = 'stored' | 'new';

export interface ConflictResolution {
	keep: ConflictKeep;
	/** The name the supervisor gave at sign-in. */
	by: string;
	at: string;
	/** The submission as stored when the choice was made (what `keep: "new"` replaced). */
	stored: StoredSubmission;
}

export interface Enumerator {
	id: string;
	name: string;
	/** Null for an enumerator made before the sex was asked. */
	sex: Sex | null;
	createdAt: string;
	/** Set when revoked: the token stops working at once. */
	revokedAt: string | null;
}

/** A supervisor's signed-in browser, as the store keeps it: the id itself is never stored, only its hash. */
export interface AdminSessionRow {
	idHash: string;
	/** The name the supervisor gave at sign-in: what review actions record as "by". */
	name: string;
	/** Which admin token it was made under: a changed ADMIN_TOKEN ends every session. */
	tokenFingerprint: string;
	createdAt: string;
	/** Absolute end (ISO 8601, UTC); idle expiry is decided from lastSeenAt. */
	expiresAt: string;
}

/** When a session may be used: not past its end, used since `idleSince`, made under this admin token. */
export interface SessionCheck {
	now: string;
	idleSince: string;
	tokenFingerprint: string;
}

/** What publishing a form version came to: new, the same content again, or other content under a published id and version. */
export type PublishOutcome = 'created' | 'same' | 'conflict';

/** A published form version as the store lists it (without its definition). */
export interface PublishedFormInfo {
	id: string;
	version: string;
	/** sha256 of the definition's canonical JSON (hash.ts): equal content, equal hash. */
	hash: string;
	/** When it was first published (ISO 8601, UTC). */
	publishedAt: string;
}

/** A published form version with its definition, the JSON text exactly as published. */
export interface PublishedForm extends PublishedFormInfo {
	definition: string;
}

/**
 * Where the server keeps its data. SQLite is the embedded default, PostgreSQL the other
 * implementation (DATABASE_URL); handlers and tests never know which one they talk to.
 * Both apply their migrations when opened.
 */
export interface Store {
	readonly kind: 'sqlite' | 'postgres';
	/**
	 * Saves a batch in one transaction, in order: all of it or, on failure, none. A known id
	 * with the same content (by hash of the canonical JSON) is a duplicate, a known id with
	 * other content a conflict: neither changes the stored row; a conflict's content is kept.
	 * Both stores decide by decide.ts and hash as it says (lazily, when an id comes again).
	 * Each created row keeps the sending enumerator's sex as it is at that moment.
	 */
	saveBatch(items: readonly Submission[], enumeratorId: string | null): Promise<SaveOutcome[]>;
	getSubmission(id: string): Promise<StoredSubmission | undefined>;
	/** Every submission of a form, all versions, in the order received. */
	listSubmissions(formId: string): Promise<StoredSubmission[]>;
	/**
	 * A page of a form's submissions in the order listSubmissions gives (the order received,
	 * an indexed key): at most `limit`, those after the submission with id `after`, or from
	 * the first when `after` is undefined (keyset paging: a page costs the same at any depth).
	 * pages.ts reads a whole form this way.
	 */
	submissionPage(formId: string, after: string | undefined, limit: number): Promise<StoredSubmission[]>;
	/** How many submissions a form has, and the id of the newest (where a read started now ends). */
	countSubmissions(formId: string): Promise<{ count: number; last: string | undefined }>;
	/**
	 * The supervisor's desk: a form's submissions filtered in SQL, newest first, a page at a
	 * time (keyset on the order received), with how many match (desk.ts).
	 */
	deskPage(query: DeskQuery): Promise<DeskPage>;
	/** The open conflicts (or with `resolved`, the settled ones), in the order they arrived. */
	listConflicts(resolved?: boolean): Promise<Conflict[]>;
	/**
	 * Settles every open conflict of submission `id` in one transaction: `stored` keeps the
	 * stored row; `new` replaces its content with the newest open conflicting content (the
	 * desk columns recomputed, credited to that content's sender). Each open conflict records
	 * the choice, `by`, `at` and the version stored until then; afterwards saveBatch answers
	 * `duplicate` for either content (decide.ts). Undefined when there is no such submission
	 * or it has no open conflict (already settled).
	 */
	resolveConflicts(
		id: string,
		keep: ConflictKeep,
		by: string,
		at: string
	): Promise<{ id: string; keep: ConflictKeep; by: string; at: string } | undefined>;
	/**
	 * The desk's progress: a form's interviews counted in SQL per day (started_day), per
	 * enumerator or settlement, and outcome (progress.ts), optionally from/to a day.
	 */
	progressCounts(query: ProgressQuery): Promise<ProgressCount[]>;
	/** The first and last day a form's interviews started on (null when it has none). */
	progressDays(formId: string): Promise<{ first: string | null; last: string | null }>;
	/** The supervisor's targets for a form (none set: daily null, no settlement). */
	getTargets(formId: string): Promise<ProgressTargets>;
	/** Replaces a form's targets, and answers them as stored. */
	setTargets(formId: string, targets: ProgressTargets): Promise<ProgressTargets>;
	/**
	 * Sets a submission's review state, keeping the step (state, comment, by, at) in its
	 * history; undefined when there is no such submission.
	 */
	setReview(id: string, step: ReviewStep): Promise<Review | undefined>;
	/** A submission's review state and its history, oldest step first; undefined when there is no such submission. */
	getReview(id: string): Promise<Review | undefined>;
	/**
	 * A backup file's import, in one transaction: `items` (finalized interviews, checked)
	 * saved exactly as saveBatch saves a sync batch (the same duplicate rule), credited to
	 * `enumeratorId`; `drafts` kept in their own table by id, the newer `updatedAt` winning
	 * (the same draft again changes nothing). Answers saveBatch's outcomes.
	 */
	importBackup(
		items: readonly Submission[],
		enumeratorId: string,
		drafts: readonly Omit<ImportedDraft, 'importedAt'>[]
	): Promise<SaveOutcome[]>;
	/** Every imported draft, by id. */
	listDrafts(): Promise<ImportedDraft[]>;

	/** Stores a new enumerator with the hash of its token (the token itself is never stored). */
	createEnumerator(name: string, sex: Sex, tokenHash: string): Promise<Enumerator>;
	/** Changes an enumerator's name or sex (revoked ones too); undefined when there is no such id. */
	updateEnumerator(id: string, change: EnumeratorChange): Promise<Enumerator | undefined>;
	listEnumerators(): Promise<Enumerator[]>;
	/** Revokes at once; false when there is no such (active) enumerator. */
	revokeEnumerator(id: string): Promise<boolean>;
	/** The active enumerator holding a token with this hash. */
	findEnumerator(tokenHash: string): Promise<Enumerator | undefined>;

	/** Keeps a new admin session, and forgets the ones that have ended. */
	createAdminSession(row: AdminSessionRow, forgetIdleBefore: string): Promise<void>;
	/** The session with this id hash if it may be used now (see SessionCheck); its last use becomes `now`. */
	useAdminSession(idHash: string, check: SessionCheck): Promise<{ name: string } | undefined>;
	deleteAdminSession(idHash: string): Promise<void>;
	/** Failed sign-ins from one client address since `since`: how many, and when the oldest was. */
	signInFailures(address: string, since: string): Promise<{ count: number; oldest: string | null }>;
	/** Counts a failed sign-in, and forgets failures older than `forgetBefore`. */
	recordSignInFailure(address: string, at: string, forgetBefore: string): Promise<void>;

	/**
	 * Publishes a form version unless its id and version are published already: then 'same'
	 * when the hashes match, else 'conflict', and the stored one stays. Race-safe: of two
	 * instances publishing one version at once, one gets 'created'.
	 */
	publishForm(form: PublishedForm): Promise<PublishOutcome>;
	/** Every published form version, in the order published (oldest first). */
	listForms(): Promise<PublishedFormInfo[]>;
	getForm(id: string, version: string): Promise<PublishedForm | undefined>;

	/** The deployment settings labels may cite; all null until an admin first sets them. */
	getDeployment(): Promise<DeploymentSettings>;
	/** Replaces the deployment settings, and answers them as stored. */
	setDeployment(settings: DeploymentInput): Promise<DeploymentSettings>;

	/** The data-quality thresholds as last set; null until a supervisor first sets them. */
	getQualityThresholds(): Promise<QualityThresholds | null>;
	setQualityThresholds(thresholds: QualityThresholds): Promise<void>;
	/**
	 * Keeps what the quality flags found (quality/), in one transaction: each submission's
	 * household signature and location, and its flags of the names given replaced. An unknown id is skipped.
	 */
	saveQuality(rows: readonly QualityRow[]): Promise<void>;
	/** The ids of a form's submissions with this household signature, oldest first, at most `limit` (an index lookup). */
	sameHousehold(formId: string, household: string, limit: number): Promise<string[]>;
	/** Where a form's interviews in one place (its settlement value) were: the newest `limit` with a location. */
	placeLocations(formId: string, settlement: string, limit: number): Promise<PlacePoint[]>;
	/**
	 * Every stored submission (all forms) after seq `after`, in the order received, at most
	 * `limit`: what a recompute pages through; with `unflagged`, only those never flagged.
	 */
	qualityPage(after: number, limit: number, unflagged?: boolean): Promise<QualityPageRow[]>;
	/** The flags of these submissions, by id (an id without flags is left out). */
	flagsOf(ids: readonly string[]): Promise<Map<string, QualityFlag[]>>;
	/** How many stored submissions each flag marks (every flag named). */
	flagCounts(): Promise<Record<FlagName, number>>;

	/** Keeps a tablet's latest report, one per device and enumerator (two may share a tablet). */
	reportDevice(report: DeviceReport, enumeratorId: string, at: string): Promise<void>;
	/** Every tablet's latest report, with its enumerator's name, the latest first. */
	listDevices(): Promise<StoredDeviceReport[]>;

	close(): Promise<void>;
}

export interface StoredDeviceReport extends DeviceReport {
	enumeratorId: string;
	enumerator: string;
	reportedAt: string;
}
