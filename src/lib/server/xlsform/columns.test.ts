import { describe, expect, it } from 'vitest';
import { choiceSchema, formDefinitionSchema, groupSchema, questionSchema, repeatSchema } from '$lib/form/schema';
import { choiceColumns, formColumns, groupColumns, householdColumns, questionColumns, renameChoiceName, repeatColumns } from './columns';

interface ZodDef {
	_zod: { def: { type: string; shape?: Record<string, ZodDef>; innerType?: ZodDef } };
}
const shapeOf = (schema: unknown): Record<string, ZodDef> => {
	let s = schema as ZodDef;
	while (!s._zod.def.shape && s._zod.def.innerType) s = s._zod.def.innerType;
	return s._zod.def.shape ?? {};
};

describe('every field of the definition schema has a column', () => {
	const tables: [string, unknown, Record<string, string>][] = [
		['question', questionSchema, questionColumns],
		['group', groupSchema, groupColumns],
		['repeat', repeatSchema, repeatColumns],
		['choice', choiceSchema, choiceColumns],
		['form', formDefinitionSchema, formColumns],
		['household', shapeOf(formDefinitionSchema).household, householdColumns]
	];
	for (const [what, schema, columns] of tables) {
		it(`${what}: ${Object.keys(shapeOf(schema)).join(', ')}`, () => {
			const fields = Object.keys(shapeOf(schema));
			expect(fields.length).toBeGreaterThan(1);
			expect(fields.filter((f) => !Object.hasOwn(columns, f))).toEqual([]);
		});
	}
});

describe("a choice_filter's bare name for the choice itself", () => {
	it('is ODK\'s "name" and Tun\'s "value"; functions, references and strings are left alone', () => {
		expect(renameChoiceName("value = 'a' or site = ${site}", 'value', 'name')).toBe("name = 'a' or site = ${site}");
		expect(renameChoiceName("name != ${value} and name != 'name'", 'name', 'value')).toBe("value != ${value} and value != 'name'");
		expect(renameChoiceName('name(x)', 'name', 'value')).toBe('name(x)');
		expect(renameChoiceName("unterminated 'name", 'name', 'value')).toBe("unterminated 'name");
	});
});
