/**
 * The first read of an interview page: the interview and its form version, in one
 * IndexedDB transaction on a connection of its own, without waiting for Dexie to open the
 * database (its open and its transactions are several round trips through a main thread
 * that is busy starting the app). Only a database already at the schema this app declares
 * is read so; otherwise (no database yet, an upgrade due, no IndexedDB) this answers
 * undefined and the caller reads through Dexie, which opens and upgrades it.
 */
import type { Interview, StoredForm, TunDatabase } from './db';

const request = <T>(r: IDBRequest<T>) =>
	new Promise<T>((resolve, reject) => {
		r.onsuccess = () => resolve(r.result);
		r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
	});

function openExisting(name: string): Promise<IDBDatabase | undefined> {
	return new Promise((resolve) => {
		const opening = indexedDB.open(name);
		// No database of that name: none is created here (Dexie creates it with its schema).
		opening.onupgradeneeded = () => opening.transaction?.abort();
		opening.onsuccess = () => resolve(opening.result);
		opening.onerror = () => resolve(undefined);
		opening.onblocked = () => resolve(undefined);
	});
}

export async function readInterviewAndForm(
	db: TunDatabase,
	id: string
): Promise<{ interview: Interview | undefined; stored: StoredForm | undefined } | undefined> {
	if (typeof indexedDB === 'undefined' || db.isOpen()) return undefined;
	const idb = await openExisting(db.name);
	if (!idb) return undefined;
	// An upgrade asked for by Dexie (or another tab) is never held up by this connection.
	idb.onversionchange = () => idb.close();
	try {
		// Dexie opens IndexedDB at ten times its version: any other version is read through Dexie.
		if (idb.version !== Math.round(db.verno * 10)) return undefined;
		const tx = idb.transaction(['interviews', 'forms'], 'readonly');
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
