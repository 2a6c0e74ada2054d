import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { MAX_ENTRIES, MAX_UNPACKED_BYTES, unpackWorkbook } from './unpack';

async function workbook(): Promise<Uint8Array> {
	const book = new ExcelJS.Workbook();
	book.addWorksheet('survey').addRow(['type', 'name', 'label']);
	book.getWorksheet('survey')!.addRow(['text', 'village', 'Village']);
	return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('an uploaded workbook is unpacked within limits before a spreadsheet library reads it', () => {
	it('a workbook written by a spreadsheet library comes out readable, cell for cell', async () => {
		const unpacked = unpackWorkbook(await workbook());
		expect(unpacked.ok).toBe(true);
		if (!unpacked.ok) return;
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(unpacked.archive as unknown as ArrayBuffer);
		expect(book.getWorksheet('survey')!.getRow(2).values).toEqual([undefined, 'text', 'village', 'Village']);
	});

	it('a small archive that unpacks past the limit is refused, without unpacking it all', () => {
		const bomb = zipSync(
			{ '[Content_Types].xml': new Uint8Array(10), 'xl/worksheets/sheet1.xml': new Uint8Array(MAX_UNPACKED_BYTES * 2) },
			{ level: 9 }
		);
		expect(bomb.length).toBeLessThan(MAX_UNPACKED_BYTES / 50);
		expect(unpackWorkbook(bomb)).toEqual({ ok: false, message: expect.stringMatching(/unpacks to more than 32 MB/) });
	});

	it('an archive whose headers understate its sizes is still stopped at the limit: real bytes are counted', () => {
		const bomb = zipSync({ '[Content_Types].xml': new Uint8Array(10), 'big.xml': new Uint8Array(MAX_UNPACKED_BYTES + 1) }, { level: 9 });
		// Rewrite every declared uncompressed size (local headers and central directory) to 1 byte.
		const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
		for (let at = 0; at + 4 <= bomb.length; at++) {
			const signature = view.getUint32(at, true);
			if (signature === 0x04034b50) view.setUint32(at + 22, 1, true);
			if (signature === 0x02014b50) view.setUint32(at + 24, 1, true);
		}
		const unpacked = unpackWorkbook(bomb);
		expect(unpacked.ok).toBe(false);
	});

	it('an archive of very many files is refused', () => {
		const files: Record<string, Uint8Array> = { '[Content_Types].xml': new Uint8Array(1) };
		for (let i = 0; i < MAX_ENTRIES + 1; i++) files[`f${i}.xml`] = new Uint8Array(1);
		expect(unpackWorkbook(zipSync(files))).toEqual({ ok: false, message: expect.stringMatching(/more than 200 files/) });
	});

	it('what is not a workbook says so: plain text, a JSON definition, a zip that is not a spreadsheet, a truncated workbook', async () => {
		const notWorkbook = { ok: false, message: expect.stringMatching(/not an Excel workbook \(\.xlsx\)/) };
		expect(unpackWorkbook(new TextEncoder().encode('type,name,label\ntext,village,Village'))).toEqual(notWorkbook);
		expect(unpackWorkbook(new TextEncoder().encode('{"id":"f"}'))).toEqual(notWorkbook);
		expect(unpackWorkbook(new Uint8Array())).toEqual(notWorkbook);
		expect(unpackWorkbook(zipSync({ 'readme.txt': new Uint8Array(3) }))).toEqual(notWorkbook);
		const whole = await workbook();
		expect(unpackWorkbook(whole.subarray(0, Math.floor(whole.length / 2)))).toEqual(notWorkbook);
	});
});
