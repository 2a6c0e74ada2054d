import { readyAdmin } from '$lib/client/admin-language';

/** The supervisor's strings (a chunk of their own, never in the interviewer's first load) before the page renders. */
export async function load(): Promise<void> {
	await readyAdmin();
}
