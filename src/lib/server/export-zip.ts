/**
 * The export archive, `<formId>.zip`, in ODK Central's layout: `<formId>.csv` (a row per
 * submission) and `<formId>-<repeat>.csv` (a row per entry, PARENT_KEY and KEY), with
 * ODK Central's names for the interview's details and a ReviewState; choice cells hold the
 * choice's numeric code (or a label, with `labels`); the identifying columns (any version
 * marking the question) apart in `<formId>[-<repeat>]-identifying.csv` (KEY and those
 * columns), or left out; `codebook.csv` of the form's versions; the paradata in
 * `<formId>-audit.csv` (export-audit.ts); the Stata, SPSS and R scripts (export-scripts.ts).
 */
import { strToU8, Zip, ZipDeflate } from 'fflate';
import { isContainer, type CompiledForm } from '$lib/form';
import { codebookCsv, codebookLanguages, instanceNameIdentifies } from './codebook';
import {
	csvHeader,
	csvRecords,
	exportColumns,
	exportTables,
	tableFile,
	tableRows,
	type Column,
	type ColumnStats,
	type ExportOptions
} from './csv';
import { auditHeader, auditRecords } from './export-audit';
import { statisticsScripts, type ScriptTable } from './export-scripts';
import { pagesOf, turn, type SubmissionSource } from './export-source';
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

/** The query parameters of the export (a public contract), checked against the form's versions; a string is what is wrong. */
export function archiveOptions(query: URLSearchParams, versions: readonly CompiledForm[]): ArchiveOptions | string {
	const labels = query.get('labels');
	const spoken = codebookLanguages(versions);
	if (labels !== null && !spoken.includes(labels)) return `labels must be one of the form's languages: ${spoken.join(', ')}`;
	return {
		odk: true,
		codes: true,
		labels: labels ?? undefined,
		caucasusBarometerCodes: query.get('codes') === 'cb',
		bom: query.get('bom') === '1',
		identifying: query.get('identifying') !== '0',
		splitMultiple: query.get('split_multiple') === '1',
		splitGeo: query.get('split_geo') === '1'
	};
}

const BOM = '\uFEFF';

/**
 * One file of the archive: its start (the header, after the byte-order mark) and, for a
 * file with a row per submission or entry, how a page of submissions is written: a file is
 * made page by page as it is read, and only the page in hand is ever in memory.
 */
export interface ArchivePart {
	name: string;
	head: string;
	page?: (submissions: readonly StoredSubmission[]) => string;
}

/**
 * The archive's files in order: the tables (their cells' stats gathered on the way), the
 * paradata, the codebook, then the scripts, which read the stats. Write every page of a
 * part before asking for the next part. The columns come from the definitions alone, so a
 * file's header is known before its first row.
 */
export function* archiveParts(versions: readonly CompiledForm[], options: ArchiveOptions = {}): Generator<ArchivePart> {
	options = { ...options, odk: true, codes: true };
	const formId = versions[0].definition.id;
	const secret = identifyingNames(versions);
	const scripted: ScriptTable[] = [];
	const bom = options.bom ? BOM : '';
	for (const name of exportTables(versions).keys()) {
		const columns = exportColumns(versions, name, options);
		const identifying = (c: Column) => c.question !== undefined && secret.has(c.question);
		const part = (file: string, pick: Column[]): ArchivePart => {
			const stats: ColumnStats[] = [];
			scripted.push({ file, columns: pick, stats });
			return {
				name: file,
				head: bom + csvHeader(pick, stats),
				page: (submissions) => csvRecords(tableRows(versions, name, submissions), pick, stats)
			};
		};
		yield part(
			tableFile(formId, name),
			columns.filter((c) => !identifying(c))
		);
		const apart = columns.filter(identifying);
		if (apart.length && options.identifying !== false) {
			yield part(identifyingFile(formId, name), [columns.find((c) => c.name === 'KEY')!, ...apart]);
		}
	}
	yield { name: `${formId}-audit.csv`, head: bom + auditHeader(), page: (submissions) => auditRecords(submissions, secret) };
	yield { name: 'codebook.csv', head: bom + codebookCsv(versions, true) };
	// The scripts label codes: with labels in the cells there are none to label.
	if (options.labels) return;
	for (const [name, text] of statisticsScripts(versions, scripted, Boolean(options.bom))) yield { name, head: text };
}

/** The names of the archive's files, in the order it writes them. */
export const archiveNames = (versions: readonly CompiledForm[], options: ArchiveOptions = {}): string[] =>
	[...archiveParts(versions, options)].map((part) => part.name);

/** The archive's files by name, as text (tests; a source of sync pages only). */
export function archiveFiles(
	versions: readonly CompiledForm[],
	submissions: readonly StoredSubmission[],
	options: ArchiveOptions = {}
): Map<string, string> {
	const files = new Map<string, string>();
	for (const part of archiveParts(versions, options)) files.set(part.name, part.head + (part.page?.(submissions) ?? ''));
	return files;
}

/**
 * The archive as zip bytes, made piece by piece as they are read: a page of submissions is
 * written and compressed at a time, and the event loop gets a turn between pages, so other
 * requests are answered while a large export is written. Nothing is read before the
 * consumer asks for the next piece (backpressure: the route pulls).
 */
export async function* archiveStream(
	versions: readonly CompiledForm[],
	source: SubmissionSource,
	options: ArchiveOptions = {}
): AsyncGenerator<Uint8Array> {
	const out: Uint8Array[] = [];
	let failure: Error | null = null;
	const zip = new Zip((error, data) => {
		if (error) failure = error;
		else out.push(data);
	});
	for (const part of archiveParts(versions, options)) {
		const file = new ZipDeflate(part.name, { level: 6 });
		zip.add(file);
		file.push(strToU8(part.head));
		if (part.page) {
			for await (const page of pagesOf(source)) {
				file.push(strToU8(part.page(page)));
				if (failure) throw failure;
				while (out.length) yield out.shift()!;
				await turn();
			}
		}
		file.push(new Uint8Array(0), true);
		if (failure) throw failure;
		while (out.length) yield out.shift()!;
		await turn();
	}
	zip.end();
	if (failure) throw failure;
	while (out.length) yield out.shift()!;
}

/** The whole archive as zip bytes (tests; the route streams it). */
export async function exportArchive(
	versions: readonly CompiledForm[],
	source: SubmissionSource,
	options: ArchiveOptions = {}
): Promise<Uint8Array> {
	const chunks: Uint8Array[] = [];
	for await (const chunk of archiveStream(versions, source, options)) chunks.push(chunk);
	return new Uint8Array(Buffer.concat(chunks));
}
