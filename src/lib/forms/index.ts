/**
 * The questionnaires this build knows: one JSON definition per form version, compiled
 * once at start. A definition that does not compile stops the build's tests
 * (forms.test.ts) and, should one slip through, the app at start with every problem listed.
 */
import { compileForm, type CompiledForm } from '../form';
import householdMigration20261201 from './household_migration.2026-12-01.json' with { type: 'json' };
import householdMigration20261215 from './household_migration.2026-12-15.json' with { type: 'json' };

function load(raw: unknown): CompiledForm {
	const result = compileForm(raw);
	if (result.status === 'ok') return result.form;
	const where = typeof raw === 'object' && raw && 'id' in raw ? String(raw.id) : 'a form';
	throw new Error(`${where} is not a valid definition:\n${result.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
}

export const forms: readonly CompiledForm[] = [load(householdMigration20261201), load(householdMigration20261215)];

/**
 * The household questionnaire's first version: tests about the app rather than about the
 * questionnaire's content (sessions, outbox, sync, faults) answer it with samples.ts.
 */
export const household20261201: CompiledForm = forms.find((f) => f.definition.version === '2026-12-01')!;

/** The form new interviews start on: the newest version of the current questionnaire. */
export const currentForm: CompiledForm = forms[forms.length - 1];

export function findForm(id: string, version: string): CompiledForm | undefined {
	return forms.find((f) => f.definition.id === id && f.definition.version === version);
}
