/**
 * Names the export derives from a question's (a member link's `<name>_key`, a choice's dummy
 * `<name>_<code>`, a location's `<name>_latitude` …) must fit Stata's 32 characters and
 * must not collide with another column of their table. The export derives them over every
 * version of a form (a value another version codes gets that code), so a new version is
 * checked together with the versions published before it, exactly as the export will name them.
 */
import type { CompiledForm, Problem } from '$lib/form';
import { exportTable, exportTables } from './csv';

/** The longest variable name Stata, SPSS and R all take. */
export const MAX_NAME = 32;

/** Every derived column of `next`, exported with `earlier`, that is too long or collides; paths point into `next`. */
export function derivedNameProblems(earlier: readonly CompiledForm[], next: CompiledForm): Problem[] {
	const versions = [...earlier.filter((f) => f.definition.version !== next.definition.version), next];
	const problems: Problem[] = [];
	for (const table of exportTables(versions).keys()) {
		const { columns } = exportTable(versions, table, [], { odk: true, codes: true, splitMultiple: true, splitGeo: true });
		const seen = new Map<string, string | undefined>();
		for (const column of columns) {
			const own = column.question === undefined ? undefined : next.nodes.get(column.question);
			const path = own ? `${own.at}.name` : '';
			if (column.part && column.name.length > MAX_NAME && own) {
				problems.push({
					path,
					message: `the export names a column "${column.name}" after "${column.question}" (${column.name.length} characters, at most ${MAX_NAME}): shorten the question's name`
				});
			}
			if (seen.has(column.name) && (own || (seen.get(column.name) && next.nodes.has(seen.get(column.name)!)))) {
				problems.push({
					path,
					message: `two columns of the export would both be named "${column.name}" (from "${seen.get(column.name) ?? 'the export'}" and "${column.question ?? 'the export'}"): rename one question`
				});
			}
			seen.set(column.name, column.question);
		}
	}
	return problems;
}
