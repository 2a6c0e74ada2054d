import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFormDefinition } from '$lib/form/schema';
import { currentForm, forms } from './index';

const dir = join(import.meta.dirname);

describe('bundled questionnaires', () => {
	const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

	it.each(files)('%s passes the engine schema and is named <id>.<version>.json', (file) => {
		const result = parseFormDefinition(JSON.parse(readFileSync(join(dir, file), 'utf8')));
		expect(result).toMatchObject({ status: 'ok' });
		if (result.status === 'ok') expect(file).toBe(`${result.form.id}.${result.form.version}.json`);
	});

	it('every definition file is registered, once', () => {
		expect(forms.map((f) => `${f.id}.${f.version}.json`).sort()).toEqual(files.sort());
		expect(forms).toContain(currentForm);
	});
});
