/**
 * The desk's progress counts in SQL (Store.progressCounts, progressDays) and the supervisor's
 * targets, on SQLite and (with TUN_PG_URL) PostgreSQL: days in the server's time zone,
 * completed, refused and broken-off counted apart, per enumerator and per settlement; the
 * migration fills the outcome of rows stored before it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Submission } from '$lib/wire';
import { postgresUrl, temporaryDatabase, type TemporaryDatabase } from './testing';
import { consentGate, type ProgressCount } from './progress';
import type { Store } from './types';

const kinds: Store['kind'][] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
const definition = (version: string) => readFileSync(`src/lib/forms/household_migration.${version}.json`, 'utf8');

// The server's time zone: Yerevan, four hours ahead of UTC (a day starts at 20:00 UTC the evening before).
const zone = process.env.TZ;
beforeAll(() => {
	process.env.TZ = 'Asia/Yerevan';
});
afterAll(() => {
	if (zone === undefined) delete process.env.TZ;
	else process.env.TZ = zone;
});

type Kind = 'completed' | 'refused' | 'brokenOff' | 'refusedThenEnded';
function interview(startedAt: string, settlement: string, kind: Kind, formVersion = '2026-12-15'): Submission {
	return {
		id: crypto.randomUUID(),
		formId: 'household_migration',
		formVersion,
		deviceId: 'device-1',
		startedAt,
		finalizedAt: startedAt,
		language: 'hy',
		answers: { site_type: 'martuni', settlement, consent: kind.startsWith('refused') ? 'no' : 'yes' },
		...(kind === 'brokenOff' || kind === 'refusedThenEnded' ? { meta: { breakOff: { at: 'respondent', reason: 'left' } } } : {})
	};
}

/** The counts as "day key outcome count" lines, sorted (the stores need not agree on an order). */
const lines = (counts: ProgressCount[]) => counts.map((c) => `${c.day} ${c.label ?? c.key} ${c.outcome} ${c.count}`).sort();

describe('the consent gate', () => {
	it('is the question every later section of the household questionnaire requires, in both versions', () => {
		for (const version of ['2026-12-01', '2026-12-15'])
			expect(consentGate(definition(version))).toEqual({ question: 'consent', value: 'yes' });
	});

	it('is none when one later section does not require it, or the question is not a single choice', () => {
		const form = JSON.parse(definition('2026-12-15')) as { items: { relevant?: string; items?: { name: string; type: string }[] }[] };
		const ungated = structuredClone(form);
		delete ungated.items.at(-1)!.relevant;
		expect(consentGate(JSON.stringify(ungated))).toBeNull();
		const typed = structuredClone(form);
		for (const item of typed.items[1].items!) if (item.name === 'consent') item.type = 'text';
		expect(consentGate(JSON.stringify(typed))).toBeNull();
		expect(consentGate('not json')).toBeNull();
	});
});

describe.each(kinds)('%s store: progress', (kind) => {
	let db: TemporaryDatabase;
	let store: Store;
	let ani: string;
	beforeEach(async () => {
		db = await temporaryDatabase(kind);
		store = db.store;
		for (const version of ['2026-12-01', '2026-12-15'])
			await store.publishForm({
				id: 'household_migration',
				version,
				definition: definition(version),
				hash: `hash-${version}`,
				publishedAt: new Date().toISOString()
			});
		ani = (await store.createEnumerator('Ani', 'female', 'h-ani')).id;
		const aram = (await store.createEnumerator('Aram', 'male', 'h-aram')).id;
		await store.saveBatch(
			[
				interview('2026-12-01T06:00:00.000Z', 'chartar', 'completed'),
				interview('2026-12-01T07:00:00.000Z', 'chartar', 'refused', '2026-12-01'),
				interview('2026-12-01T08:00:00.000Z', 'martuni_town', 'brokenOff'),
				// 21:30 UTC on the 2nd is 01:30 on the 3rd in Yerevan.
				interview('2026-12-02T21:30:00.000Z', 'martuni_town', 'completed')
			],
			ani
		);
		await store.saveBatch(
			[
				interview('2026-12-02T08:00:00.000Z', 'chartar', 'completed', '2026-12-01'),
				interview('2026-12-02T09:00:00.000Z', 'martuni_town', 'completed'),
				// Refused at consent, then ended early: the refusal is what it was.
				interview('2026-12-03T09:00:00.000Z', 'chartar', 'refusedThenEnded')
			],
			aram
		);
		// Another form's interview counts for that form only.
		await store.saveBatch([{ ...interview('2026-12-01T06:00:00.000Z', 'chartar', 'completed'), formId: 'another' }], ani);
	});
	afterEach(() => db.dispose());

	const byEnumerator = [
		'2026-12-01 Ani brokenOff 1',
		'2026-12-01 Ani completed 1',
		'2026-12-01 Ani refused 1',
		'2026-12-02 Aram completed 2',
		'2026-12-03 Ani completed 1',
		'2026-12-03 Aram refused 1'
	];

	it('counts per day (server time zone), enumerator and outcome', async () => {
		const counts = await store.progressCounts({ formId: 'household_migration', by: 'enumerator' });
		expect(lines(counts)).toEqual(byEnumerator);
		expect(counts.find((c) => c.label === 'Ani')!.key).toBe(ani);
		expect(await store.progressDays('household_migration')).toEqual({ first: '2026-12-01', last: '2026-12-03' });
		expect(await store.progressDays('nothing')).toEqual({ first: null, last: null });
	});

	it('counts per settlement, and within the days asked', async () => {
		expect(lines(await store.progressCounts({ formId: 'household_migration', by: 'settlement' }))).toEqual([
			'2026-12-01 chartar completed 1',
			'2026-12-01 chartar refused 1',
			'2026-12-01 martuni_town brokenOff 1',
			'2026-12-02 chartar completed 1',
			'2026-12-02 martuni_town completed 1',
			'2026-12-03 chartar refused 1',
			'2026-12-03 martuni_town completed 1'
		]);
		const within = await store.progressCounts({ formId: 'household_migration', by: 'settlement', from: '2026-12-02', to: '2026-12-02' });
		expect(lines(within)).toEqual(['2026-12-02 chartar completed 1', '2026-12-02 martuni_town completed 1']);
	});

	it('keeps the targets a supervisor sets, each form apart, a new set replacing the old', async () => {
		expect(await store.getTargets('household_migration')).toEqual({ daily: null, settlements: {} });
		const set = { daily: 4, settlements: { chartar: 40, martuni_town: 120 } };
		expect(await store.setTargets('household_migration', set)).toEqual(set);
		expect(await store.getTargets('another')).toEqual({ daily: null, settlements: {} });
		expect(await store.setTargets('household_migration', { daily: null, settlements: { chartar: 35 } })).toEqual({
			daily: null,
			settlements: { chartar: 35 }
		});
		expect(await (await db.open()).getTargets('household_migration')).toEqual({ daily: null, settlements: { chartar: 35 } });
	});

	it('fills the outcome of submissions stored before its migration', async () => {
		await store.close();
		const back = kind === 'sqlite' ? 'PRAGMA user_version = 10;' : 'DELETE FROM schema_migrations WHERE version = 12;';
		await db.exec(`DROP INDEX submissions_progress;
			DROP TABLE progress_targets;
			ALTER TABLE submissions DROP COLUMN outcome;
			${back}`);
		const again = await db.open();
		expect(lines(await again.progressCounts({ formId: 'household_migration', by: 'enumerator' }))).toEqual(byEnumerator);
		expect(await again.getTargets('household_migration')).toEqual({ daily: null, settlements: {} });
	});
});
