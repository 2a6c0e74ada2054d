/**
 * Form versions on the device. The server publishes them; the tablet downloads the ones it
 * does not hold (at setup and on every sync) and keeps them in IndexedDB, so interviews
 * start and finish offline: nothing here asks the network when an interview opens.
 *
 * Versions are never deleted: a draft always finishes on the version it started with, and
 * a definition is a few tens of kilobytes, so keeping every one is simpler and safer than
 * deciding when an old one is no longer used.
 */
import { deploymentKeys, type CompiledForm, type Deployment } from '$lib/form';
import { compileForm } from '$lib/form/validate';
import { checkedRecord, compiledOf, keyOf } from './device-forms';
import { titleOf } from './form-choices';
import { deploymentSettingsSchema, formListSchema } from '$lib/wire';
import type { TunDatabase } from './db';
import { NOT_THE_SERVER } from './outbox';
import { markRevoked, setDeployment, type Account } from './settings';

export { formFor } from './device-forms';
export { newestForms, type FormChoice } from './form-choices';

function compile(definition: unknown): CompiledForm | undefined {
	const result = compileForm(definition);
	return result.status === 'ok' ? result.form : undefined;
}

/**
 * Keeps a published definition on the device if it compiles here (and is the version
 * `expected` names, when given); returns its compiled form, or undefined (nothing stored).
 */
export async function storeForm(
	db: TunDatabase,
	definition: unknown,
	publishedAt: string,
	expected?: { id: string; version: string }
): Promise<CompiledForm | undefined> {
	const form = compile(definition);
	if (!form) return undefined;
	const { id, version } = form.definition;
	if (expected && (expected.id !== id || expected.version !== version)) return undefined;
	await db.forms.put({ id, version, definition, publishedAt, title: titleOf(definition), checked: checkedRecord(form.definition) });
	compiledOf(db).set(keyOf(id, version), form);
	return form;
}

export type DownloadReport =
	/** `added`: "id@version" of each version stored now; `refused`: versions whose definition does not compile. */
	| { status: 'done'; added: string[]; refused: string[] }
	| { status: 'unreachable'; detail?: string }
	| { status: 'failed'; detail: string }
	| { status: 'unauthorized' };

/**
 * Asks the server which form versions it publishes (`GET /api/forms`) and downloads each
 * one the device does not hold (`GET /api/forms/<id>/<version>`). A definition is stored
 * only if it compiles here; one that does not is refused (logged, not stored) and the
 * others go on. A 401 marks the account revoked, as the outbox does.
 */
export async function downloadForms(
	db: TunDatabase,
	account: Pick<Account, 'server' | 'token'>,
	fetcher: typeof fetch = fetch
): Promise<DownloadReport> {
	const get = (path: string) => getFromServer(db, account, fetcher, path);
	const list = await get('/api/forms');
	if (!('json' in list)) return list;
	const parsed = formListSchema.safeParse(list.json);
	if (!parsed.success) return { status: 'failed', detail: 'unreadable answer' };
	const held = new Set((await db.forms.toArray()).map((f) => keyOf(f.id, f.version)));
	const added: string[] = [];
	const refused: string[] = [];
	for (const item of parsed.data) {
		const key = keyOf(item.id, item.version);
		if (held.has(key)) continue;
		const answer = await get(`/api/forms/${encodeURIComponent(item.id)}/${encodeURIComponent(item.version)}`);
		if (!('json' in answer)) return answer;
		const form = await storeForm(db, answer.json, item.publishedAt, item);
		if (!form) {
			console.error(`form ${key} from the server does not compile on this device; not stored`);
			refused.push(key);
			continue;
		}
		added.push(key);
		held.add(key);
	}
	return { status: 'done', added, refused };
}

/** GET `path` on the enumerator's server: the JSON answer, or what went wrong (a 401 marks the account revoked). */
async function getFromServer(
	db: TunDatabase,
	account: Pick<Account, 'server' | 'token'>,
	fetcher: typeof fetch,
	path: string
): Promise<{ json: unknown } | Exclude<DownloadReport, { status: 'done' }>> {
	let response: Response;
	try {
		response = await fetcher(`${account.server}${path}`, {
			cache: 'no-store',
			headers: { authorization: `Bearer ${account.token}` }
		});
	} catch {
		return { status: 'unreachable' };
	}
	if (response.status === 401) {
		await markRevoked(db, account.token);
		return { status: 'unauthorized' };
	}
	const detail = `HTTP ${response.status}`;
	if (NOT_THE_SERVER.includes(response.status)) return { status: 'unreachable', detail };
	if (!response.ok) return { status: 'failed', detail };
	const json: unknown = await response.json().catch(() => undefined);
	if (json === undefined) return { status: 'unreachable', detail: 'unreadable answer' };
	return { json };
}

/**
 * The deployment settings labels cite (`GET /api/deployment`): stored for the interviews
 * started from now on (a started one keeps its own). Unset settings are left out.
 */
export async function downloadDeployment(
	db: TunDatabase,
	account: Pick<Account, 'server' | 'token'>,
	fetcher: typeof fetch = fetch
): Promise<DownloadReport> {
	const answer = await getFromServer(db, account, fetcher, '/api/deployment');
	if (!('json' in answer)) return answer;
	const parsed = deploymentSettingsSchema.safeParse(answer.json);
	if (!parsed.success) return { status: 'failed', detail: 'unreadable answer' };
	const deployment: Deployment = {};
	for (const key of deploymentKeys) {
		const value = parsed.data[key];
		if (value) deployment[key] = value;
	}
	await setDeployment(db, deployment);
	return { status: 'done', added: [], refused: [] };
}
