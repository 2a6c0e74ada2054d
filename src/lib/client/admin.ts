/** The supervisor's calls to the admin API; the admin cookie goes with them. */
export interface EnumeratorView {
	id: string;
	name: string;
	createdAt: string;
	revokedAt: string | null;
}

export interface CreatedEnumerator {
	id: string;
	name: string;
	token: string;
	setupUrl: string;
}

export interface ConflictView {
	id: string;
	receivedAt: string;
}

export type AdminResult<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

async function call<T>(method: string, path: string, body?: unknown): Promise<AdminResult<T>> {
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
	const data = response.status === 204 ? null : await response.json().catch(() => null);
	if (!response.ok) return { ok: false, status: response.status, message: (data as { error?: string } | null)?.error ?? `HTTP ${response.status}` };
	return { ok: true, value: data as T };
}

export const admin = {
	session: () => call<{ admin: boolean }>('GET', '/api/admin/session'),
	signIn: (token: string) => call<{ admin: boolean }>('POST', '/api/admin/session', { token }),
	signOut: () => call<null>('DELETE', '/api/admin/session'),
	enumerators: () => call<EnumeratorView[]>('GET', '/api/admin/enumerators'),
	create: (name: string) => call<CreatedEnumerator>('POST', '/api/admin/enumerators', { name }),
	revoke: (id: string) => call<null>('DELETE', `/api/admin/enumerators/${encodeURIComponent(id)}`),
	conflicts: () => call<ConflictView[]>('GET', '/api/admin/conflicts')
};
