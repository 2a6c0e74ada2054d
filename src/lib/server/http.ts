import { json } from '@sveltejs/kit';

/** API refusals share one shape: `{"error": "<a sentence a person can act on>"}`. */
export function refuse(status: number, message: string, headers: Record<string, string> = {}): Response {
	return json({ error: message }, { status, headers });
}
