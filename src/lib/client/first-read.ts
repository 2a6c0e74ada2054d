/**
 * The first read of an interview page: the interview and its form version, in one
 * IndexedDB transaction on a connection of its own, without waiting for Dexie to open the
 * database (its open and its transactions are several round trips through a main thread
 * that is busy starting the app). When the app starts on an interview, the read starts in
 * the client hook's init (src/hooks.client.ts), before the route's code and Dexie's have
 * loaded; the route's load takes it. Only a database already at the schema this app declares
 * is read so; otherwise (no database yet, an upgrade due, no IndexedDB) this answers
 * undefined and the caller reads through Dexie, which opens and upgrades it.
 */
import type { Interview, StoredForm, TunDatabase } from './db';
import { DB_NAME, SCHEMA_VERSIONS } from './db-schema';

/** The interview and its form version (undefined: not on the device); undefined: read them through Dexie. */
export type FirstRead = { interview: Interview | undefined; stored: StoredForm | undefined } | undefined;

const request = <T>(r: IDBRequest<T>) =>
	new Promise<T>((resolve, reject) => {
		r.onsuccess = () => resolve(r.result);
		r.onerror = () => reject(r.error);
	});

function openExisting(): Promise<IDBDatabase | undefined> {
	return new Promise((resolve) => {
		const opening = indexedDB.open(DB_NAME);
		// No database yet: none is created here (Dexie creates it with its schema).
		opening.onupgradeneeded = () => opening.transaction?.abort();
		opening.onsuccess = () => resolve(opening.result);
		opening.onerror = () => resolve(undefined);
	});
}

async function read(id: string): Promise<FirstRead> {
	const idb = typeof indexedDB === 'undefined' ? undefined : await openExisting();
	if (!idb) return undefined;
	// An upgrade asked for by Dexie (or another tab) is never held up by this connection.
	idb.onversionchange = () => idb.close();
	try {
		// Dexie opens IndexedDB at ten times its own version: any other is Dexie's to upgrade first.
		if (idb.version !== SCHEMA_VERSIONS.at(-1)!.version * 10) return undefined;
		const tx = idb.transaction(['interviews', 'forms']);
		const interview = (await request(tx.objectStore('interviews').get(id))) as Interview | undefined;
		const stored =
			interview && ((await request(tx.objectStore('forms').get([interview.formId, interview.formVersion]))) as StoredForm | undefined);
		return { interview, stored };
	} catch {
		return undefined;
	} finally {
		idb.close();
	}
}

/** The read begun as the app started, for the interview it started on; taken once. */
let started: { id: string; read: Promise<FirstRead> } | undefined;

/** Begins reading interview `id` of the app's database, before the route that shows it has loaded. */
export function startFirstRead(id: string): void {
	started = { id, read: read(id) };
}

/**
 * The read begun for interview `id` of `db` as the app started, taken once; undefined when
 * none was (the page was reached from another, or the read was taken): read through Dexie.
 */
export function takeFirstRead(db: TunDatabase, id: string): Promise<FirstRead> | undefined {
	const begun = started;
	started = undefined;
	return begun?.id === id && db.name === DB_NAME ? begun.read : undefined;
}
