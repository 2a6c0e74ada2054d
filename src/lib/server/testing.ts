import { FormEngine } from '$lib/form';
import { household20261201 } from '$lib/forms';
import { completeHousehold } from '$lib/forms/samples';
import type { Submission } from '$lib/wire';

/** What a device sends for the complete sample household: what applies, with calculations. */
export function householdAnswers(): Record<string, unknown> {
	const engine = new FormEngine(household20261201, completeHousehold(), { today: '2026-11-30' });
	// Every screen was entered on the device: its draws and counted entries are in what it sends.
	engine.enter();
	return engine.submission();
}

/** A valid submission of the current questionnaire (the complete sample household); override any field. */
export function sampleSubmission(overrides: Partial<Submission> = {}): Submission {
	return {
		id: crypto.randomUUID(),
		formId: household20261201.definition.id,
		formVersion: household20261201.definition.version,
		deviceId: 'device-1',
		startedAt: '2026-11-30T08:00:00.000Z',
		finalizedAt: '2026-11-30T08:50:00.000Z',
		language: 'hy',
		answers: householdAnswers(),
		...overrides
	};
}
