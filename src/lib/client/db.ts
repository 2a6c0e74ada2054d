/**
 * The device's database. One class, one instance, reached only through the modules of
 * this folder (interviews.ts, outbox.ts, settings.ts): components never touch tables.
 * Every version() bump needs an upgrade test: a tablet updated mid-fieldwork keeps its drafts.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { Language } from '$lib/form/schema';
import type { Answers } from '$lib/form/answers';
import type { ItemError } from '$lib/wire';

/** draft: being filled; finalized: waiting in the outbox; sent: the server has it. */
export type InterviewStatus = 'draft' | 'finalized' | 'sent';

export interface Interview {
	id: string;
	formId: string;
	formVersion: string;
	deviceId: string;
	status: InterviewStatus;
	language: Language;
	startedAt: string;
	updatedAt: string;
	finalizedAt?: string;
	sentAt?: string;
	answers: Answers;
	/** Why the server refused it (invalid or conflict); it stays on the device. */
	rejected?: { status: 'invalid' | 'conflict'; errors: ItemError[] };
}

export interface Setting {
	key: string;
	value: string;
}

export class TunDatabase extends Dexie {
	interviews!: EntityTable<Interview, 'id'>;
	settings!: EntityTable<Setting, 'key'>;

	constructor(name = 'tun') {
		super(name);
		this.version(1).stores({
			interviews: 'id, status, updatedAt, finalizedAt',
			settings: 'key'
		});
	}
}

let instance: TunDatabase | undefined;

export function getDb(): TunDatabase {
	instance ??= new TunDatabase();
	return instance;
}
