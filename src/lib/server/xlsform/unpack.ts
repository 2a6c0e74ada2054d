/**
 * An uploaded spreadsheet is a zip archive, and a zip of a few hundred kilobytes can unpack to
 * gigabytes. Before any spreadsheet library sees an upload, it is unpacked here with the real
 * bytes counted as they come (the sizes an archive declares may lie), a little input at a
 * time so no single step can produce much, and stopped at the limit. The library then reads
 * the archive packed again from exactly what was counted, never the upload itself.
 */
import { Unzip, UnzipInflate, zipSync, type Zippable } from 'fflate';

/** The most an uploaded workbook may unpack to: a 5,000-question XLSForm is a few megabytes. */
export const MAX_UNPACKED_BYTES = 32 * 1024 * 1024;
/** The most files a workbook may hold: an XLSForm has about ten. */
export const MAX_ENTRIES = 200;
/** Input given to the inflater per step: deflate's best ratio is about 1:1032, so a step unpacks at most ~16 MB. */
const STEP = 16 * 1024;

export type Unpacked = { ok: true; archive: Uint8Array } | { ok: false; message: string };

const NOT_A_WORKBOOK = 'the file is not an Excel workbook (.xlsx): save the XLSForm from Excel or LibreOffice as .xlsx';

export function unpackWorkbook(data: Uint8Array): Unpacked {
	const files: Record<string, Uint8Array[]> = {};
	let total = 0;
	let entries = 0;
	let refusal: string | undefined;
	const unzip = new Unzip((file) => {
		if (refusal) return;
		if (++entries > MAX_ENTRIES) {
			refusal = `the workbook holds more than ${MAX_ENTRIES} files: it is not an XLSForm`;
			return;
		}
		const chunks: Uint8Array[] = (files[file.name] = []);
		file.ondata = (error, chunk) => {
			if (refusal) return;
			if (error) {
				refusal = NOT_A_WORKBOOK;
				return;
			}
			total += chunk.length;
			if (total > MAX_UNPACKED_BYTES) {
				refusal = `the workbook unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB: it is not an XLSForm Tun can read`;
				file.terminate();
				return;
			}
			chunks.push(chunk);
		};
		try {
			file.start();
		} catch {
			refusal = NOT_A_WORKBOOK;
		}
	});
	unzip.register(UnzipInflate);
	try {
		for (let at = 0; at < data.length && !refusal; at += STEP) {
			unzip.push(data.subarray(at, Math.min(at + STEP, data.length)), at + STEP >= data.length);
		}
	} catch {
		return { ok: false, message: NOT_A_WORKBOOK };
	}
	if (refusal) return { ok: false, message: refusal };
	if (!entries || !Object.hasOwn(files, '[Content_Types].xml')) return { ok: false, message: NOT_A_WORKBOOK };
	const zippable: Zippable = {};
	for (const [name, chunks] of Object.entries(files)) zippable[name] = [concat(chunks), { level: 0 }];
	return { ok: true, archive: zipSync(zippable) };
}

function concat(chunks: Uint8Array[]): Uint8Array {
	if (chunks.length === 1) return chunks[0];
	const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}
