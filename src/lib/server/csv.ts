import type { FormDefinition } from '$lib/form/schema';
import type { StoredSubmission } from './storage/types';

function cell(value: unknown): string {
	if (value === undefined || value === null) return '';
	const text = Array.isArray(value)
		? value.join(' ')
		: typeof value === 'object'
			? JSON.stringify(value)
			: String(value);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Question names of every version of the form, in first-seen order: one column each. */
export function exportColumns(versions: readonly FormDefinition[]): string[] {
	const names = new Set<string>();
	for (const form of versions) for (const q of form.questions) names.add(q.name);
	return [...names];
}

/**
 * One row per submission: a column per question, then KEY (the submission id), as ODK
 * exports do. UTF-8 without a byte-order mark, RFC 4180 quoting, CRLF line ends; a
 * question not answered is an empty cell.
 */
export function submissionsCsv(versions: readonly FormDefinition[], submissions: readonly StoredSubmission[]): string {
	const columns = exportColumns(versions);
	const lines = [[...columns, 'KEY'].map(cell).join(',')];
	for (const s of submissions) lines.push([...columns.map((c) => cell(s.answers[c])), cell(s.id)].join(','));
	return lines.join('\r\n') + '\r\n';
}
