/** Rows as both stores keep them (text columns, snake_case) and the objects they stand for. */
import type { DeploymentInput, DeploymentSettings, ReviewStep, Sex, Submission } from '$lib/wire';
import type {
	Conflict,
	ConflictKeep,
	Enumerator,
	ImportedDraft,
	PublishedForm,
	PublishedFormInfo,
	StoredDeviceReport,
	StoredSubmission
} from './types';

export interface SubmissionRow {
	id: string;
	form_id: string;
	form_version: string;
	device_id: string;
	enumerator_id: string | null;
	/** Added by a later migration: null on rows stored before it. */
	enumerator_sex: Sex | null;
	started_at: string;
	finalized_at: string;
	language: Submission['language'];
	answers: string;
	meta: string | null;
	received_at: string;
	/** Added by a later migration, 'received' on rows stored before it. */
	review_state: StoredSubmission['reviewState'];
}

/** The columns a device's submission fills, in this order (sentValues); the store adds enumerator_id and received_at. */
export const sentColumns = [
	'id',
	'form_id',
	'form_version',
	'device_id',
	'started_at',
	'finalized_at',
	'language',
	'answers',
	'meta'
] as const;

/** A submission's values for sentColumns: JSON kept as the text it makes, so what was sent comes back. */
export const sentValues = (s: Submission): (string | null)[] => [
	s.id,
	s.formId,
	s.formVersion,
	s.deviceId,
	s.startedAt,
	s.finalizedAt,
	s.language,
	JSON.stringify(s.answers),
	s.meta ? JSON.stringify(s.meta) : null
];

export interface EnumeratorRow {
	id: string;
	name: string;
	sex: Sex | null;
	created_at: string;
	revoked_at: string | null;
}

export function submissionFromRow(row: SubmissionRow): StoredSubmission {
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
		enumeratorId: row.enumerator_id,
		enumeratorSex: row.enumerator_sex ?? null,
		receivedAt: row.received_at,
		reviewState: row.review_state ?? 'received'
	};
}

/** A step of a review as both stores keep it. */
export interface ReviewRow {
	state: ReviewStep['state'];
	comment: string | null;
	by_name: string;
	at: string;
}

export const reviewStepFromRow = (row: ReviewRow): ReviewStep => ({ state: row.state, comment: row.comment, by: row.by_name, at: row.at });

export const enumeratorFromRow = (row: EnumeratorRow): Enumerator => ({
	id: row.id,
	name: row.name,
	sex: row.sex ?? null,
	createdAt: row.created_at,
	revokedAt: row.revoked_at
});

export interface ConflictRow {
	id: string;
	enumerator_id: string | null;
	content: string;
	received_at: string;
	/** Null while open (added by a later migration). */
	resolution: ConflictKeep | null;
	resolved_by: string | null;
	resolved_at: string | null;
	stored_content: string | null;
}

/** The columns conflictFromRow reads, in both stores. */
export const conflictColumns = 'id, enumerator_id, content, received_at, resolution, resolved_by, resolved_at, stored_content';

export const conflictFromRow = (row: ConflictRow): Conflict => ({
	id: row.id,
	enumeratorId: row.enumerator_id,
	receivedAt: row.received_at,
	submission: JSON.parse(row.content) as Submission,
	resolution:
		row.resolution === null
			? null
			: {
					keep: row.resolution,
					by: row.resolved_by ?? '',
					at: row.resolved_at ?? '',
					stored: JSON.parse(row.stored_content ?? 'null') as StoredSubmission
				}
});

/** The SQL of the migration that lets a supervisor settle conflicts (both stores: text columns, null while open). */
export const conflictResolutionSql = (
	text: string
) => `ALTER TABLE conflicts ADD COLUMN resolution ${text} CHECK (resolution IN ('stored', 'new'));
	ALTER TABLE conflicts ADD COLUMN resolved_by ${text};
	ALTER TABLE conflicts ADD COLUMN resolved_at ${text};
	-- The submission as stored when the choice was made (JSON), and its content hash: still accepted on resend.
	ALTER TABLE conflicts ADD COLUMN stored_content ${text};
	ALTER TABLE conflicts ADD COLUMN stored_hash ${text};`;

/** A new enumerator's row: both stores insert exactly this. */
export const newEnumeratorRow = (name: string, sex: Sex): EnumeratorRow => ({
	id: crypto.randomUUID(),
	name,
	sex,
	created_at: new Date().toISOString(),
	revoked_at: null
});

export interface FormRow {
	id: string;
	version: string;
	content_hash: string;
	published_at: string;
	definition?: string;
}

/** The columns of a published form without its definition, in both stores. */
export const formInfoColumns = 'id, version, content_hash, published_at';

export const formInfoFromRow = (row: FormRow): PublishedFormInfo => ({
	id: row.id,
	version: row.version,
	hash: row.content_hash,
	publishedAt: row.published_at
});

export const formFromRow = (row: FormRow & { definition: string }): PublishedForm => ({
	...formInfoFromRow(row),
	definition: row.definition
});

/** A form's values for INSERT INTO forms (id, version, definition, content_hash, published_at). */
export const formValues = (f: PublishedForm): string[] => [f.id, f.version, f.definition, f.hash, f.publishedAt];

/** The one row of deployment settings; the store has none until an admin first sets them. */
export interface DeploymentRow {
	institution: string | null;
	contact: string | null;
	updated_at: string;
}

export const deploymentFromRow = (row: DeploymentRow | undefined): DeploymentSettings => ({
	institution: row?.institution ? (JSON.parse(row.institution) as DeploymentSettings['institution']) : null,
	contact: row?.contact ? (JSON.parse(row.contact) as DeploymentSettings['contact']) : null,
	updatedAt: row?.updated_at ?? null
});

/** A deployment's values for (institution, contact, updated_at): each setting kept as JSON text, null when unset. */
export const deploymentValues = (d: DeploymentInput, updatedAt: string): (string | null)[] => [
	d.institution ? JSON.stringify(d.institution) : null,
	d.contact ? JSON.stringify(d.contact) : null,
	updatedAt
];

/** An imported draft's row, in both stores. */
export interface DraftRow {
	id: string;
	form_id: string;
	form_version: string;
	device_id: string;
	enumerator_id: string;
	updated_at: string;
	content: string;
	imported_at: string;
}

export const draftColumns = 'id, form_id, form_version, device_id, enumerator_id, updated_at, content, imported_at';

export const draftFromRow = (row: DraftRow): ImportedDraft => ({
	id: row.id,
	formId: row.form_id,
	formVersion: row.form_version,
	deviceId: row.device_id,
	enumeratorId: row.enumerator_id,
	updatedAt: row.updated_at,
	content: row.content,
	importedAt: row.imported_at
});

/** One draft per id, the newest (by updatedAt; the first of equals): what an import may store. */
export function newestDrafts<T extends { id: string; updatedAt: string }>(drafts: readonly T[]): T[] {
	const newest = new Map<string, T>();
	for (const d of drafts) {
		const kept = newest.get(d.id);
		if (!kept || d.updatedAt > kept.updatedAt) newest.set(d.id, d);
	}
	return [...newest.values()];
}

/** A draft's values for draftColumns. */
export const draftValues = (d: Omit<ImportedDraft, 'importedAt'>, importedAt: string): string[] => [
	d.id,
	d.formId,
	d.formVersion,
	d.deviceId,
	d.enumeratorId,
	d.updatedAt,
	d.content,
	importedAt
];

/** A tablet's latest report as both stores keep it, with its enumerator's name. */
export interface DeviceRow {
	device_id: string;
	enumerator_id: string;
	enumerator: string;
	waiting: number | string;
	drafts: number | string;
	app_version: string;
	reported_at: string;
}

/** The columns of a report joined with its enumerator, the latest first. */
export const listDevicesSql = `SELECT d.device_id, d.enumerator_id, e.name AS enumerator, d.waiting, d.drafts, d.app_version, d.reported_at
	FROM devices d JOIN enumerators e ON e.id = d.enumerator_id ORDER BY d.reported_at DESC, d.device_id`;

export const deviceFromRow = (row: DeviceRow): StoredDeviceReport => ({
	deviceId: row.device_id,
	enumeratorId: row.enumerator_id,
	enumerator: row.enumerator,
	waiting: Number(row.waiting),
	drafts: Number(row.drafts),
	appVersion: row.app_version,
	reportedAt: row.reported_at
});
