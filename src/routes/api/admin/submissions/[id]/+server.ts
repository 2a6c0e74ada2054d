import { json } from '@sveltejs/kit';
import { adminOnly, readRequest } from '$lib/server/guard';
import { refuse } from '$lib/server/http';
import { getStore } from '$lib/server/db';
import { getRegistry } from '$lib/server/forms';
import { answerLines } from '$lib/server/desk-answers';
import { MAX_REVIEW_BODY_BYTES, reviewChangeSchema, type DeskSubmission, type Review } from '$lib/wire';
import type { RequestHandler } from './$types';

/**
 * A submission's review (its state and every step that set it, as PATCH answers), the stored
 * submission, its form version's title, its answers as the questionnaire reads (desk-answers.ts)
 * and its data-quality flags with their reasons.
 */
export const GET: RequestHandler = adminOnly(async ({ params }) => {
	const store = await getStore();
	const [review, submission, flags] = await Promise.all([
		store.getReview(params.id),
		store.getSubmission(params.id),
		store.flagsOf([params.id])
	]);
	if (!review || !submission) return refuse(404, 'no submission with that id');
	const form = await (await getRegistry()).findForm(submission.formId, submission.formVersion);
	const body = {
		...review,
		submission,
		formTitle: form?.definition.title ?? null,
		answers: form ? answerLines(form, submission.answers) : [],
		flags: flags.get(params.id) ?? []
	};
	return json(body satisfies Omit<DeskSubmission, 'submission'> & { submission: object });
});

/**
 * Sets a submission's review state (`received`, `hasIssues`, `approved`, `rejected`) with an
 * optional comment: `200 {"id","reviewState","history":[{"state","comment","by","at"}]}`, `by`
 * the name the supervisor gave at sign-in; `400` for an unknown state, `404` for an unknown id.
 * The export's ReviewState column and its `review` filter read the state.
 */
export const PATCH: RequestHandler = adminOnly(async ({ params, request, locals }) => {
	const change = await readRequest(request, reviewChangeSchema, MAX_REVIEW_BODY_BYTES);
	if (change instanceof Response) return change;
	const comment = change.comment?.trim() || null;
	const step = { state: change.reviewState, comment, by: locals.adminName ?? 'admin', at: new Date().toISOString() };
	const review = await (await getStore()).setReview(params.id, step);
	return review ? json(review satisfies Review) : refuse(404, 'no submission with that id');
});
