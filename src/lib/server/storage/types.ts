import type { Submission } from '$lib/wire';

/** What saving one valid submission came to. */
export type SaveOutcome = 'created' | 'duplicate' | 'conflict';

export interface StoredSubmission extends Submission {
	/** When the server first stored it (ISO 8601, UTC). */
	receivedAt: string;
}

/**
 * Where submissions live. SQLite is the embedded default; PostgreSQL joins behind
 * this same interface, so handlers and tests never know which one they talk to.
 */
export interface SubmissionStore {
	readonly kind: 'sqlite' | 'postgres';
	/**
	 * Saves a batch in one transaction, in order. A known id with the same content is a
	 * duplicate and a known id with other content a conflict: neither changes the
	 * stored row (a conflict's content is kept aside for the supervisor).
	 */
	saveBatch(items: readonly Submission[]): Promise<SaveOutcome[]>;
	getSubmission(id: string): Promise<StoredSubmission | undefined>;
	/** Every submission of a form, all versions, oldest first. */
	listSubmissions(formId: string): Promise<StoredSubmission[]>;
	close(): Promise<void>;
}
