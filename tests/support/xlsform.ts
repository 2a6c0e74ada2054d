/** XLSForm workbooks built in tests, as a team's spreadsheet would be: each sheet a header row and its rows. */
import ExcelJS from 'exceljs';

export type Rows = (string | number | null)[][];

export async function xlsform(sheets: { survey: Rows; choices?: Rows; settings?: Rows }): Promise<Buffer> {
	const book = new ExcelJS.Workbook();
	for (const [name, rows] of Object.entries(sheets)) {
		if (!rows) continue;
		const sheet = book.addWorksheet(name);
		for (const row of rows) sheet.addRow(row.map((cell) => cell ?? undefined));
	}
	return Buffer.from(await book.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
