import type { Submission } from '$lib/wire';

/** What saving one valid submission came to. */
export type SaveOutcome = 'created' | 'duplicate' | 'conflict';

export interface StoredSubmission extends Submission {
	/** The enumerator whose token sent it (not a field of the body). */
	enumeratorId: string | null;
	/** When the server first stored it (ISO 8601, UTC). */
	receivedAt: string;
}

/** Content sent again under a stored id that differs from what is stored: kept for the supervisor. */
export interface Conflict {
	id: string;
	enumeratorId: string | null;
	receivedAt: string;
	submission: Submission;
}

export interface Enumerator {
	id: string;
	name: string;
	createdAt: string;
	/** Set when revoked: the token stops working at once. */
	revokedAt: string | null;
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
	 */
	saveBatch(items: readonly Submission[], enumeratorId: string | null): Promise<SaveOutcome[]>;
	getSubmission(id: string): Promise<StoredSubmission | undefined>;
	/** Every submission of a form, all versions, in the order received. */
	listSubmissions(formId: string): Promise<StoredSubmission[]>;
	listConflicts(): Promise<Conflict[]>;

	/** Stores a new enumerator with the hash of its token (the token itself is never stored). */
	createEnumerator(name: string, tokenHash: string): Promise<Enumerator>;
	listEnumerators(): Promise<Enumerator[]>;
	/** Revokes at once; false when there is no such (active) enumerator. */
	revokeEnumerator(id: string): Promise<boolean>;
	/** The active enumerator holding a token with this hash. */
	findEnumerator(tokenHash: string): Promise<Enumerator | undefined>;

	close(): Promise<void>;
}
