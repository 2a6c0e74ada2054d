/** Publishing XLSForm workbooks through the registry, and writing published versions back, on both stores. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { currentForm } from '$lib/forms';
import { FormRegistry } from './forms';
import { publishWorkbook, workbookOf } from './forms-xlsform';
import { postgresUrl, temporaryDatabase, type TemporaryDatabase } from './storage/testing';
import type { Store } from './storage/types';

const kinds: Store['kind'][] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
const { id, version } = currentForm.definition;

/** A workbook edited as a team edits it in a spreadsheet: `change` gets each sheet and writes cells. */
async function edited(data: Uint8Array, change: (sheet: (name: string) => ExcelJS.Worksheet) => void): Promise<Uint8Array> {
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(data as unknown as ArrayBuffer);
	change((name) => book.getWorksheet(name)!);
	return new Uint8Array(await book.xlsx.writeBuffer());
}

/** The row of a survey question and the number of a column, by header. */
function find(sheet: ExcelJS.Worksheet, name: string, header: string): { row: number; col: number } {
	const headers = (sheet.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
	let row = 0;
	if (name)
		sheet.eachRow((r, n) => {
			if (r.getCell(headers.indexOf('name')).value === name) row = n;
		});
	return { row, col: headers.indexOf(header) };
}

describe.each(kinds)('%s: XLSForm workbooks through the registry', (kind) => {
	let db: TemporaryDatabase;
	let registry: FormRegistry;
	beforeEach(async () => {
		db = await temporaryDatabase(kind);
		registry = new FormRegistry(db.store);
		await registry.publishBuiltIn();
	});
	afterEach(() => db.dispose());

	it('the household questionnaire written as a workbook and published unchanged is the same content: 200', async () => {
		const data = await workbookOf(registry, id, version);
		expect(data).toBeDefined();
		expect(await publishWorkbook(registry, data!)).toEqual({ status: 200, body: { id, version } });
		expect(await workbookOf(registry, id, 'no-such-version')).toBeUndefined();
	});

	it('edited in a spreadsheet under a new version it is published (201), and the new version reads back as edited', async () => {
		const next = await edited((await workbookOf(registry, id, version))!, (sheet) => {
			const settings = sheet('settings');
			const at = find(settings, '', 'version');
			settings.getCell(2, at.col).value = '2027-01-15';
			const survey = sheet('survey');
			const age = find(survey, 'm_age', 'label::English (en)');
			survey.getCell(age.row, age.col).value = 'Age in full years';
		});
		expect(await publishWorkbook(registry, next)).toEqual({ status: 201, body: { id, version: '2027-01-15' } });
		const published = await registry.findForm(id, '2027-01-15');
		expect(published?.nodes.get('m_age')?.item.label?.en).toBe('Age in full years');
		// The same edit under the published version is other content: 409.
		const sameVersion = await edited(next, (sheet) => {
			const survey = sheet('survey');
			const age = find(survey, 'm_age', 'label::English (en)');
			survey.getCell(age.row, age.col).value = 'Age';
		});
		expect((await publishWorkbook(registry, sameVersion)).status).toBe(409);
	});

	it('what earlier versions forbid (a question given another type) is refused at its row and the type column', async () => {
		const changed = await edited((await workbookOf(registry, id, version))!, (sheet) => {
			const settings = sheet('settings');
			settings.getCell(2, find(settings, '', 'version').col).value = '2027-02-01';
			const survey = sheet('survey');
			const age = find(survey, 'm_age', 'type');
			survey.getCell(age.row, age.col).value = 'text';
		});
		const ageRow = find((await book((await workbookOf(registry, id, version))!)).getWorksheet('survey')!, 'm_age', 'type').row;
		const result = await publishWorkbook(registry, changed);
		expect(result.status).toBe(400);
		expect(result.body).toMatchObject({
			problems: [{ sheet: 'survey', row: ageRow, column: 'type', message: expect.stringMatching(/integer/) }]
		});
		expect(await registry.findForm(id, '2027-02-01')).toBeUndefined();
	});

	it('a file that is not a workbook is one problem for the whole file', async () => {
		const result = await publishWorkbook(registry, new TextEncoder().encode(JSON.stringify(currentForm.definition)));
		expect(result).toEqual({
			status: 400,
			body: {
				error: expect.stringMatching(/not an Excel workbook/),
				problems: [{ sheet: '', row: null, column: null, message: expect.stringMatching(/not an Excel workbook/) }]
			}
		});
	});
});

async function book(data: Uint8Array): Promise<ExcelJS.Workbook> {
	const b = new ExcelJS.Workbook();
	await b.xlsx.load(data as unknown as ArrayBuffer);
	return b;
}
