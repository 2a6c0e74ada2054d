/**
 * "Export backup": every interview of the active enumerator on the tablet in one JSON file (wire.ts, backupFileSchema)
 * that the interviewer copies to a USB stick or sends, for weeks without network; an admin
 * imports it (POST /api/admin/import). A finalized or sent interview carries exactly the
 * submission the outbox sends (toSubmission), so the server applies sync's rules to it; a
 * draft carries the device's record. The file names the enumerator and the device, never
 * the token. Works offline: it only reads IndexedDB.
 */
import { version } from '$app/environment';
import { Dexie } from 'dexie';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupFile, type BackupInterview, type BackupStatus } from '$lib/wire';
import type { Interview, TunDatabase } from './db';
import { localDate, toSubmission, UnsendableError } from './interviews';
import { getAccount, getDeviceId } from './settings';

export interface Backup {
	/** `tun-backup-<enumerator>-<device>-<YYYY-MM-DD>.json` */
	filename: string;
	/** The file's JSON text. */
	text: string;
	blob: Blob;
	counts: Record<BackupStatus, number>;
}

/** A piece of a file name: letters and digits of any script, the rest one hyphen, at most `max` characters. */
export function filenamePart(text: string, max = 40): string {
	return (
		text
			.normalize('NFC')
			.replace(/[^\p{L}\p{N}]+/gu, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, max)
			.replace(/-+$/, '') || 'unknown'
	);
}

/** One interview as the file holds it. */
function entryOf(interview: Interview): BackupInterview {
	const head = {
		id: interview.id,
		status: interview.status,
		...(interview.instanceName ? { instanceName: interview.instanceName } : {}),
		...(interview.sentAt ? { sentAt: interview.sentAt } : {})
	};
	if (interview.status !== 'draft') {
		try {
			return { ...head, submission: toSubmission(interview) };
		} catch (error) {
			// No final answers (it should not happen): the record itself, which the server keeps with the drafts.
			if (!(error instanceof UnsendableError)) throw error;
		}
	}
	return { ...head, draft: { ...interview } };
}

/**
 * The backup of the active enumerator's interviews on this device (drafts, finalized, sent), oldest first.
 * `now` names the day in the file name (the device's own date) and the file's time.
 */
export async function exportBackup(db: TunDatabase, now = new Date()): Promise<Backup> {
	const deviceId = await getDeviceId(db);
	// The active enumerator's interviews: the file names them, and the server takes it as theirs.
	const [account, interviews] = await db.transaction('r', db.interviews, db.settings, db.accounts, async () => {
		const active = await getAccount(db);
		const key = active?.key ?? '';
		return [active, await db.interviews.where('[enumerator+status]').between([key, Dexie.minKey], [key, Dexie.maxKey]).toArray()] as const;
	});
	interviews.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
	const entries = interviews.map(entryOf);
	const counts = { draft: 0, finalized: 0, sent: 0 };
	for (const e of entries) counts[e.status]++;
	const file: BackupFile = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		createdAt: now.toISOString(),
		appVersion: version,
		deviceId,
		// Only what names the tablet's account: never its token.
		server: account?.server ?? null,
		enumerator: { id: account?.enumeratorId ?? null, name: account?.name ?? null },
		counts,
		interviews: entries
	};
	const text = JSON.stringify(file, null, 1);
	const who = filenamePart(account?.name ?? account?.enumeratorId?.slice(0, 8) ?? 'unknown');
	const filename = `tun-backup-${who}-${filenamePart(deviceId, 8)}-${localDate(now)}.json`;
	return { filename, text, blob: new Blob([text], { type: 'application/json' }), counts };
}

/** Saves the backup as a download (an `<a download>` on a Blob URL): the browser puts it among the tablet's files. */
export function downloadBackup(backup: Backup, document: Document = window.document): void {
	const url = URL.createObjectURL(backup.blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = backup.filename;
	link.rel = 'noopener';
	document.body.append(link);
	link.click();
	link.remove();
	// The browser reads the Blob as the download starts; freed a minute later, whatever the browser's pace.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
