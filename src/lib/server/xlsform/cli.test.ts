/** `npm run xlsform`: a team that keeps its questionnaire in git converts and checks on the command line. */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { currentForm } from '$lib/forms';
import { contentHash } from '../storage/hash';
import { sheet, workbook } from './testing';

const run = async (...args: string[]) => {
	try {
		const { stdout, stderr } = await promisify(execFile)('node', ['scripts/xlsform.mjs', ...args], { timeout: 60_000 });
		return { code: 0, stdout, stderr };
	} catch (error) {
		const e = error as { code: number; stdout: string; stderr: string };
		return { code: e.code, stdout: e.stdout, stderr: e.stderr };
	}
};

describe('npm run xlsform', () => {
	it('a definition goes to a workbook and the workbook back to the same definition', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'tun-xlsform-'));
		writeFileSync(join(dir, 'household.json'), JSON.stringify(currentForm.definition));
		const out = await run(join(dir, 'household.json'), '--out', join(dir, 'household.xlsx'));
		expect(out).toMatchObject({ code: 0, stdout: expect.stringContaining('household.xlsx') });
		const back = await run(join(dir, 'household.xlsx'), '--out', join(dir, 'back.json'));
		expect(back).toMatchObject({ code: 0, stdout: expect.stringMatching(/no problems; "household_migration" version "2026-12-15"/) });
		expect(contentHash(JSON.parse(readFileSync(join(dir, 'back.json'), 'utf8')))).toBe(contentHash(currentForm.definition));
	}, 90_000);

	it('a broken workbook: every problem at its sheet, row and column, and exit status 1', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'tun-xlsform-'));
		const file = join(dir, 'broken.xlsx');
		const survey = sheet([
			{ type: 'integer', name: 'age', label: 'Age' },
			{ type: 'text', name: 'why', label: 'Why?', relevant: '${agee} > 10' },
			{ type: 'barcode', name: 'code', label: 'Code' }
		]);
		const settings = [
			['form_id', 'version', 'form_title', 'tun_form_title::Русский (ru)', 'tun_form_title::English (en)'],
			['broken', '1', 'Փորձ', 'Проба', 'Trial']
		];
		writeFileSync(file, await workbook({ survey, settings }));
		const out = await run(file);
		expect(out.code).toBe(1);
		expect(out.stderr).toMatch(/broken\.xlsx: 2 problems/);
		expect(out.stderr).toMatch(/survey, row 3, column relevant: .*agee/);
		expect(out.stderr).toMatch(/survey, row 4, column type: .*barcode/);
	}, 60_000);
});
