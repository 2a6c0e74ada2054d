import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { contentHash } from '$lib/server/storage/hash';
import { readXlsForm, writeXlsForm } from '.';

const dir = 'src/lib/forms';
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('every questionnaire under src/lib/forms goes to XLSForm and back unchanged', () => {
	it('finds the questionnaires', () => expect(files.length).toBeGreaterThanOrEqual(2));
	for (const file of files) {
		it(file, async () => {
			const original = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
			const read = await readXlsForm(await writeXlsForm(original));
			if (read.status === 'invalid') expect(read.problems).toEqual([]);
			expect(read.status).toBe('ok');
			if (read.status !== 'ok') return;
			expect(read.definition).toEqual(original);
			expect(contentHash(read.definition)).toBe(contentHash(original));
		});
	}
});
