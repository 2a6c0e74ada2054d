/**
 * The questionnaires this build knows: one JSON definition per form version.
 * Each is checked against the engine's schema here and, in detail, by forms.test.ts.
 */
import { parseFormDefinition, type FormDefinition } from '$lib/form/schema';
import householdPilot20261130 from './household_pilot.2026-11-30.json';

function load(raw: unknown): FormDefinition {
	const parsed = parseFormDefinition(raw);
	if (parsed.status === 'ok') return parsed.form;
	const where = typeof raw === 'object' && raw && 'id' in raw ? String(raw.id) : 'a form';
	throw new Error(`${where} is not a valid definition: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
}

export const forms: readonly FormDefinition[] = [load(householdPilot20261130)];

/** The form new interviews start on: the newest version of the current questionnaire. */
export const currentForm: FormDefinition = forms[forms.length - 1];

export function findForm(id: string, version: string): FormDefinition | undefined {
	return forms.find((f) => f.id === id && f.version === version);
}

export function formVersions(id: string): FormDefinition[] {
	return forms.filter((f) => f.id === id);
}
