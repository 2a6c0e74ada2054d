import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Submission } from '$lib/wire';
import { openSqliteStore } from './storage/sqlite';
import type { Store } from './storage/types';

/** A store on a throw-away data directory; `dispose` closes it and removes the files. */
export function temporaryStore(): { store: Store; dir: string; dispose: () => Promise<void> } {
	const dir = mkdtempSync(join(tmpdir(), 'tun-test-'));
	const store = openSqliteStore(dir);
	return {
		store,
		dir,
		dispose: async () => {
			await store.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** A valid submission of the pilot form; override any field. */
export function pilotSubmission(overrides: Partial<Submission> = {}): Submission {
	return {
		id: crypto.randomUUID(),
		formId: 'household_pilot',
		formVersion: '2026-12-01',
		deviceId: 'device-1',
		startedAt: '2026-11-30T08:00:00.000Z',
		finalizedAt: '2026-11-30T08:20:00.000Z',
		language: 'hy',
		answers: {
			site_type: 'armenia',
			resp_name: 'Անահիտ',
			hh_size: 2,
			has_land: 'no',
			member: [
				{ m_name: 'Անահիտ', m_sex: 'female', m_age: 34, m_away: 'no', m_away_n: 0 },
				{ m_name: 'Արամ', m_sex: 'male', m_age: { special: 'dont_know' }, m_away: 'yes', m_away_n: 1, trip: [{ trip_dest: 'moscow', trip_year: 2019 }] }
			],
			n_members: 2,
			n_away: 1
		},
		...overrides
	};
}
