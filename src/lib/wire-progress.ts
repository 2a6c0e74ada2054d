/**
 * The desk's progress on the wire (GET /api/admin/progress, PUT /api/admin/targets), shared by
 * the server and the admin page. Kept out of wire.ts on purpose: wire.ts is one chunk that the
 * tablet's first load holds, and these schemas serve the supervisor only, so they load with
 * the admin page and never on an interviewer's tablet.
 */
import * as z from 'zod/mini';

const pure = <T>(make: () => T): T => make();
/** A questionnaire's text by language code: the form's languages (textIn reads one). */
const translatedView = /* @__PURE__ */ pure(() => z.record(z.string(), z.string()));

/** Most settlements a form's targets may name, and the largest target of each kind. */
export const MAX_TARGET_SETTLEMENTS = 500;
export const MAX_DAILY_TARGET = 1000;
export const MAX_SETTLEMENT_TARGET = 1_000_000;
export const MAX_TARGETS_BODY_BYTES = 64 * 1024;
/** The most days one progress answer spans; without from/to it shows the last 31 days with interviews. */
export const MAX_PROGRESS_DAYS = 366;
export const DEFAULT_PROGRESS_DAYS = 31;

/**
 * The supervisor's targets for a form, counted in completed interviews: `daily` per enumerator
 * and day (the chart's line), `settlements` in all per settlement (its value name or the text typed).
 */
export const progressTargetsSchema = /* @__PURE__ */ pure(() =>
	z.object({
		daily: z.nullable(
			z
				.int(`must be a whole number from 1 to ${MAX_DAILY_TARGET}, or null`)
				.check(
					z.minimum(1, `must be a whole number from 1 to ${MAX_DAILY_TARGET}, or null`),
					z.maximum(MAX_DAILY_TARGET, `must be a whole number from 1 to ${MAX_DAILY_TARGET}, or null`)
				)
		),
		settlements: z
			.record(
				z.string().check(z.minLength(1, 'a settlement is named'), z.maxLength(200, 'a settlement is named in at most 200 characters')),
				z
					.int(`must be a whole number from 1 to ${MAX_SETTLEMENT_TARGET}`)
					.check(
						z.minimum(1, `must be a whole number from 1 to ${MAX_SETTLEMENT_TARGET}`),
						z.maximum(MAX_SETTLEMENT_TARGET, `must be a whole number from 1 to ${MAX_SETTLEMENT_TARGET}`)
					)
			)
			.check(z.refine((r) => Object.keys(r).length <= MAX_TARGET_SETTLEMENTS, `at most ${MAX_TARGET_SETTLEMENTS} settlements`))
	})
);
export type ProgressTargetsView = z.infer<typeof progressTargetsSchema>;

/** PUT /api/admin/targets: a form's targets, all of them (what is left out is no longer a target). */
export const targetsInputSchema = /* @__PURE__ */ pure(() =>
	z.strictObject({
		form: z
			.string('form: the id of the form the targets are for, e.g. "household_migration"')
			.check(z.minLength(1, 'form is missing'), z.maxLength(64, 'form: at most 64 characters')),
		daily: progressTargetsSchema.shape.daily,
		settlements: progressTargetsSchema.shape.settlements
	})
);
export type TargetsInput = z.infer<typeof targetsInputSchema>;

/** PUT /api/admin/targets answers the form's targets as stored. */
export const targetsViewSchema = /* @__PURE__ */ pure(() =>
	z.object({ form: z.string(), daily: z.nullable(z.number()), settlements: z.record(z.string(), z.number()) })
);
export type TargetsView = z.infer<typeof targetsViewSchema>;

const outcomeCountsSchema = /* @__PURE__ */ pure(() => z.object({ completed: z.number(), refused: z.number(), brokenOff: z.number() }));
export type OutcomeCounts = z.infer<typeof outcomeCountsSchema>;

/**
 * GET /api/admin/progress?form&by=enumerator|settlement&from&to: interviews per day (the day
 * started, in the server's time zone) for every day from `days[0]` to its last, per series
 * (an enumerator, or a settlement), counted apart as completed, refused (consent refused) and
 * broken off. A series' `target` is the daily target (by enumerator) or the settlement's total
 * target; `completedEver` is the settlement's completed interviews on any day (by settlement).
 */
export const progressViewSchema = /* @__PURE__ */ pure(() =>
	z.object({
		form: z.string(),
		by: z.enum(['enumerator', 'settlement']),
		days: z.array(z.string()),
		series: z.array(
			z.object({
				/** The enumerator's id or the settlement's value; null: none (sent without an enumerator, or no settlement answered). */
				key: z.nullable(z.string()),
				/** The enumerator's name, or the settlement as stored. */
				label: z.nullable(z.string()),
				/** The settlement's choice label in each language (null when it is not a choice, and by enumerator). */
				choiceLabel: z.nullable(translatedView),
				/** One per day of `days`, in order. */
				counts: z.array(z.object({ day: z.string(), completed: z.number(), refused: z.number(), brokenOff: z.number() })),
				totals: outcomeCountsSchema,
				target: z.nullable(z.number()),
				completedEver: z.nullable(z.number())
			})
		),
		totals: outcomeCountsSchema,
		/** The targets as stored (PUT /api/admin/targets checks them on the way in). */
		targets: z.object({ daily: z.nullable(z.number()), settlements: z.record(z.string(), z.number()) }),
		/** The place question's choices (what a settlement target may name), in the newest version's order. */
		settlements: z.array(z.object({ value: z.string(), label: translatedView }))
	})
);
export type ProgressView = z.infer<typeof progressViewSchema>;
