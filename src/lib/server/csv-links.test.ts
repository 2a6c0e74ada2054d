/**
 * Member links in the export: the cell under the link's name is the linked entry's line in
 * its repeat, and `<name>_key` right after it holds the key. Answers are written by hand with
 * their `_key`s: the export reads them, it does not run the engine's link logic.
 */
import { describe, expect, it } from 'vitest';
import { compileForm, type CompiledForm } from '$lib/form';
import { definitionOf, q, repeat } from '$lib/form/testing';
import { exportTables, tableCsv } from './csv';
import type { StoredSubmission } from './storage/types';
import { csvRecords as parse, csvRows } from '../../../tests/support/csv';

/**
 * A household form with links: the respondent (top level) and each member's spouse link
 * members; a migrant's receiver (inside member/migrant) links members; a member's main
 * migration (inside member) links that member's own migrant entries.
 */
function linkedForm(): CompiledForm {
	const link = (name: string, repeatName: string) => q.selectOne(name, '', { choices: undefined, link: repeatName });
	const compiled = compileForm({
		...definitionOf([
			link('respondent', 'member'),
			repeat('member', [
				q.text('m_name'),
				link('m_spouse', 'member'),
				repeat('migrant', [q.text('mig_dest'), link('mig_receiver', 'member')]),
				link('m_main_trip', 'migrant')
			]),
			q.text('notes')
		]),
		id: 'linked'
	});
	if (compiled.status !== 'ok') throw new Error(JSON.stringify(compiled.problems));
	return compiled.form;
}

const K = {
	arsen: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
	anahit: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b',
	gor: 'a3bb189e-8bf9-4888-9912-ace4e6543002',
	trip1: '16fd2706-8baf-433b-82eb-8c7fada847da',
	trip2: '886313e1-3b8a-4372-9b90-0c9aee199e5d'
};

function submission(answers: Record<string, unknown>): StoredSubmission {
	return {
		id: crypto.randomUUID(),
		formId: 'linked',
		formVersion: '1',
		deviceId: 'device-1',
		startedAt: '2026-12-15T08:00:00.000Z',
		finalizedAt: '2026-12-15T08:30:00.000Z',
		language: 'hy',
		answers,
		enumeratorId: null,
		enumeratorSex: null,
		receivedAt: '2026-12-15T09:00:00.000Z',
		reviewState: 'received' as const
	};
}

const household = () =>
	submission({
		respondent: K.anahit,
		member: [
			{
				_key: K.arsen,
				m_name: 'Arsen',
				m_spouse: K.anahit,
				migrant: [
					{ _key: K.trip1, mig_dest: 'Moscow', mig_receiver: K.anahit },
					{ _key: K.trip2, mig_dest: 'Krasnodar', mig_receiver: K.gor }
				],
				m_main_trip: K.trip2
			},
			{ _key: K.anahit, m_name: 'Anahit', m_spouse: K.arsen },
			{ _key: K.gor, m_name: 'Gor' }
		],
		notes: 'ok'
	});

describe('CSV export of member links', () => {
	const form = linkedForm();

	it('puts <name>_key right after each link column, in every table', () => {
		const tables = exportTables([form]);
		expect(tables.get('')).toEqual(['respondent', 'respondent_key', 'notes']);
		expect(tables.get('member')).toEqual(['m_name', 'm_spouse', 'm_spouse_key', 'm_main_trip', 'm_main_trip_key']);
		expect(tables.get('migrant')).toEqual(['mig_dest', 'mig_receiver', 'mig_receiver_key']);
		expect(csvRows(tableCsv([form], 'migrant', []))[0]).toEqual(['mig_dest', 'mig_receiver', 'mig_receiver_key', 'PARENT_KEY', 'KEY']);
	});

	it("writes the linked member's line number and key: top level, in members, and in a migrant entry", () => {
		const s = household();
		expect(parse(tableCsv([form], '', [s]))[0]).toMatchObject({ respondent: '2', respondent_key: K.anahit, notes: 'ok' });
		expect(parse(tableCsv([form], 'member', [s])).map((r) => [r.m_name, r.m_spouse, r.m_spouse_key])).toEqual([
			['Arsen', '2', K.anahit],
			['Anahit', '1', K.arsen],
			['Gor', '', '']
		]);
		expect(parse(tableCsv([form], 'migrant', [s])).map((r) => [r.mig_dest, r.mig_receiver, r.mig_receiver_key])).toEqual([
			['Moscow', '2', K.anahit],
			['Krasnodar', '3', K.gor]
		]);
	});

	it("counts a link to a nested repeat among the entries of the row's own enclosing entry", () => {
		const rows = parse(tableCsv([form], 'member', [household()]));
		expect(rows[0]).toMatchObject({ m_main_trip: '2', m_main_trip_key: K.trip2 });
	});

	it('finds the line by key, not by position: members reordered or deleted change the number, never the key', () => {
		const s = household();
		const members = s.answers.member as Record<string, unknown>[];
		// Arsen deleted: Anahit is now line 1; her link to him names no entry any more.
		s.answers.member = [members[1], members[2]];
		expect(parse(tableCsv([form], '', [s]))[0]).toMatchObject({ respondent: '1', respondent_key: K.anahit });
		expect(parse(tableCsv([form], 'member', [s]))[0]).toMatchObject({ m_name: 'Anahit', m_spouse: '', m_spouse_key: K.arsen });
	});

	it("keeps each submission's own members apart, and writes Don't know and Refused in both columns", () => {
		const a = household();
		const b = submission({
			respondent: { special: 'refused' },
			member: [{ _key: K.gor, m_name: 'Gor', m_spouse: { special: 'dont_know' } }]
		});
		const rows = parse(tableCsv([form], '', [a, b]));
		expect(rows.map((r) => [r.respondent, r.respondent_key])).toEqual([
			['2', K.anahit],
			['-2', '-2']
		]);
		expect(parse(tableCsv([form], 'member', [b]))[0]).toMatchObject({ m_spouse: '-1', m_spouse_key: '-1' });
	});
});
