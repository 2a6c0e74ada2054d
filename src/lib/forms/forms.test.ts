import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileForm } from '$lib/form';
import { currentForm, forms } from './index';

const dir = join(import.meta.dirname);

describe('bundled questionnaires', () => {
	const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

	it.each(files)('%s compiles and is named <id>.<version>.json', (file) => {
		const result = compileForm(JSON.parse(readFileSync(join(dir, file), 'utf8')));
		expect(result.status === 'invalid' ? result.problems : []).toEqual([]);
		if (result.status === 'ok') expect(file).toBe(`${result.form.definition.id}.${result.form.definition.version}.json`);
	});

	it('every definition file is registered, once', () => {
		expect(forms.map((f) => `${f.definition.id}.${f.definition.version}.json`).sort()).toEqual(files.sort());
		expect(forms).toContain(currentForm);
	});
});
