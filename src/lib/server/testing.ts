import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormEngine } from '$lib/form';
import { currentForm } from '$lib/forms';
import { completeHousehold } from '$lib/forms/samples';
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

/** What a device sends for the complete sample household: what applies, with calculations. */
export function householdAnswers(): Record<string, unknown> {
	return new FormEngine(currentForm, completeHousehold(), { today: '2026-11-30' }).submission();
}

/** A valid submission of the current questionnaire (the complete sample household); override any field. */
export function sampleSubmission(overrides: Partial<Submission> = {}): Submission {
	return {
		id: crypto.randomUUID(),
		formId: currentForm.definition.id,
		formVersion: currentForm.definition.version,
		deviceId: 'device-1',
		startedAt: '2026-11-30T08:00:00.000Z',
		finalizedAt: '2026-11-30T08:50:00.000Z',
		language: 'hy',
		answers: householdAnswers(),
		...overrides
	};
}

/** @deprecated the pilot form is gone: use sampleSubmission. Kept while storage tests move over. */
export const pilotSubmission = sampleSubmission;

