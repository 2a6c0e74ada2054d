/**
 * Conflicts from sync as the desk compares them (GET /api/admin/conflicts): the stored version
 * beside the content sent under its id, field by field, and the answers as the questionnaire
 * reads them (desk-answers.ts), lined up by where each answer stands, what differs marked.
 */
import type { CompiledForm } from '$lib/form';
import type { ConflictView, DeskValue, Submission } from '$lib/wire';
import { keyedLines, type KeyedLine } from './desk-answers';
import { canonicalJson } from './storage/hash';
import type { Conflict, Store, StoredSubmission } from './storage/types';

type Line = ConflictView['lines'][number];
type Field = ConflictView['fields'][number];

const plain = (text: string) => ({ hy: text, ru: text, en: text });

/** The answers without a known form version: each top-level answer under its name, as text. */
function rawLines(answers: Record<string, unknown>): KeyedLine[] {
	return Object.entries(answers).map(([name, raw]) => ({
		key: name,
		raw,
		line: { depth: 0, label: plain(name), value: { text: typeof raw === 'string' ? raw : JSON.stringify(raw) } }
	}));
}

const same = (a: KeyedLine | undefined, b: KeyedLine | undefined) =>
	a !== undefined && b !== undefined && ('raw' in a ? 'raw' in b && canonicalJson(a.raw) === canonicalJson(b.raw) : !('raw' in b));

/**
 * Both versions' lines as one list: the stored version's order, each line only the new version
 * has placed after the line it follows there. A line differs when its answer does, or when
 * only one version has it.
 */
export function compareLines(stored: readonly KeyedLine[], sent: readonly KeyedLine[]): Line[] {
	const rows: { key: string; a?: KeyedLine; b?: KeyedLine }[] = stored.map((a) => ({ key: a.key, a }));
	let at = -1;
	for (const b of sent) {
		const i = rows.findIndex((r) => r.key === b.key);
		if (i >= 0) {
			rows[i].b = b;
			at = i;
		} else rows.splice(++at, 0, { key: b.key, b });
	}
	return rows.map(({ a, b }) => {
		const line = (a ?? b)!.line;
		const values: { stored?: DeskValue; new?: DeskValue } = {};
		if (a?.line.value) values.stored = a.line.value;
		if (b?.line.value) values.new = b.line.value;
		return {
			depth: line.depth,
			label: line.label,
			...(line.entry === undefined ? {} : { entry: line.entry }),
			...values,
			differs: !same(a, b)
		};
	});
}

/** The submission's own fields side by side; `names` the senders' names (null when unknown). */
export function compareFields(stored: Submission, sent: Submission, names: [string | null, string | null]): Field[] {
	const metaRest = (s: Submission) => {
		const { events: _e, ...rest } = s.meta ?? {};
		return Object.keys(rest).length ? canonicalJson(rest) : null;
	};
	const pair = (name: Field['name'], of: (s: Submission) => string | null, compare = of): Field => ({
		name,
		stored: of(stored),
		new: of(sent),
		differs: compare(stored) !== compare(sent)
	});
	return [
		pair('formVersion', (s) => s.formVersion),
		pair('deviceId', (s) => s.deviceId),
		{ name: 'enumerator', stored: names[0], new: names[1], differs: names[0] !== names[1] },
		pair('startedAt', (s) => s.startedAt),
		pair('finalizedAt', (s) => s.finalizedAt),
		pair('language', (s) => s.language),
		pair(
			'events',
			(s) => String(s.meta?.events?.length ?? 0),
			(s) => canonicalJson(s.meta?.events ?? [])
		),
		pair('meta', metaRest)
	];
}

/** A conflict as GET /api/admin/conflicts lists it: its own fields, the stored version, and the comparison. */
export type ConflictItem = Omit<Conflict, 'resolution'> & { stored: StoredSubmission | null } & ConflictView;

/** The store's open (or settled) conflicts, each beside the stored version it was set against. */
export async function conflictItems(
	store: Store,
	findForm: (id: string, version: string) => Promise<CompiledForm | undefined>,
	resolved: boolean
): Promise<ConflictItem[]> {
	const [conflicts, enumerators] = await Promise.all([store.listConflicts(resolved), store.listEnumerators()]);
	const names = new Map(enumerators.map((e) => [e.id, e.name]));
	const nameOf = (id: string | null) => (id === null ? null : (names.get(id) ?? null));
	const storedNow = new Map<string, Promise<StoredSubmission | undefined>>();
	const forms = new Map<string, Promise<CompiledForm | undefined>>();
	const formOf = (s: Submission) => {
		const key = `${s.formId}\n${s.formVersion}`;
		if (!forms.has(key)) forms.set(key, findForm(s.formId, s.formVersion));
		return forms.get(key)!;
	};
	const linesOf = async (s: Submission) => {
		const form = await formOf(s);
		return { form, lines: form ? keyedLines(form, s.answers) : rawLines(s.answers) };
	};
	const items: ConflictItem[] = [];
	for (const c of conflicts) {
		if (!c.resolution && !storedNow.has(c.id)) storedNow.set(c.id, store.getSubmission(c.id));
		const stored = c.resolution?.stored ?? (await storedNow.get(c.id)) ?? null;
		const sent = await linesOf(c.submission);
		const before = stored ? await linesOf(stored) : { form: undefined, lines: [] };
		items.push({
			id: c.id,
			enumeratorId: c.enumeratorId,
			receivedAt: c.receivedAt,
			submission: c.submission,
			stored,
			resolution: c.resolution && { keep: c.resolution.keep, by: c.resolution.by, at: c.resolution.at },
			enumerator: nameOf(c.enumeratorId),
			formTitle: (sent.form ?? before.form)?.definition.title ?? null,
			fields: stored ? compareFields(stored, c.submission, [nameOf(stored.enumeratorId), nameOf(c.enumeratorId)]) : [],
			lines: compareLines(before.lines, sent.lines)
		});
	}
	return items;
}
