/**
 * CSV as the export writes it (RFC 4180: quoted fields, doubled quotes, line breaks inside
 * quotes, CRLF records), read with the csv-parse library, strictly: a record wider or
 * narrower than the header, or a stray quote, is an error, not a silently odd row.
 */
import { parse } from 'csv-parse/sync';

/** The records, each keyed by the header's column names. */
export function csvRecords(text: string): Record<string, string>[] {
	return parse(text, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
}

/** The rows as written, the header first. */
export function csvRows(text: string): string[][] {
	return parse(text, { record_delimiter: '\r\n' }) as string[][];
}
