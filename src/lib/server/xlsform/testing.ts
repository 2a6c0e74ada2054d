/** Small XLSForm workbooks for tests, a row per object: `label: 'Age'` fills label::… in hy, ru and en as testing.ts's tr() does. */
import ExcelJS from 'exceljs';

export type Cell = ExcelJS.CellValue;
export type Rows = Record<string, Cell>[];

export const languageTags = ['Հայերեն (hy)', 'Русский (ru)', 'English (en)'];
const translated = ['label', 'hint', 'constraint_message'];

/** A row's cells by column; a translated column given one text is spread over the three languages. */
function expand(row: Record<string, Cell>): Record<string, Cell> {
	const out: Record<string, Cell> = {};
	for (const [key, value] of Object.entries(row)) {
		if (translated.includes(key) && typeof value === 'string') {
			const texts = [`${value} (hy)`, `${value} (ru)`, value];
			languageTags.forEach((tag, i) => (out[`${key}::${tag}`] = texts[i]));
		} else out[key] = value;
	}
	return out;
}

/** A sheet from rows: headers in the order first met (or as given), then a row each; `null` for a blank row. */
export function sheet(rows: (Record<string, Cell> | null)[], headers?: string[]): Cell[][] {
	const expanded = rows.map((r) => (r ? expand(r) : null));
	const columns = headers ?? [...new Set(expanded.flatMap((r) => Object.keys(r ?? {})))];
	return [columns, ...expanded.map((r) => (r ? columns.map((c) => r[c] ?? null) : []))];
}

/** A workbook of the given sheets, each rows of cells (the first row the headers). */
export async function workbook(sheets: Record<string, Cell[][]>): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	for (const [name, rows] of Object.entries(sheets)) {
		const ws = wb.addWorksheet(name);
		rows.forEach((cells, i) => cells.forEach((value, j) => value !== null && (ws.getCell(i + 1, j + 1).value = value)));
	}
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The cells of a written workbook: each sheet's rows as arrays of values (1-based columns dropped). */
export async function cellsOf(data: Uint8Array): Promise<Record<string, Cell[][]>> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(data as unknown as ArrayBuffer);
	const out: Record<string, Cell[][]> = {};
	for (const ws of wb.worksheets) {
		out[ws.name] = [];
		ws.eachRow({ includeEmpty: true }, (row, n) => {
			const values = row.values as Cell[];
			out[ws.name][n - 1] = values.slice(1).map((v) => v ?? null);
		});
	}
	return out;
}
