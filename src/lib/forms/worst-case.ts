/**
 * The costliest batch to check that the limits allow, for the benchmark and the test that
 * /api/health keeps answering meanwhile: households of 200 members (the roster's
 * max_entries), every one away with a full migrant entry, as many as fit in the 5 MB body,
 * each with its own id. Every item is valid. Imports stay relative: Playwright loads it too.
 */
import { FormEngine } from '../form';
import { household20261201 } from './index';
import { completeHousehold } from './samples';

export function worstCaseBatch(limitBytes = 5 * 1024 * 1024): { body: string; items: number; ids: string[] } {
	const answers = completeHousehold() as Record<string, unknown> & { member: Record<string, unknown>[] };
	const away = answers.member[3];
	while (answers.member.length < 200) answers.member.push({ ...structuredClone(away), m_name: `Член семьи ${answers.member.length + 1}` });
	// As a device sends it: every screen entered, its draws and counted entries made.
	const engine = new FormEngine(household20261201, answers, { today: '2026-11-30' });
	engine.enter();
	const one = {
		id: crypto.randomUUID(),
		formId: household20261201.definition.id,
		formVersion: household20261201.definition.version,
		deviceId: 'worst-case',
		startedAt: '2026-11-30T08:00:00.000Z',
		finalizedAt: '2026-11-30T11:00:00.000Z',
		language: 'hy',
		answers: engine.submission()
	};
	const count = Math.min(100, Math.floor((limitBytes - 20) / (JSON.stringify(one).length + 1)));
	const submissions = Array.from({ length: count }, () => ({ ...one, id: crypto.randomUUID() }));
	return { body: JSON.stringify({ submissions }), items: count, ids: submissions.map((s) => s.id) };
}
