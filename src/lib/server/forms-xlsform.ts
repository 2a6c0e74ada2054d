/**
 * Questionnaires as XLSForm workbooks at the server's edge: a workbook published through
 * POST /api/admin/forms becomes a definition and goes through the same publishing as JSON
 * (forms.ts: compile, compatibility with earlier versions, derived names, one duplicate rule);
 * a published version is written back as a workbook. Every refusal is told where a spreadsheet
 * user sees it: sheet, row and column header.
 */
import type { XlsformProblem } from '$lib/wire';
import type { FormRegistry } from './forms';
import { readXlsForm, writeXlsForm } from './xlsform';
import { unpackWorkbook } from './xlsform/unpack';

export type WorkbookPublishResult =
	| { status: 201 | 200; body: { id: string; version: string } }
	| { status: 409; body: { error: string } }
	| { status: 400; body: { error: string; problems: XlsformProblem[] } };

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** Publishes an XLSForm workbook (its bytes as uploaded). */
export async function publishWorkbook(registry: FormRegistry, bytes: Uint8Array): Promise<WorkbookPublishResult> {
	const read = await checkWorkbook(bytes);
	if (read.status === 'invalid') {
		const [only] = read.problems;
		const whole = read.problems.length === 1 && only.row === null && only.column === null;
		const error = whole ? only.message : `the XLSForm has ${count(read.problems.length, 'problem')}`;
		return { status: 400, body: { error, problems: read.problems } };
	}
	const result = await registry.publish(JSON.stringify(read.definition, null, '\t'));
	if (result.status !== 400) return result;
	// Refused by what lies beyond one file (earlier versions, derived names): told at the cells.
	return { status: 400, body: { error: result.body.error, problems: read.locate(result.body.problems) } };
}

/** A published version as an XLSForm workbook, or undefined when nobody published it. */
export async function workbookOf(registry: FormRegistry, id: string, version: string): Promise<Uint8Array | undefined> {
	const known = await registry.find(id, version);
	return known && writeXlsForm(known.form.definition);
}

/** One problem as a line a spreadsheet user acts on: "survey, row 14, column relevant: …". */
export function problemLine(p: XlsformProblem): string {
	const where = [p.sheet || 'the file', p.row === null ? '' : `row ${p.row}`, p.column === null ? '' : `column ${p.column}`];
	return `${where.filter(Boolean).join(', ')}: ${p.message}`;
}

/** Reads a workbook as publishing would (the unpacking limits, the reader, the compiler), without a server. */
export async function checkWorkbook(bytes: Uint8Array) {
	const unpacked = unpackWorkbook(bytes);
	if (!unpacked.ok) return { status: 'invalid' as const, problems: [{ sheet: '', row: null, column: null, message: unpacked.message }] };
	return readXlsForm(unpacked.archive);
}
