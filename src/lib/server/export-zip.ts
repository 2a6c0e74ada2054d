/**
 * The export archive, `<formId>.zip`, in ODK Central's layout: `<formId>.csv` (a row per
 * submission) and `<formId>-<repeat>.csv` (a row per entry, PARENT_KEY and KEY), with
 * ODK Central's names for the interview's details and a ReviewState; choice cells hold the
 * choice's numeric code (or a label, with `labels`); the identifying columns (any version
 * marking the question) apart in `<formId>[-<repeat>]-identifying.csv` (KEY and those
 * columns), or left out; `codebook.csv` of the form's versions; the paradata in
 * `<formId>-audit.csv` (export-audit.ts); the Stata, SPSS and R scripts (export-scripts.ts).
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { isContainer, languages, type CompiledForm, type Language } from '$lib/form';
import { codebookCsv, instanceNameIdentifies } from './codebook';
import { csvOf, exportTable, exportTables, tableFile, type Column, type ColumnStats, type ExportOptions } from './csv';
import { auditCsv } from './export-audit';
import { statisticsScripts, type ScriptTable } from './export-scripts';
import type { StoredSubmission } from './storage/types';

export interface ArchiveOptions extends ExportOptions {
	/** Start every CSV with a UTF-8 byte-order mark (Excel reads UTF-8 then). */
	bom?: boolean;
	/** false: no identifying column anywhere, not even in the identifying tables. */
	identifying?: boolean;
}

/** The file of a table's identifying columns: `<formId>-identifying.csv` or `<formId>-<repeat>-identifying.csv`. */
export const identifyingFile = (formId: string, table: string): string => tableFile(formId, table).replace(/\.csv$/, '-identifying.csv');

/** The names whose values identify a person: questions any version marks, and instance_name when it reads one. */
export function identifyingNames(versions: readonly CompiledForm[]): Set<string> {
	const names = new Set<string>();
	for (const form of versions) {
		for (const node of form.nodes.values()) if (!isContainer(node.item) && node.item.identifying) names.add(node.item.name);
	}
	if (versions.some(instanceNameIdentifies)) names.add('instance_name');
	return names;
}

/** The query parameters of the export (a public contract), checked; a string is what is wrong. */
export function archiveOptions(query: URLSearchParams): ArchiveOptions | string {
	const labels = query.get('labels');
	if (labels !== null && !languages.includes(labels as Language)) return `labels must be one of ${languages.join(', ')}`;
	return {
		odk: true,
		codes: true,
		labels: (labels as Language | null) ?? undefined,
		caucasusBarometerCodes: query.get('codes') === 'cb',
		bom: query.get('bom') === '1',
		identifying: query.get('identifying') !== '0',
		splitMultiple: query.get('split_multiple') === '1',
		splitGeo: query.get('split_geo') === '1'
	};
}

const BOM = '\uFEFF';

/** The archive's files by name, as text. */
export function archiveFiles(
	versions: readonly CompiledForm[],
	submissions: readonly StoredSubmission[],
	options: ArchiveOptions = {}
): Map<string, string> {
	options = { ...options, odk: true, codes: true };
	const formId = versions[0].definition.id;
	const secret = identifyingNames(versions);
	const files = new Map<string, string>();
	const scripted: ScriptTable[] = [];
	const bom = options.bom ? BOM : '';
	for (const name of exportTables(versions).keys()) {
		const table = exportTable(versions, name, submissions, options);
		const identifying = (c: Column) => c.question !== undefined && secret.has(c.question);
		const write = (file: string, columns: Column[]) => {
			const stats: ColumnStats[] = [];
			files.set(file, bom + csvOf(table, columns, stats));
			scripted.push({ file, columns, stats });
		};
		write(
			tableFile(formId, name),
			table.columns.filter((c) => !identifying(c))
		);
		const apart = table.columns.filter(identifying);
		if (apart.length && options.identifying !== false) {
			write(identifyingFile(formId, name), [table.columns.find((c) => c.name === 'KEY')!, ...apart]);
		}
	}
	files.set(`${formId}-audit.csv`, bom + auditCsv(submissions, secret));
	files.set('codebook.csv', bom + codebookCsv(versions, true));
	// The scripts label codes: with labels in the cells there are none to label.
	if (!options.labels) for (const [file, text] of statisticsScripts(versions, scripted, Boolean(options.bom))) files.set(file, text);
	return files;
}

/** The archive as zip bytes. */
export function exportArchive(
	versions: readonly CompiledForm[],
	submissions: readonly StoredSubmission[],
	options: ArchiveOptions = {}
): Uint8Array {
	const zippable: Zippable = {};
	for (const [name, text] of archiveFiles(versions, submissions, options)) zippable[name] = strToU8(text);
	return zipSync(zippable, { level: 6 });
}
