/**
 * The device's database. One class, one instance, reached only through the modules of
 * this folder (interviews.ts, outbox.ts, settings.ts): components never touch tables.
 * Every version() bump needs an upgrade test: a tablet updated mid-fieldwork keeps its drafts.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { Answers, Deployment } from '$lib/form';
import type { ItemError } from '$lib/wire';
import { DB_NAME, SCHEMA_VERSIONS } from './db-schema';

export { SCHEMA_VERSIONS };

/** One line of the audit log: what happened, when, and its details. */
export interface InterviewEvent {
	/** ISO 8601 time on the device. */
	t: string;
	type:
		| 'start'
		| 'resume'
		| 'screen_enter'
		| 'screen_leave'
		| 'answer'
		| 'change'
		| 'language'
		| 'entry_add'
		| 'entry_remove'
		| 'finalize'
		| 'break_off'
		| 'events_dropped';
	[detail: string]: unknown;
}

/** Where the interviewer is: the screen, and the open entry of each roster (by repeat key). */
export interface Position {
	screen: number;
	open: Record<string, number>;
	/** The furthest screen reached: the section index jumps only to screens up to it. */
	reached: number;
	/**
	 * The step (part) each entry was last on, by entry key ("member.1", "member.1.migrant.0"):
	 * an index into entrySteps(). Drafts saved before steps have none: their entries open at step 0.
	 */
	steps?: Record<string, number>;
}

/** draft: being filled; finalized: waiting in the outbox; sent: the server has it. */
export type InterviewStatus = 'draft' | 'finalized' | 'sent';

export interface Interview {
	id: string;
	/** The key of the enumerator's account on this device (StoredAccount.key): whose it is, and whose token sends it. */
	enumerator: string;
	formId: string;
	formVersion: string;
	deviceId: string;
	status: InterviewStatus;
	/** The questionnaire's language the interview is shown in (one of its form's languages). */
	language: string;
	startedAt: string;
	updatedAt: string;
	finalizedAt?: string;
	sentAt?: string;
	/** "YYYY-MM-DD" on the device at the start: today() and "the last 12 months" end there. */
	referenceDate: string;
	/** The draft's answers, irrelevant ones included (a changed mind may bring them back). */
	answers: Answers;
	/** What is sent: the answers that apply, with calculations; set on finalizing. */
	final?: Answers;
	/**
	 * The title on the home screen: the definition's instance_name over the answers, kept
	 * with every change of them ('' when it comes out empty). Interviews stored before it
	 * existed have none: it is computed when they are listed or opened (no schema change).
	 */
	instanceName?: string;
	position?: Position;
	events?: InterviewEvent[];
	/** About the JSON characters of `events`, kept with them so a long log is not measured at every event. */
	eventsChars?: number;
	/** Soft-constraint warnings the interviewer confirmed, by instance key. */
	confirmed?: string[];
	/** Member links cleared because their member was deleted, by instance key: marked until answered. */
	unlinked?: string[];
	/** The deployment settings (institution, contact) as they were when the interview started: its texts cite these. */
	deployment?: Deployment;
	/** Labels citing deployment settings, as shown (interview language), by item name; set on finalizing. */
	shown?: Record<string, string>;
	breakOff?: { at: string; reason: string };
	/**
	 * Why it was not taken: the server refused it (invalid or conflict), or the device
	 * could not send it (`unsendable`: no final answers); it stays on the device.
	 */
	rejected?: { status: 'invalid' | 'conflict' | 'unsendable'; errors: ItemError[] };
}

export interface Setting {
	key: string;
	value: string;
}

/** A form version as the server published it, kept so interviews start and finish offline. */
export interface StoredForm {
	id: string;
	version: string;
	/** The definition JSON exactly as published (compiled on the device when first used). */
	definition: unknown;
	/** ISO 8601, the server's: the newest version of a form id is the latest published. */
	publishedAt: string;
	/** The form's title, `{hy,ru,en}`, for choosing a form. */
	title: unknown;
	/**
	 * The definition as the schema accepted it, and the app version that checked it
	 * (device-forms.ts): opening a draft compiles this without checking again. Absent on
	 * versions stored before it was kept; checked again after an app update.
	 */
	checked?: { by: string; definition: unknown };
}

/** One enumerator this tablet works for (src/lib/client/settings.ts `Account`), with its key on this device. */
export interface StoredAccount {
	/** Made on this device when the enumerator was first set up on it: interviews name their enumerator by it. */
	key: string;
	token: string;
	server: string;
	name: string | null;
	enumeratorId?: string;
	/** The last time this enumerator's link was opened here. */
	setUpAt: string;
	/** The first time: the accounts are listed in this order. Absent on the account kept from before version 3. */
	firstSetUpAt?: string;
	/** The server answered 401: the token was revoked. This enumerator's sending stops until they are set up again. */
	revoked?: boolean;
}

export class TunDatabase extends Dexie {
	interviews!: EntityTable<Interview, 'id'>;
	settings!: EntityTable<Setting, 'key'>;
	forms!: Table<StoredForm, [string, string]>;
	accounts!: EntityTable<StoredAccount, 'key'>;

	constructor(name = DB_NAME) {
		super(name);
		for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
			const declared = this.version(version).stores(stores);
			if (upgrade) declared.upgrade(upgrade);
		}
	}
}

let instance: TunDatabase | undefined;

export function getDb(): TunDatabase {
	instance ??= new TunDatabase();
	return instance;
}
