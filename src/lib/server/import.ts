/**
 * POST /api/admin/import: a tablet's backup file (wire.ts, backupFileSchema). The finalized
 * and sent interviews are checked as sync checks a batch (checkBatch, in batches of
 * MAX_BATCH through the same checker) and saved through the store's sync path (one
 * duplicate rule), credited to the enumerator the file names; drafts go to a table of their
 * own. Everything is decided before anything is written, and written in one transaction: a
 * bad file stores nothing.
 */
import { backupFileSchema, BACKUP_FORMAT, BACKUP_VERSION, MAX_BATCH, type ImportResult, type ItemResult, type Submission } from '$lib/wire';
import { structuralProblems, type LimitError } from '$lib/wire-limits';
import { createdOf, type Arrived, type CheckedBatch } from './submissions';
import type { ImportedDraft, Store } from './storage/types';

/** Checks a sync batch body's text: the worker pool in the server, checkBatchText in tests. */
export type CheckBatchText = (text: string) => Promise<CheckedBatch>;

export type ImportResponse = { status: 200; body: ImportResult } | { status: 400; body: { error: string; problems: LimitError[] } };

/** Problems listed with a refused file, at most. */
const MAX_PROBLEMS = 50;

const refused = (error: string, problems: LimitError[] = [{ path: '', message: error }]): ImportResponse => ({
	status: 400,
	body: { error, problems: problems.slice(0, MAX_PROBLEMS) }
});

/** The file's own format and version first, so a newer file says so instead of listing its differences. */
function formatProblem(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the file is not a Tun backup (expected a JSON object)';
	const { format, version } = value as Record<string, unknown>;
	if (format !== BACKUP_FORMAT) return `the file is not a Tun backup (its "format" is not "${BACKUP_FORMAT}")`;
	if (typeof version === 'number' && version > BACKUP_VERSION)
		return `the backup is version ${version}, made by a newer Tun: this server reads version ${BACKUP_VERSION}; update the server first`;
	return undefined;
}

/** Imports a backup file's text; `arrived` then sees the submissions it created (as sync's saveChecked does). */
export async function importBackup(text: string, store: Store, check: CheckBatchText, arrived?: Arrived): Promise<ImportResponse> {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return refused('the file is not valid JSON: is it a Tun backup file?');
	}
	const wrongFormat = formatProblem(value);
	if (wrongFormat) return refused(wrongFormat);
	const parsed = backupFileSchema.safeParse(value);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
		const first = problems[0];
		return refused(`the backup file is not valid: ${first.path ? `${first.path}: ` : ''}${first.message}`, problems);
	}
	const file = parsed.data;

	const { id: enumeratorId, name } = file.enumerator;
	if (enumeratorId === null) {
		return refused(
			`the backup does not name its enumerator's id (${name ?? 'no name'}): the tablet never heard it from the server, so its interviews cannot be credited`
		);
	}
	if (!(await store.listEnumerators()).some((e) => e.id === enumeratorId)) {
		return refused(
			`unknown enumerator: this server has no enumerator with the id "${enumeratorId}" (${name ?? 'no name'}) that the backup names; import it on the server that set the tablet up`
		);
	}

	// Drafts: the structural limits of the sync contract (no NUL, no lone surrogate, bounded sizes), so every store can keep them.
	const drafts: Omit<ImportedDraft, 'importedAt'>[] = [];
	const draftProblems: LimitError[] = [];
	file.interviews.forEach((entry, n) => {
		if (entry.submission !== undefined || !entry.draft) return;
		const list = structuralProblems(entry.draft);
		for (const e of list.errors) draftProblems.push({ path: `interviews.${n}.draft${e.path ? `.${e.path}` : ''}`, message: e.message });
		const d = entry.draft;
		drafts.push({
			id: d.id,
			formId: d.formId,
			formVersion: d.formVersion,
			deviceId: d.deviceId,
			enumeratorId,
			updatedAt: d.updatedAt,
			content: JSON.stringify(entry.draft)
		});
	});
	if (draftProblems.length)
		return refused(`a draft in the file breaks a limit: ${draftProblems[0].path}: ${draftProblems[0].message}`, draftProblems);

	// Finalized and sent interviews: checked exactly as sync checks a batch, MAX_BATCH at a time.
	const sent = file.interviews.filter((e) => e.submission !== undefined).map((e) => e.submission);
	const results: ItemResult[] = [];
	const valid: { index: number; submission: Submission }[] = [];
	for (let start = 0; start < sent.length; start += MAX_BATCH) {
		const checked = await check(JSON.stringify({ submissions: sent.slice(start, start + MAX_BATCH) }));
		if (checked.status === 400) return refused(`the interviews could not be checked: ${checked.error}`);
		for (const v of checked.valid) valid.push({ index: results.length + v.index, submission: v.submission });
		results.push(...checked.results);
	}

	const outcomes = await store.importBackup(
		valid.map((v) => v.submission),
		enumeratorId,
		drafts
	);
	valid.forEach((v, i) => (results[v.index] = { id: v.submission.id, status: outcomes[i] }));
	await arrived?.(
		createdOf(
			valid.map((v) => v.submission),
			outcomes
		)
	);
	return { status: 200, body: { results, drafts: drafts.length } };
}
