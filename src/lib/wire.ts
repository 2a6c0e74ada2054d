/**
 * The sync contract between devices and the server, shared by both sides.
 * Devices in the field depend on these shapes: change them only additively.
 */
import * as z from 'zod/mini';

/**
 * Every schema is made inside a call marked pure: a bundle keeps only the schemas its code
 * uses (a zod call is not known to be free of side effects, so each unused schema of this
 * file would otherwise ship in the tablet's first load: the admin's, the backup's…).
 */
const pure = <T>(make: () => T): T => make();
import { languageCodeSchema } from './form/schema';
import { MAX_BREAK_OFF_REASON, MAX_EVENTS } from './wire-limits';

/** The longest text of one deployment setting in one language, and of a label shown with one filled in. */
export const MAX_DEPLOYMENT_TEXT = 1000;
export const MAX_SHOWN_TEXT = 4000;
/** Most labels citing a deployment setting that one submission's `meta.shown` may hold. */
export const MAX_SHOWN_ENTRIES = 50;

/** A deployment setting as a submission's meta carries it: each language a bounded string. */
const sentTranslated = /* @__PURE__ */ pure(() =>
	z.object({
		hy: z.string().check(z.maxLength(MAX_SHOWN_TEXT)),
		ru: z.string().check(z.maxLength(MAX_SHOWN_TEXT)),
		en: z.string().check(z.maxLength(MAX_SHOWN_TEXT))
	})
);

export const MAX_BATCH = 100;

const isoTimestamp = /* @__PURE__ */ pure(() => z.iso.datetime({ offset: true }));

export const submissionSchema = /* @__PURE__ */ pure(() =>
	z.object({
		id: z.uuid('id must be a UUID'),
		formId: z.string().check(z.minLength(1), z.maxLength(64)),
		formVersion: z.string().check(z.minLength(1), z.maxLength(32)),
		deviceId: z.string().check(z.minLength(1), z.maxLength(128)),
		startedAt: isoTimestamp,
		finalizedAt: isoTimestamp,
		/** The questionnaire's language the interview was shown in: one of its form's languages. */
		language: languageCodeSchema,
		answers: z.record(z.string(), z.unknown()),
		/** How the interview went: optional, so devices of the first release stay valid. */
		meta: z.optional(
			z.object({
				/** "YYYY-MM-DD": the interview date on the device; "the last 12 months" end there. */
				referenceDate: z.optional(z.iso.date()),
				/** The respondent stopped: where, and why. Missing answers are expected then. */
				breakOff: z.optional(
					z.object({ at: z.string().check(z.maxLength(200)), reason: z.string().check(z.maxLength(MAX_BREAK_OFF_REASON)) })
				),
				/** Instance keys ("member.1.m_age") whose soft-constraint warning the interviewer confirmed. */
				confirmed: z.optional(z.array(z.string().check(z.maxLength(200))).check(z.maxLength(10000))),
				/** The audit log: screens entered and left, answers and changes, language switches. */
				events: z.optional(z.array(z.record(z.string(), z.unknown())).check(z.maxLength(MAX_EVENTS))),
				/** The deployment settings (GET /api/deployment) the device used for this interview. */
				deployment: z.optional(
					z.object({
						institution: z.optional(z.nullable(sentTranslated)),
						contact: z.optional(z.nullable(sentTranslated)),
						updatedAt: z.optional(z.nullable(z.string().check(z.maxLength(64))))
					})
				),
				/** Each label that cites a deployment setting, as shown: item name → text in the interview's language. */
				shown: z.optional(
					z
						.record(z.string().check(z.maxLength(200)), z.string().check(z.maxLength(MAX_SHOWN_TEXT)))
						.check(z.refine((r) => Object.keys(r).length <= MAX_SHOWN_ENTRIES, `meta.shown holds at most ${MAX_SHOWN_ENTRIES} texts`))
				)
			})
		)
	})
);
export type Submission = z.infer<typeof submissionSchema>;

export const batchEnvelopeSchema = /* @__PURE__ */ pure(() =>
	z.object({
		submissions: z
			.array(z.unknown())
			.check(
				z.minLength(1, 'submissions must hold at least one item'),
				z.maxLength(MAX_BATCH, `submissions may hold at most ${MAX_BATCH} items`)
			)
	})
);

export const itemStatuses = ['created', 'duplicate', 'conflict', 'invalid'] as const;
export type ItemStatus = (typeof itemStatuses)[number];

export const itemErrorSchema = /* @__PURE__ */ pure(() => z.object({ path: z.string(), message: z.string() }));
export type ItemError = z.infer<typeof itemErrorSchema>;

export const itemResultSchema = /* @__PURE__ */ pure(() =>
	z.object({
		/** The id as sent; null when the item had no string id at all. */
		id: z.nullable(z.string()),
		status: z.enum(itemStatuses),
		errors: z.optional(z.array(itemErrorSchema)),
		/** How many errors past the first 20 were not listed. */
		moreErrors: z.optional(z.number())
	})
);
export type ItemResult = z.infer<typeof itemResultSchema>;

export const batchResultSchema = /* @__PURE__ */ pure(() => z.object({ results: z.array(itemResultSchema) }));
export type BatchResult = z.infer<typeof batchResultSchema>;

export const errorBodySchema = /* @__PURE__ */ pure(() => z.object({ error: z.string() }));

/** GET /api/health: the server answers, and which store it runs on. */
export const healthSchema = /* @__PURE__ */ pure(() => z.object({ ok: z.literal(true), storage: z.enum(['sqlite', 'postgres']) }));
export type Health = z.infer<typeof healthSchema>;

/** The interviewer's sex, as the supervisor records it (interviewer effects are studied by it). */
export const sexes = ['female', 'male'] as const;
export const sexSchema = /* @__PURE__ */ pure(() => z.enum(sexes, 'sex: give "female" or "male"'));
export type Sex = z.infer<typeof sexSchema>;

/** GET /api/me: whom an enumerator token belongs to; sex null for an enumerator made before it was asked. */
export const meSchema = /* @__PURE__ */ pure(() => z.object({ id: z.string(), name: z.string(), sex: z.nullable(sexSchema) }));
export type Me = z.infer<typeof meSchema>;

/** GET /api/forms: the form versions the server knows, oldest publication first (the newest of an id is its last). */
export const formListSchema = /* @__PURE__ */ pure(() =>
	z.array(z.object({ id: z.string(), version: z.string(), title: z.unknown(), publishedAt: z.string() }))
);
export type FormList = z.infer<typeof formListSchema>;

/**
 * POST /api/admin/forms: a questionnaire's definition as JSON. The household questionnaire
 * is about 250 KB; 2 MB leaves room for a much larger one and still refuses a runaway upload.
 */
export const MAX_FORM_BODY_BYTES = 2 * 1024 * 1024;

/** The answer to a published (201) or already published (200) form version. */
export const publishedFormSchema = /* @__PURE__ */ pure(() => z.object({ id: z.string(), version: z.string() }));
export type PublishedFormView = z.infer<typeof publishedFormSchema>;

/** A definition the compiler refuses (400): every problem, where it is in the definition and what is wrong. */
export const formProblemsSchema = /* @__PURE__ */ pure(() =>
	z.object({ error: z.string(), problems: z.array(z.object({ path: z.string(), message: z.string() })) })
);
export type FormProblems = z.infer<typeof formProblemsSchema>;

/** The media type of an XLSForm (an Excel workbook): POST /api/admin/forms takes it beside JSON. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An XLSForm refused (400): every problem where a spreadsheet user sees it (sheet, row, column header); row and column null when the problem is the whole sheet or file. */
export const xlsformProblemsSchema = /* @__PURE__ */ pure(() =>
	z.object({
		error: z.string(),
		problems: z.array(z.object({ sheet: z.string(), row: z.nullable(z.number()), column: z.nullable(z.string()), message: z.string() }))
	})
);
export type XlsformProblems = z.infer<typeof xlsformProblemsSchema>;
export type XlsformProblem = XlsformProblems['problems'][number];

/** GET /api/admin/export: the CSV files of each published form, its main table first. */
export const exportFilesSchema = /* @__PURE__ */ pure(() => z.array(z.object({ formId: z.string(), files: z.array(z.string()) })));
export type ExportFiles = z.infer<typeof exportFilesSchema>;

/*
 * The admin API. Request bodies are small: a sign-in or a new enumerator is well under 4 KB,
 * and the server refuses larger ones before reading them whole.
 */
export const MAX_ADMIN_BODY_BYTES = 4 * 1024;

const personName = (what: string) =>
	z.string(`${what}: give a name of 1 to 100 characters`).check(
		z.trim(),
		z.minLength(1, `${what}: give a name of 1 to 100 characters`),
		z.maxLength(100, `${what}: give a name of 1 to 100 characters`),
		z.refine((s) => !s.includes('\0'), `${what}: NUL characters are not allowed`)
	);

/** POST /api/admin/session: the admin token, and the supervisor's name that their actions record. */
export const signInSchema = /* @__PURE__ */ pure(() =>
	z.object({
		token: z.string('token: give the admin token').check(z.maxLength(512, 'token: that is not the admin token')),
		name: personName('name')
	})
);
export type SignIn = z.infer<typeof signInSchema>;

/** GET /api/admin/session and the answer to a sign-in. */
export const sessionStateSchema = /* @__PURE__ */ pure(() => z.object({ admin: z.boolean(), name: z.optional(z.string()) }));
export type SessionState = z.infer<typeof sessionStateSchema>;

/** POST /api/admin/enumerators */
export const newEnumeratorSchema = /* @__PURE__ */ pure(() => z.object({ name: personName('name'), sex: sexSchema }));

/** PATCH /api/admin/enumerators/<id>: a new name, a sex, or both. */
export const enumeratorChangeSchema = /* @__PURE__ */ pure(() =>
	z
		.object({ name: z.optional(personName('name')), sex: z.optional(sexSchema) })
		.check(z.refine((c) => c.name !== undefined || c.sex !== undefined, 'give a "name", a "sex" or both to change'))
);
export type EnumeratorChange = z.infer<typeof enumeratorChangeSchema>;

export const enumeratorViewSchema = /* @__PURE__ */ pure(() =>
	z.object({
		id: z.string(),
		name: z.string(),
		sex: z.nullable(sexSchema),
		createdAt: z.string(),
		revokedAt: z.nullable(z.string())
	})
);
export type EnumeratorView = z.infer<typeof enumeratorViewSchema>;

/** The answer to POST /api/admin/enumerators: the token is shown only here. */
export const createdEnumeratorSchema = /* @__PURE__ */ pure(() =>
	z.object({
		id: z.string(),
		name: z.string(),
		sex: sexSchema,
		token: z.string(),
		setupUrl: z.string()
	})
);
export type CreatedEnumerator = z.infer<typeof createdEnumeratorSchema>;

/** One deployment setting in every language, as a supervisor enters it. */
const settingText = (what: string) => {
	const message = `${what}: give a text of 1 to ${MAX_DEPLOYMENT_TEXT} characters`;
	return z.string(message).check(
		z.trim(),
		z.minLength(1, message),
		z.maxLength(MAX_DEPLOYMENT_TEXT, message),
		z.refine((s) => !s.includes('\0'), `${what}: NUL characters are not allowed`)
	);
};
const settingSchema = (what: string) =>
	z.nullable(
		z.strictObject(
			{ hy: settingText(`${what} in Armenian`), ru: settingText(`${what} in Russian`), en: settingText(`${what} in English`) },
			`${what}: give {"hy","ru","en"} texts, or null`
		)
	);

/** PUT /api/admin/deployment: the settings labels may cite (`${deployment.institution}`); null clears one. */
export const deploymentInputSchema = /* @__PURE__ */ pure(() =>
	z.strictObject(
		{ institution: settingSchema('institution'), contact: settingSchema('contact') },
		'give {"institution": {"hy","ru","en"} or null, "contact": {"hy","ru","en"} or null}'
	)
);
export type DeploymentInput = z.infer<typeof deploymentInputSchema>;

/** GET /api/deployment and the answer to PUT /api/admin/deployment; updatedAt null until first set. */
export const deploymentSettingsSchema = /* @__PURE__ */ pure(() =>
	z.object({
		institution: z.nullable(z.object({ hy: z.string(), ru: z.string(), en: z.string() })),
		contact: z.nullable(z.object({ hy: z.string(), ru: z.string(), en: z.string() })),
		updatedAt: z.nullable(z.string())
	})
);
export type DeploymentSettings = z.infer<typeof deploymentSettingsSchema>;

/** Six texts of up to 1,000 characters, Armenian taking two bytes each, with room for JSON. */
export const MAX_DEPLOYMENT_BODY_BYTES = 32 * 1024;

// ── review of submissions (the supervisor's desk) ──────────────────────────────────

/** Where a submission stands in the supervisor's review, in ODK Central's words: `received` until set. */
export const reviewStates = ['received', 'hasIssues', 'approved', 'rejected'] as const;
export const reviewStateSchema = /* @__PURE__ */ pure(() => z.enum(reviewStates, `reviewState: give one of ${reviewStates.join(', ')}`));
export type ReviewState = z.infer<typeof reviewStateSchema>;
/** The longest comment a review keeps, and the largest body that sets one (Armenian takes 2 bytes a letter). */
export const MAX_REVIEW_COMMENT = 2000;
export const MAX_REVIEW_BODY_BYTES = 16 * 1024;

/** PATCH /api/admin/submissions/<id>. */
export const reviewChangeSchema = /* @__PURE__ */ pure(() =>
	z.strictObject({
		reviewState: reviewStateSchema,
		comment: z.optional(z.string().check(z.maxLength(MAX_REVIEW_COMMENT, `comment: at most ${MAX_REVIEW_COMMENT} characters`)))
	})
);
export type ReviewChange = z.infer<typeof reviewChangeSchema>;

/** One step of a submission's review: the state set, the comment, who (the name given at sign-in) and when. */
export const reviewStepSchema = /* @__PURE__ */ pure(() =>
	z.object({ state: reviewStateSchema, comment: z.nullable(z.string()), by: z.string(), at: z.string() })
);
export type ReviewStep = z.infer<typeof reviewStepSchema>;

export const reviewSchema = /* @__PURE__ */ pure(() =>
	z.object({ id: z.string(), reviewState: reviewStateSchema, history: z.array(reviewStepSchema) })
);
export type Review = z.infer<typeof reviewSchema>;

/*
 * The backup file a tablet writes ("Export backup") and POST /api/admin/import reads: every
 * interview on the device, for weeks without network (a USB stick, a message). `format` and
 * `version` come first so a later version can be told apart and read; never the token.
 */
export const BACKUP_FORMAT = 'tun-backup';
export const BACKUP_VERSION = 1;
/** POST /api/admin/import reads at most this much: a tablet's weeks of interviews with their audit logs. */
export const MAX_IMPORT_BODY_BYTES = 100 * 1024 * 1024;

export const backupStatuses = ['draft', 'finalized', 'sent'] as const;
export type BackupStatus = (typeof backupStatuses)[number];

/** A draft as the device keeps it (answers, position, audit log, …): its key fields checked, the rest kept as it is. */
export const backupDraftSchema = /* @__PURE__ */ pure(() =>
	z.looseObject({
		id: z.uuid('id must be a UUID'),
		formId: z.string().check(z.minLength(1), z.maxLength(64)),
		formVersion: z.string().check(z.minLength(1), z.maxLength(32)),
		deviceId: z.string().check(z.minLength(1), z.maxLength(128)),
		startedAt: isoTimestamp,
		/** The last change on the device (UTC, "…Z"): of two copies of one draft, the newer is kept. */
		updatedAt: z.iso.datetime(),
		/** The questionnaire's language the interview was shown in: one of its form's languages. */
		language: languageCodeSchema,
		answers: z.record(z.string(), z.unknown())
	})
);
export type BackupDraft = z.infer<typeof backupDraftSchema>;

/**
 * One interview of the backup. A finalized or sent one carries `submission`, exactly the
 * item the outbox sends (POST /api/submissions), which the server checks as sync does. A
 * draft carries `draft`, the device's record; so does a finalized interview the tablet
 * could not make a submission of (it has no final answers), instead of a submission.
 */
export const backupInterviewSchema = /* @__PURE__ */ pure(() =>
	z
		.object({
			id: z.uuid('id must be a UUID'),
			status: z.enum(backupStatuses, 'status: give "draft", "finalized" or "sent"'),
			instanceName: z.optional(z.string().check(z.maxLength(2000))),
			submission: z.optional(z.unknown()),
			draft: z.optional(backupDraftSchema),
			sentAt: z.optional(isoTimestamp)
		})
		.check(
			z.refine((e) => e.status !== 'draft' || (e.draft !== undefined && e.submission === undefined), {
				message: 'a draft carries "draft" and no "submission"'
			}),
			z.refine((e) => e.submission !== undefined || e.draft !== undefined, { message: 'give the interview as "submission" or as "draft"' }),
			z.refine((e) => e.draft === undefined || e.draft.id === e.id, {
				message: 'draft.id differs from the interview id',
				path: ['draft', 'id']
			}),
			z.refine(
				(e) =>
					typeof e.submission !== 'object' ||
					e.submission === null ||
					!('id' in e.submission) ||
					(e.submission as { id: unknown }).id === e.id,
				{ message: 'submission.id differs from the interview id', path: ['submission', 'id'] }
			)
		)
);
export type BackupInterview = z.infer<typeof backupInterviewSchema>;

export const backupFileSchema = /* @__PURE__ */ pure(() =>
	z
		.object({
			format: z.literal(BACKUP_FORMAT, `format: this is not a Tun backup file (give "${BACKUP_FORMAT}")`),
			version: z.literal(BACKUP_VERSION, `version: this server reads backup version ${BACKUP_VERSION}`),
			/** When the file was written (the tablet's clock). */
			createdAt: isoTimestamp,
			/** The app build that wrote it. */
			appVersion: z.string().check(z.maxLength(100)),
			deviceId: z.string().check(z.minLength(1), z.maxLength(128)),
			/** The server the tablet was set up for (its origin), null when not set up. */
			server: z.nullable(z.string().check(z.maxLength(2000))),
			/** Whose interviews these are; id null when the tablet never heard it from the server. */
			enumerator: z.object({
				id: z.nullable(z.string().check(z.maxLength(64))),
				name: z.nullable(z.string().check(z.maxLength(200)))
			}),
			/** How many of each status the file holds, for a person reading it. */
			counts: z.object({ draft: z.number(), finalized: z.number(), sent: z.number() }),
			interviews: z.array(backupInterviewSchema)
		})
		.check(
			z.refine((f) => backupStatuses.every((s) => f.counts[s] === f.interviews.filter((i) => i.status === s).length), {
				message: 'counts do not match the interviews in the file',
				path: ['counts']
			})
		)
);
export type BackupFile = z.infer<typeof backupFileSchema>;

/** The answer to POST /api/admin/import: each finalized interview as sync answers it, and how many drafts were kept. */
export const importResultSchema = /* @__PURE__ */ pure(() => z.object({ results: z.array(itemResultSchema), drafts: z.number() }));
export type ImportResult = z.infer<typeof importResultSchema>;

// ── tablets' reports (the supervisor's desk) ──────────────────────────────────────

/** POST /api/devices/report (enumerator token), after every sync, even with nothing waiting. */
export const deviceReportSchema = /* @__PURE__ */ pure(() =>
	z.strictObject({
		deviceId: z.string().check(z.minLength(1, 'deviceId is missing'), z.maxLength(128, 'deviceId: at most 128 characters')),
		/** Finalized interviews waiting to be sent. */
		waiting: z.int().check(z.minimum(0), z.maximum(1_000_000)),
		/** Interviews being filled (drafts). */
		drafts: z.int().check(z.minimum(0), z.maximum(1_000_000)),
		appVersion: z.string().check(z.maxLength(64, 'appVersion: at most 64 characters'))
	})
);
export type DeviceReport = z.infer<typeof deviceReportSchema>;
/** A report body is a few numbers: anything larger is refused before it is read whole. */
export const MAX_DEVICE_REPORT_BYTES = 1024;

/** A tablet silent for longer than this is flagged on the desk. */
export const SILENT_AFTER_MS = 2 * 24 * 3600_000;

/** GET /api/admin/devices: one row per tablet and enumerator, the latest report first. */
export const deviceViewSchema = /* @__PURE__ */ pure(() =>
	z.object({
		deviceId: z.string(),
		enumeratorId: z.string(),
		enumerator: z.string(),
		waiting: z.number(),
		drafts: z.number(),
		appVersion: z.string(),
		reportedAt: z.string(),
		/** No report for more than two days. */
		silent: z.boolean()
	})
);
export type DeviceView = z.infer<typeof deviceViewSchema>;

// ── the supervisor's desk: the submissions table (GET /api/admin/submissions) ──────────

/** Rows a page of the desk's table holds: 50 unless asked, at most 500. */
export const DESK_DEFAULT_LIMIT = 50;
export const DESK_MAX_LIMIT = 500;

/** A questionnaire's text by language code: the form's languages (textIn reads one). */
const translatedView = /* @__PURE__ */ pure(() => z.record(z.string(), z.string()));

// ── data-quality flags (GET/PUT /api/admin/quality, the desk's `flag` filter) ──────────

/** The flags the server computes, by the name `flag=` filters on. */
export const flagNames = ['speeder', 'straightLining', 'dontKnow', 'duplicate', 'location', 'answerChanges'] as const;
export type FlagName = (typeof flagNames)[number];

/** When a flag is raised; PUT /api/admin/quality sets every one at once. */
export const qualityThresholdsSchema = /* @__PURE__ */ pure(() =>
	z.strictObject(
		{
			/** Interview time (time on screens, pauses over 30 minutes left out) under this many minutes. */
			speederMinutes: z
				.number('speederMinutes: a number of minutes')
				.check(z.minimum(1, 'speederMinutes: at least 1'), z.maximum(600, 'speederMinutes: at most 600')),
			/** A scale: at least this many consecutive single-choice questions on one screen sharing a choice list. */
			scaleItems: z
				.int('scaleItems: a whole number')
				.check(z.minimum(3, 'scaleItems: at least 3'), z.maximum(50, 'scaleItems: at most 50')),
			/** At least this many Don't know / Refused answers. */
			dontKnow: z.int('dontKnow: a whole number').check(z.minimum(1, 'dontKnow: at least 1'), z.maximum(10000, 'dontKnow: at most 10000')),
			/** Farther than this many km from the median of the other interviews of its place. */
			locationKm: z
				.number('locationKm: a number of km')
				.check(z.minimum(0.1, 'locationKm: at least 0.1'), z.maximum(20000, 'locationKm: at most 20000')),
			/** One answer changed at least this many times. */
			answerChanges: z
				.int('answerChanges: a whole number')
				.check(z.minimum(2, 'answerChanges: at least 2'), z.maximum(10000, 'answerChanges: at most 10000'))
		},
		'give the thresholds as {"speederMinutes","scaleItems","dontKnow","locationKm","answerChanges"}, nothing else'
	)
);
export type QualityThresholds = z.infer<typeof qualityThresholdsSchema>;
export const MAX_QUALITY_BODY_BYTES = 4096;

/**
 * A flag with its reason: `reason` in English words, and the numbers it was made of (what the
 * desk words in the supervisor's language). Labels are the questionnaire's, null when none.
 */
export const qualityFlagSchema = /* @__PURE__ */ pure(() =>
	z.discriminatedUnion('flag', [
		z.object({ flag: z.literal('speeder'), reason: z.string(), minutes: z.number(), threshold: z.number() }),
		z.object({
			flag: z.literal('straightLining'),
			reason: z.string(),
			items: z.number(),
			list: z.string(),
			screen: z.string(),
			screenLabel: z.nullable(translatedView),
			answer: z.string()
		}),
		z.object({ flag: z.literal('dontKnow'), reason: z.string(), count: z.number(), threshold: z.number() }),
		z.object({ flag: z.literal('duplicate'), reason: z.string(), others: z.array(z.string()) }),
		z.object({
			flag: z.literal('location'),
			reason: z.string(),
			/** Missing: no answer, or the tablet's reason for no fix; else how far, in km. */
			missing: z.boolean(),
			km: z.nullable(z.number()),
			threshold: z.nullable(z.number()),
			place: z.nullable(z.string()),
			placeLabel: z.nullable(translatedView)
		}),
		z.object({
			flag: z.literal('answerChanges'),
			reason: z.string(),
			question: z.string(),
			path: z.string(),
			label: z.nullable(translatedView),
			times: z.number(),
			threshold: z.number()
		})
	])
);
export type QualityFlag = z.infer<typeof qualityFlagSchema>;

/** GET and PUT /api/admin/quality: the thresholds, and how many stored submissions each flag marks. */
export const qualityViewSchema = /* @__PURE__ */ pure(() =>
	z.object({ thresholds: qualityThresholdsSchema, counts: z.record(z.string(), z.number()) })
);
export type QualityView = z.infer<typeof qualityViewSchema>;

/** One submission as the desk's table lists it. */
export const deskItemSchema = /* @__PURE__ */ pure(() =>
	z.object({
		id: z.string(),
		formId: z.string(),
		formVersion: z.string(),
		enumeratorId: z.nullable(z.string()),
		/** The enumerator's name now; null for a submission without one. */
		enumerator: z.nullable(z.string()),
		startedAt: z.string(),
		finalizedAt: z.string(),
		receivedAt: z.string(),
		reviewState: reviewStateSchema,
		/** The place question's value (its value name, or the text typed); null when not answered with one. */
		settlement: z.nullable(z.string()),
		/** The settlement's choice label in each language; null when it is not a choice. */
		settlementLabel: z.nullable(translatedView),
		instanceName: z.nullable(z.string()),
		/** finalizedAt - startedAt, in whole seconds. */
		durationSeconds: z.number(),
		breakOff: z.boolean(),
		/** Its data-quality flags, each with its reason. */
		flags: z.array(qualityFlagSchema)
	})
);
export type DeskItem = z.infer<typeof deskItemSchema>;

/** GET /api/admin/submissions: a page, how many match, and the cursor of the next page (null on the last). */
export const deskPageSchema = /* @__PURE__ */ pure(() =>
	z.object({ items: z.array(deskItemSchema), total: z.number(), next: z.nullable(z.string()) })
);
export type DeskPageView = z.infer<typeof deskPageSchema>;

/** An answer as the desk shows it: a text, choice labels, or Don't know / Refused. */
export const deskValueSchema = /* @__PURE__ */ pure(() =>
	z.union([
		z.object({ text: z.string() }),
		z.object({ labels: z.array(translatedView) }),
		z.object({ special: z.enum(['dont_know', 'refused']) })
	])
);
export type DeskValue = z.infer<typeof deskValueSchema>;

/** A line of a submission as the questionnaire reads: a heading (a group, a repeat's numbered entry) or a question with its answer. */
export const deskLineSchema = /* @__PURE__ */ pure(() =>
	z.object({
		depth: z.number(),
		label: translatedView,
		/** A repeat entry's number (from 1). */
		entry: z.optional(z.number()),
		value: z.optional(deskValueSchema)
	})
);
export type DeskLine = z.infer<typeof deskLineSchema>;

/** GET /api/admin/submissions/<id>: the review (as PATCH answers), the stored submission, its form's title and its answers as read. */
export const deskSubmissionSchema = /* @__PURE__ */ pure(() =>
	z.object({
		id: z.string(),
		reviewState: reviewStateSchema,
		history: z.array(reviewStepSchema),
		submission: z.looseObject({
			id: z.string(),
			formId: z.string(),
			formVersion: z.string(),
			startedAt: z.string(),
			finalizedAt: z.string(),
			receivedAt: z.string(),
			enumeratorId: z.nullable(z.string()),
			meta: z.optional(z.looseObject({ events: z.optional(z.array(z.record(z.string(), z.unknown()))) }))
		}),
		formTitle: z.nullable(translatedView),
		answers: z.array(deskLineSchema),
		/** Its data-quality flags, each with its reason. */
		flags: z.array(qualityFlagSchema)
	})
);
export type DeskSubmission = z.infer<typeof deskSubmissionSchema>;

// ── conflicts from sync (the supervisor's desk) ─────────────────────────────────────

/** Which version a supervisor keeps: the stored one, or the newest content sent under its id. */
export const conflictKeeps = ['stored', 'new'] as const;
/** POST /api/admin/conflicts/<submission id>/resolve. */
export const conflictResolveSchema = /* @__PURE__ */ pure(() =>
	z.strictObject({ keep: z.enum(conflictKeeps, 'keep: give "stored" or "new"') }, 'give {"keep": "stored"} or {"keep": "new"}')
);
export const MAX_CONFLICT_RESOLVE_BYTES = 1024;
/** The choice as recorded: `by` is the name given at sign-in. */
export const conflictChoiceSchema = /* @__PURE__ */ pure(() => z.object({ keep: z.enum(conflictKeeps), by: z.string(), at: z.string() }));
/** The answer to a resolve: the submission's id and the choice recorded. */
export const conflictResolutionSchema = /* @__PURE__ */ pure(() =>
	z.object({ id: z.string(), keep: z.enum(conflictKeeps), by: z.string(), at: z.string() })
);
export type ConflictResolution = z.infer<typeof conflictResolutionSchema>;

/** The submission's own fields a comparison shows (besides the answers). */
export const conflictFieldNames = [
	'formVersion',
	'deviceId',
	'enumerator',
	'startedAt',
	'finalizedAt',
	'language',
	'events',
	'meta'
] as const;

/**
 * GET /api/admin/conflicts (open ones; `?resolved=1` the settled ones): each content sent under
 * a stored id with other content (`id` the submission's id, `enumeratorId` its sender,
 * `receivedAt`, `submission` as sent), with `stored` (the stored version: now for an open one,
 * as it was when settled for a settled one), `resolution` (null while open), and both versions
 * compared field by field (`fields`, then `lines` as the questionnaire reads, `differs` marking
 * what changed). This schema reads what the screen uses.
 */
export const conflictViewSchema = /* @__PURE__ */ pure(() =>
	z.object({
		id: z.string(),
		receivedAt: z.string(),
		enumeratorId: z.nullable(z.string()),
		submission: z.looseObject({ formId: z.string() }),
		/** The sender's name now; null when unknown. */
		enumerator: z.nullable(z.string()),
		resolution: z.nullable(conflictChoiceSchema),
		formTitle: z.nullable(translatedView),
		fields: z.array(
			z.object({ name: z.enum(conflictFieldNames), stored: z.nullable(z.string()), new: z.nullable(z.string()), differs: z.boolean() })
		),
		lines: z.array(
			z.object({
				depth: z.number(),
				label: translatedView,
				entry: z.optional(z.number()),
				stored: z.optional(deskValueSchema),
				new: z.optional(deskValueSchema),
				differs: z.boolean()
			})
		)
	})
);
export type ConflictView = z.infer<typeof conflictViewSchema>;
