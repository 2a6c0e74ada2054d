/** The form registry and the validation threads' form protocol, on both stores. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forms } from '$lib/forms';
import { ADDED_QUESTION, revisedHousehold } from '../../../tests/support/forms';
import { FormRegistry } from './forms';
import { postgresUrl, temporaryDatabase, type TemporaryDatabase } from './storage/testing';
import type { Store } from './storage/types';
import { checkBatchOffThread } from './validation/pool';
import { createChecker } from './validation/task';

const kinds: Store['kind'][] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
const builtIn = forms[0].definition;
/** Every built-in version, oldest first: the server publishes them all at start. */
const builtInVersions = forms.map((f) => f.definition.version);

function refusal(formVersion: string, answers: Record<string, unknown> = {}) {
	return {
		id: crypto.randomUUID(),
		formId: builtIn.id,
		formVersion,
		deviceId: 'registry-test',
		startedAt: '2026-12-02T08:00:00Z',
		finalizedAt: '2026-12-02T08:10:00Z',
		language: 'en',
		answers: { site_type: 'armenia', settlement: 'yerevan', consent: 'no', ...answers }
	};
}

describe.each(kinds)('%s: the form registry', (kind) => {
	let db: TemporaryDatabase;
	let registry: FormRegistry;
	beforeEach(async () => {
		db = await temporaryDatabase(kind);
		registry = new FormRegistry(db.store);
		await registry.publishBuiltIn();
	});
	afterEach(() => db.dispose());

	it('publishes the built-in questionnaire once, however often the server starts', async () => {
		await registry.publishBuiltIn();
		await new FormRegistry(await db.open()).publishBuiltIn();
		const list = await registry.list();
		expect(list).toEqual(
			forms.map(({ definition: d }) => ({ id: d.id, version: d.version, title: d.title, publishedAt: expect.any(String) }))
		);
	});

	it('answers 201, then 200 for the same content, 409 for other content, 400 with every problem', async () => {
		const revised = revisedHousehold('2027-01-15');
		expect(await registry.publish(JSON.stringify(revised))).toEqual({ status: 201, body: { id: builtIn.id, version: '2027-01-15' } });
		expect(await registry.publish(JSON.stringify(revised, null, 2))).toEqual({
			status: 200,
			body: { id: builtIn.id, version: '2027-01-15' }
		});
		const changed = { ...revised, title: { hy: 'Այլ', ru: 'Другое', en: 'Other' } };
		const conflict = await registry.publish(JSON.stringify(changed));
		expect(conflict.status).toBe(409);
		const broken = {
			...revised,
			version: '2027-02-01',
			items: [
				{ type: 'integer', name: 'x y' },
				{ type: 'select_one', name: 'z', choices: 'nope' }
			]
		};
		const refused = await registry.publish(JSON.stringify(broken));
		expect(refused.status).toBe(400);
		const problems = (refused.body as { problems: { path: string }[] }).problems;
		expect(problems.length).toBeGreaterThanOrEqual(2);
		expect(problems.map((p) => p.path)).toEqual(
			expect.arrayContaining([expect.stringMatching(/^items\.0/), expect.stringMatching(/^items\.1/)])
		);
		expect((await registry.list()).map((f) => f.version)).toEqual([...builtInVersions, '2027-01-15']);
	});

	it('refuses (400, every problem) a version that gives a published question another type or a value another code', async () => {
		type Definition = { items: { name: string; items: { name: string; type: string }[] }[]; choices: Record<string, { code?: number }[]> };
		// Codes added where the first version had none: accepted.
		const coded = revisedHousehold('2027-01-15') as unknown as Definition;
		coded.choices.sex.forEach((c, i) => (c.code = i + 1));
		expect((await registry.publish(JSON.stringify(coded))).status).toBe(201);
		const retyped = structuredClone(coded) as Definition & { version: string };
		retyped.version = '2027-02-01';
		retyped.items[0].items[2].type = 'integer'; // settlement_other, a text
		retyped.choices.sex.reverse().forEach((c, i) => (c.code = i + 1));
		const refused = await registry.publish(JSON.stringify(retyped));
		// Codes belong to a question's values: each question on the sex list has its own two.
		const onSex = [...(await registry.findForm(builtIn.id, '2027-01-15'))!.nodes.values()]
			.filter((n) => 'choices' in n.item && n.item.choices === 'sex')
			.map((n) => n.name);
		expect(onSex).toEqual(expect.arrayContaining(['resp_sex', 'm_sex']));
		// The first version that coded the sex list is named: a built-in one when it has codes (version 2 does).
		const firstCoded = forms.find((f) => f.definition.choices.sex?.some((c) => c.code !== undefined))?.definition.version ?? '2027-01-15';
		expect(refused).toEqual({
			status: 400,
			body: {
				error: `the definition changes ${1 + 2 * onSex.length} things that earlier versions of "${builtIn.id}" published`,
				problems: [
					{ path: 'items.0.items.2.type', message: expect.stringContaining('"settlement_other" has type text in version "2026-12-01"') },
					...onSex.flatMap((q) =>
						['female', 'male'].map((value, i) => ({
							path: `choices.sex.${i}.code`,
							message: expect.stringContaining(`"${q}": the value "${value}" has code ${2 - i} in version "${firstCoded}"`)
						}))
					)
				]
			}
		});
		expect((await registry.list()).map((f) => f.version)).toEqual([...builtInVersions, '2027-01-15']);
		// Publishing a published version again is still the store's to answer, whatever it holds.
		expect((await registry.publish(JSON.stringify(coded))).status).toBe(200);
	});

	it('refuses (400) a version whose export would derive a column name over 32 characters, naming the question', async () => {
		type Definition = { items: { name: string; items: { name: string; type: string }[] }[] };
		const revised = revisedHousehold('2027-01-15') as unknown as Definition;
		const gps = revised.items.flatMap((g) => g.items ?? []).find((q) => q.type === 'geopoint')!;
		const long = 'location_of_the_dwelling_today'; // 30 characters: "_latitude" makes 39
		const text = JSON.stringify(revised).replaceAll(`"${gps.name}"`, `"${long}"`).replaceAll(`{${gps.name}}`, `{${long}}`);
		const refused = await registry.publish(text);
		expect(refused.status).toBe(400);
		expect(JSON.stringify(refused.body)).toContain(`"${long}_latitude\\" after \\"${long}\\" (39 characters, at most 32)`);
		expect((await registry.list()).map((f) => f.version)).toEqual(builtInVersions);
	});

	it('another instance on the same store finds a version it did not publish, and keeps the text as published', async () => {
		const text = JSON.stringify(revisedHousehold('2027-01-15'), null, '\t');
		await registry.publish(text);
		const other = new FormRegistry(await db.open());
		expect((await other.find(builtIn.id, '2027-01-15'))?.text).toBe(text);
		expect(await other.find(builtIn.id, '2099-01-01')).toBeUndefined();
		const versions = await other.versionsOf(builtIn.id);
		expect(versions.map((f) => f.definition.version)).toEqual([...builtInVersions, '2027-01-15']);
		expect(versions.at(-1)!.nodes.has(ADDED_QUESTION)).toBe(true);
	});

	it('checks each submission against the version it names, published ones included', async () => {
		await new FormRegistry(await db.open()).publish(JSON.stringify(revisedHousehold('2027-01-15')));
		const batch = {
			submissions: [
				refusal('2027-01-15', { [ADDED_QUESTION]: 'came twice' }),
				refusal(builtIn.version),
				refusal(builtIn.version, { [ADDED_QUESTION]: 'not in this version' }),
				refusal('2099-01-01')
			]
		};
		const checked = await checkBatchOffThread(JSON.stringify(batch), (refs) => registry.texts(refs));
		expect(checked.status).toBe(200);
		const results = checked.status === 200 ? checked.results : [];
		expect(results.map((r) => r.status)).toEqual(['created', 'created', 'invalid', 'invalid']);
		expect(results[3].errors).toEqual([
			{ path: 'formVersion', message: `this server does not know form "${builtIn.id}" version "2099-01-01"` }
		]);
	});
});

describe('a validation thread', () => {
	it('asks for every version a batch names when it lacks one, and keeps what it was given', () => {
		const check = createChecker();
		const text = JSON.stringify({ submissions: [refusal(builtIn.version), refusal('9'), { formId: 1 }] });
		expect(check({ text })).toEqual({
			needs: [
				{ id: builtIn.id, version: builtIn.version },
				{ id: builtIn.id, version: '9' }
			]
		});
		const definitions = [
			{ id: builtIn.id, version: builtIn.version, text: JSON.stringify(builtIn) },
			{ id: builtIn.id, version: '9', text: null }
		];
		const first = check({ text, definitions });
		expect('results' in first && first.results.map((r) => r.status)).toEqual(['created', 'invalid', 'invalid']);
		// It compiled the built-in version once and kept it; the unknown one it must be told about again.
		expect('results' in check({ text: JSON.stringify({ submissions: [refusal(builtIn.version)] }) })).toBe(true);
		expect(check({ text })).toHaveProperty('needs');
		expect(check({ text: '{' })).toEqual({ status: 400, error: 'the request body is not valid JSON' });
	});
});
