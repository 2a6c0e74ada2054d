/** The supervisor's calls to the admin API; the session cookie goes with them. Answers are checked with the wire schemas. */
import * as z from 'zod/mini';
import {
	conflictViewSchema,
	conflictResolutionSchema,
	deskPageSchema,
	deskSubmissionSchema,
	reviewSchema,
	deviceViewSchema,
	createdEnumeratorSchema,
	deploymentSettingsSchema,
	enumeratorViewSchema,
	errorBodySchema,
	exportFilesSchema,
	formListSchema,
	formProblemsSchema,
	importResultSchema,
	XLSX_TYPE,
	xlsformProblemsSchema,
	type XlsformProblem,
	publishedFormSchema,
	qualityViewSchema,
	sessionStateSchema,
	type ExportFiles,
	type FormList,
	type ImportResult,
	type ConflictView,
	type ConflictResolution,
	type DeviceView,
	type CreatedEnumerator,
	type DeploymentInput,
	type DeploymentSettings,
	type EnumeratorChange,
	type EnumeratorView,
	type SessionState,
	type Sex,
	type DeskPageView,
	type DeskSubmission,
	type Review,
	type ReviewState,
	type QualityThresholds,
	type QualityView
} from '$lib/wire';
import { progressViewSchema, targetsViewSchema, type ProgressView, type TargetsInput, type TargetsView } from '$lib/wire-progress';

export type { DeskPageView, DeskSubmission, Review, ReviewState, QualityThresholds, QualityView };
export type { ProgressView, TargetsInput, TargetsView };
export type { ConflictResolution, ConflictView, DeviceView, CreatedEnumerator, DeploymentInput, DeploymentSettings, EnumeratorView, Sex };

/** A refusal carries the server's sentence, and every problem when the server listed them. */
export type AdminResult<T> =
	{ ok: true; value: T } | { ok: false; status: number; message: string; problems?: { path: string; message: string }[] };

async function call<T>(method: string, path: string, schema: z.ZodMiniType<T> | null, body?: unknown): Promise<AdminResult<T>> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch (error) {
		return { ok: false, status: 0, message: error instanceof Error ? error.message : String(error) };
	}
	const data: unknown = response.status === 204 ? null : await response.json().catch(() => null);
	if (!response.ok) {
		const refusal = errorBodySchema.safeParse(data);
		const listed = formProblemsSchema.safeParse(data);
		return {
			ok: false,
			status: response.status,
			message: refusal.success ? refusal.data.error : `HTTP ${response.status}`,
			...(listed.success ? { problems: listed.data.problems } : {})
		};
	}
	if (schema === null) return { ok: true, value: null as T };
	const parsed = schema.safeParse(data);
	return parsed.success
		? { ok: true, value: parsed.data }
		: { ok: false, status: response.status, message: 'unreadable answer from the server' };
}

export const admin = {
	session: () => call<SessionState>('GET', '/api/admin/session', sessionStateSchema),
	signIn: (token: string, name: string) => call<SessionState>('POST', '/api/admin/session', sessionStateSchema, { token, name }),
	signOut: () => call<null>('DELETE', '/api/admin/session', null),
	enumerators: () => call<EnumeratorView[]>('GET', '/api/admin/enumerators', z.array(enumeratorViewSchema)),
	create: (name: string, sex: Sex) => call<CreatedEnumerator>('POST', '/api/admin/enumerators', createdEnumeratorSchema, { name, sex }),
	change: (id: string, change: EnumeratorChange) =>
		call<EnumeratorView>('PATCH', `/api/admin/enumerators/${encodeURIComponent(id)}`, enumeratorViewSchema, change),
	deployment: () => call<DeploymentSettings>('GET', '/api/deployment', deploymentSettingsSchema),
	setDeployment: (settings: DeploymentInput) =>
		call<DeploymentSettings>('PUT', '/api/admin/deployment', deploymentSettingsSchema, settings),
	revoke: (id: string) => call<null>('DELETE', `/api/admin/enumerators/${encodeURIComponent(id)}`, null),
	conflicts: (resolved = false) =>
		call<ConflictView[]>('GET', `/api/admin/conflicts${resolved ? '?resolved=1' : ''}`, z.array(conflictViewSchema)),
	resolveConflict: (id: string, keep: 'stored' | 'new') =>
		call<ConflictResolution>('POST', `/api/admin/conflicts/${encodeURIComponent(id)}/resolve`, conflictResolutionSchema, { keep }),
	devices: () => call<DeviceView[]>('GET', '/api/admin/devices', z.array(deviceViewSchema)),
	forms: () => call<FormList>('GET', '/api/forms', formListSchema),
	exports: () => call<ExportFiles>('GET', '/api/admin/export', exportFilesSchema),
	/** A page of the desk's table: the export's filters, `limit`, `cursor` as query parameters. */
	submissions: (query: URLSearchParams) => call<DeskPageView>('GET', `/api/admin/submissions?${query.toString()}`, deskPageSchema),
	submission: (id: string) => call<DeskSubmission>('GET', `/api/admin/submissions/${encodeURIComponent(id)}`, deskSubmissionSchema),
	/** The data-quality thresholds and the counts per flag; setting them flags every submission again. */
	quality: () => call<QualityView>('GET', '/api/admin/quality', qualityViewSchema),
	setQuality: (thresholds: QualityThresholds) => call<QualityView>('PUT', '/api/admin/quality', qualityViewSchema, thresholds),
	/** The desk's progress: `by`, `from`, `to` (and `form`) as query parameters. */
	progress: (query: URLSearchParams) => call<ProgressView>('GET', `/api/admin/progress?${query.toString()}`, progressViewSchema),
	setTargets: (input: TargetsInput) => call<TargetsView>('PUT', '/api/admin/targets', targetsViewSchema, input),
	review: (id: string, reviewState: ReviewState, comment: string) =>
		call<Review>('PATCH', `/api/admin/submissions/${encodeURIComponent(id)}`, reviewSchema, {
			reviewState,
			...(comment.trim() ? { comment } : {})
		})
};

/** What publishing a definition came to, as POST /api/admin/forms answers. */
export type PublishOutcome =
	| { kind: 'created' | 'same'; id: string; version: string }
	| { kind: 'conflict'; message: string }
	| { kind: 'invalid'; message: string; problems: { path: string; message: string }[] }
	| { kind: 'invalid-xlsform'; message: string; problems: XlsformProblem[] }
	| { kind: 'failed'; message: string };

/** Whether a chosen file is an XLSForm (a workbook) rather than a JSON definition. */
export const isWorkbook = (file: File): boolean => file.type === XLSX_TYPE || /\.xlsx$/i.test(file.name);

/**
 * Publishes a definition: a JSON file's text, or an XLSForm workbook's bytes, is sent as it is,
 * so the server keeps exactly what the team wrote.
 */
export async function publishForm(file: File): Promise<PublishOutcome> {
	const workbook = isWorkbook(file);
	let response: Response;
	try {
		const body = workbook ? await file.arrayBuffer() : await file.text();
		response = await fetch('/api/admin/forms', {
			method: 'POST',
			headers: { 'content-type': workbook ? XLSX_TYPE : 'application/json' },
			body
		});
	} catch (error) {
		return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
	}
	const data: unknown = await response.json().catch(() => null);
	if (response.status === 201 || response.status === 200) {
		const published = publishedFormSchema.safeParse(data);
		if (published.success) return { kind: response.status === 201 ? 'created' : 'same', ...published.data };
	}
	if (response.status === 400) {
		const atCells = xlsformProblemsSchema.safeParse(data);
		if (workbook && atCells.success) return { kind: 'invalid-xlsform', message: atCells.data.error, problems: atCells.data.problems };
		const refused = formProblemsSchema.safeParse(data);
		if (refused.success) return { kind: 'invalid', message: refused.data.error, problems: refused.data.problems };
	}
	const refusal = errorBodySchema.safeParse(data);
	const message = refusal.success ? refusal.data.error : `HTTP ${response.status}`;
	return response.status === 409 ? { kind: 'conflict', message } : { kind: 'failed', message };
}

/** What importing a tablet's backup came to, as POST /api/admin/import answers: each interview's status, or why the file was refused. */
export type ImportOutcome =
	{ kind: 'imported'; result: ImportResult } | { kind: 'refused'; message: string; problems: { path: string; message: string }[] };

/** Imports a backup file: its text is sent as it is (up to 100 MB; the server checks it). */
export async function importBackupFile(text: string): Promise<ImportOutcome> {
	let response: Response;
	try {
		response = await fetch('/api/admin/import', { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
	} catch (error) {
		return { kind: 'refused', message: error instanceof Error ? error.message : String(error), problems: [] };
	}
	const data: unknown = await response.json().catch(() => null);
	if (response.ok) {
		const result = importResultSchema.safeParse(data);
		if (result.success) return { kind: 'imported', result: result.data };
		return { kind: 'refused', message: 'unreadable answer from the server', problems: [] };
	}
	const listed = formProblemsSchema.safeParse(data);
	if (listed.success) return { kind: 'refused', message: listed.data.error, problems: listed.data.problems };
	const refusal = errorBodySchema.safeParse(data);
	return { kind: 'refused', message: refusal.success ? refusal.data.error : `HTTP ${response.status}`, problems: [] };
}
