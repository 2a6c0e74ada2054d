/** A revised household questionnaire, as a team would make one: a copy of the JSON with a new version and one more question. */
import household from '../../src/lib/forms/household_migration.2026-12-01.json' with { type: 'json' };

/** The name of the question the revision adds (optional, in the first group, after the settlement). */
export const ADDED_QUESTION = 'visit_note';

/** A revision of `base` (default 2026-12-01; the revision test revises the newest built-in version). */
export function revisedHousehold(version: string, base: object = household): Record<string, unknown> {
	const copy = structuredClone(base) as unknown as { version: string; items: { name: string; items: object[] }[] };
	copy.version = version;
	copy.items[0].items.splice(3, 0, {
		type: 'text',
		name: ADDED_QUESTION,
		label: { hy: 'Այցի նշում', ru: 'Заметка о визите', en: 'Note about the visit' }
	});
	return copy;
}
