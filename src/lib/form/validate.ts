/**
 * Untrusted definition data (a file published, a download) into a compiled form: the shape
 * checked by the zod schema, then compile.ts's checks between parts. Every problem is listed.
 */
import { compileDefinition, type CompileResult } from './compile';
import { definitionChecks } from './compile-checks';
import { formDefinitionSchema, type FormDefinition, type Problem } from './schema';

function describeIssue(issue: { code: string; message: string; path: PropertyKey[]; keys?: string[] }, input: unknown): string {
	const value = issue.path.reduce<unknown>(
		(v, k) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined),
		input
	);
	if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys?.join(', ')}`;
	if (issue.code === 'invalid_union' && issue.path.at(-1) === 'type') return `unknown type "${String(value)}"`;
	if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && value === undefined) return 'missing';
	if (issue.code === 'invalid_type') return issue.message === 'Invalid input' ? 'of the wrong type' : issue.message;
	if (issue.code === 'invalid_value') return 'not one of the allowed values';
	return issue.message;
}

export function compileForm(input: unknown): CompileResult {
	const parsed = formDefinitionSchema.safeParse(input);
	if (parsed.success) return compileDefinition(parsed.data, definitionChecks);
	const problems: Problem[] = parsed.error.issues.map((issue) => ({
		path: issue.path.map(String).join('.'),
		message: describeIssue(issue as Parameters<typeof describeIssue>[0], input)
	}));
	// The checks between parts still run on what can be read, so an author sees every problem at once.
	for (const p of betweenParts(input)) if (!problems.some((q) => q.path === p.path && q.message === p.message)) problems.push(p);
	return { status: 'invalid', problems };
}

function betweenParts(input: unknown): Problem[] {
	if (typeof input !== 'object' || input === null) return [];
	const { items, choices, instance_name, title, languages, defaultLanguage } = input as Record<string, unknown>;
	if (!Array.isArray(items)) return [];
	const lists = typeof choices === 'object' && choices !== null && !Array.isArray(choices) ? choices : {};
	const named = typeof instance_name === 'string' ? { instance_name } : {};
	const spoken = { title, languages, defaultLanguage };
	try {
		const result = compileDefinition({ items, choices: lists, ...named, ...spoken } as FormDefinition, definitionChecks);
		return result.status === 'invalid' ? result.problems : [];
	} catch {
		return []; // too malformed to say more than the shape check did
	}
}
