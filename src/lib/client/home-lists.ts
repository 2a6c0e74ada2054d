/**
 * What the home screen lists, read through indexes so 10,000 interviews on a tablet open as
 * fast as ten: the counts of each list are index counts (no interview is read for them);
 * each list comes newest first, the newest HOME_LIMIT of it until the interviewer asks for
 * all; of the sent ones, only those sent today until the folded list is opened.
 * A search reads everything (the titles of every interview are needed).
 */
import { Dexie } from 'dexie';
import type { Interview, TunDatabase } from './db';
import { listInterviews } from './interviews';
import { getActiveKey } from './settings';

/** How many interviews of each list show before "Show all" (for the sent ones: of those sent today). */
export const HOME_LIMIT = 20;

type Status = Interview['status'];

export interface HomeOptions {
	/** The folded sent list is open: every sent interview. */
	allSent: boolean;
	/** "Show all" was asked for these lists. */
	all: readonly Status[];
	/** A search is typed: every interview, whatever the rest says. */
	everything: boolean;
}

export interface HomeLists {
	/** How many of each the active enumerator has. */
	counts: Record<Status, number>;
	/** Newest first: the drafts, the waiting ones and the sent ones shown (see HomeOptions). */
	lists: Record<Status, Interview[]>;
	/** How many sent interviews were sent before today. */
	sentEarlier: number;
	/** When the longest-waiting interview was finalized (undefined: none waits). */
	oldestUnsent: string | undefined;
}

/** Midnight of today on the device, as the ISO instant sentAt is compared with. */
const startOfToday = (now = new Date()) => new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();

export function homeLists(db: TunDatabase, options: HomeOptions): Promise<HomeLists> {
	return db.transaction('r', db.settings, db.accounts, db.interviews, async () => {
		const key = await getActiveKey(db);
		const of = (status: Status) =>
			db.interviews.where('[enumerator+status+updatedAt]').between([key, status, Dexie.minKey], [key, status, Dexie.maxKey]);
		const count = (status: Status) => db.interviews.where('[enumerator+status]').equals([key, status]).count();
		const today = startOfToday();
		// Every request at once: one round trip through IndexedDB for all of them, not one after another.
		const asked = Promise.all([count('draft'), count('finalized'), count('sent'), of('finalized').first()]);
		if (options.everything) {
			const [[draft, finalized, sent, oldest], all] = await Promise.all([asked, listInterviews(db)]);
			const lists = { draft: [], finalized: [], sent: [] } as Record<Status, Interview[]>;
			for (const interview of all) lists[interview.status].push(interview);
			return {
				counts: { draft, finalized, sent },
				lists,
				sentEarlier: sent - lists.sent.filter((i) => (i.sentAt ?? '') >= today).length,
				oldestUnsent: oldest && (oldest.finalizedAt ?? oldest.updatedAt)
			};
		}
		const newest = (status: Status) => {
			const newestFirst = of(status).reverse();
			return options.all.includes(status) ? newestFirst.toArray() : newestFirst.limit(HOME_LIMIT).toArray();
		};
		// Only a sent interview has sentAt: this range is the enumerator's sent today, newest first.
		// (A function: a Dexie collection is changed in place by reverse() and limit().)
		const sentTodayRange = () => db.interviews.where('[enumerator+sentAt]').between([key, today], [key, Dexie.maxKey]);
		const [[draft, finalized, sent, oldest], drafts, waiting, sentToday, sentTodayCount] = await Promise.all([
			asked,
			newest('draft'),
			newest('finalized'),
			options.allSent ? of('sent').reverse().toArray() : sentTodayRange().reverse().limit(HOME_LIMIT).toArray(),
			sentTodayRange().count()
		]);
		return {
			counts: { draft, finalized, sent },
			lists: { draft: drafts, finalized: waiting, sent: sentToday },
			sentEarlier: sent - sentTodayCount,
			oldestUnsent: oldest && (oldest.finalizedAt ?? oldest.updatedAt)
		};
	});
}
