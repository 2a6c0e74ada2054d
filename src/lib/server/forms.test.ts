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
