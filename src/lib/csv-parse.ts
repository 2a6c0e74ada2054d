/** Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF records) into records keyed by the header. */
export function parseCsv(csv: string): Record<string, string>[] {
	const records: string[][] = [];
	let field = '';
	let record: string[] = [];
	let quoted = false;
	for (let i = 0; i < csv.length; i++) {
		const c = csv[i];
		if (quoted) {
			if (c === '"' && csv[i + 1] === '"') (field += '"'), i++;
			else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') record.push(field), (field = '');
		else if (c === '\r' && csv[i + 1] === '\n') record.push(field), records.push(record), (record = []), (field = ''), i++;
		else field += c;
	}
	const [header = [], ...rows] = records;
	return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}
