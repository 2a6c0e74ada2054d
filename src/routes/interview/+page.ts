import { getDb } from '$lib/client/db';
import { language } from '$lib/client/language.svelte';
import { InterviewSession } from '$lib/client/session.svelte';
import type { PageLoad } from './$types';

/**
 * The draft starts opening (the interview and its form read, the form compiled) as soon as the
 * app starts navigating, while the root layout still loads the interface strings, instead of
 * after the page has rendered. The page waits for `opening`: a failure is its to show (never a
 * rejection nobody waits for).
 */
export const load: PageLoad = ({ url }) => {
	const id = url.searchParams.get('id') ?? '';
	const opening = InterviewSession.open(getDb(), id, language.current).then(
		(session) => ({ session }),
		(error: unknown) => ({ error })
	);
	return { opening };
};
