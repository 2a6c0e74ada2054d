/**
 * The sync contract between devices and the server, shared by both sides.
 * Devices in the field depend on these shapes: change them only additively.
 */
import * as z from 'zod/mini';
import { languageSchema } from './form/schema';
import { MAX_BREAK_OFF_REASON, MAX_EVENTS } from './wire-limits';

export const MAX_BATCH = 100;

const isoTimestamp = z.iso.datetime({ offset: true });

export const submissionSchema = z.object({
	id: z.uuid('id must be a UUID'),
	formId: z.string().check(z.minLength(1), z.maxLength(64)),
	formVersion: z.string().check(z.minLength(1), z.maxLength(32)),
	deviceId: z.string().check(z.minLength(1), z.maxLength(128)),
	startedAt: isoTimestamp,
	finalizedAt: isoTimestamp,
	language: languageSchema,
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
			events: z.optional(z.array(z.record(z.string(), z.unknown())).check(z.maxLength(MAX_EVENTS)))
		})
	)
});
export type Submission = z.infer<typeof submissionSchema>;

export const batchEnvelopeSchema = z.object({
	submissions: z
		.array(z.unknown())
		.check(
			z.minLength(1, 'submissions must hold at least one item'),
			z.maxLength(MAX_BATCH, `submissions may hold at most ${MAX_BATCH} items`)
		)
});

export const itemStatuses = ['created', 'duplicate', 'conflict', 'invalid'] as const;
export type ItemStatus = (typeof itemStatuses)[number];

export const itemErrorSchema = z.object({ path: z.string(), message: z.string() });
export type ItemError = z.infer<typeof itemErrorSchema>;

export const itemResultSchema = z.object({
	/** The id as sent; null when the item had no string id at all. */
	id: z.nullable(z.string()),
	status: z.enum(itemStatuses),
	errors: z.optional(z.array(itemErrorSchema)),
	/** How many errors past the first 20 were not listed. */
	moreErrors: z.optional(z.number())
});
export type ItemResult = z.infer<typeof itemResultSchema>;

export const batchResultSchema = z.object({ results: z.array(itemResultSchema) });
export type BatchResult = z.infer<typeof batchResultSchema>;

export const errorBodySchema = z.object({ error: z.string() });

/** GET /api/health: the server answers, and which store it runs on. */
export const healthSchema = z.object({ ok: z.literal(true), storage: z.enum(['sqlite', 'postgres']) });
export type Health = z.infer<typeof healthSchema>;

/** GET /api/me: whom an enumerator token belongs to. */
export const meSchema = z.object({ id: z.string(), name: z.string() });
export type Me = z.infer<typeof meSchema>;

/** GET /api/forms: the form versions the server knows. */
export const formListSchema = z.array(z.object({ id: z.string(), version: z.string(), title: z.unknown(), publishedAt: z.string() }));
export type FormList = z.infer<typeof formListSchema>;

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
export const signInSchema = z.object({
	token: z.string('token: give the admin token').check(z.maxLength(512, 'token: that is not the admin token')),
	name: personName('name')
});
export type SignIn = z.infer<typeof signInSchema>;

/** GET /api/admin/session and the answer to a sign-in. */
export const sessionStateSchema = z.object({ admin: z.boolean(), name: z.optional(z.string()) });
export type SessionState = z.infer<typeof sessionStateSchema>;

/** POST /api/admin/enumerators */
export const newEnumeratorSchema = z.object({ name: personName('name') });

export const enumeratorViewSchema = z.object({
	id: z.string(),
	name: z.string(),
	createdAt: z.string(),
	revokedAt: z.nullable(z.string())
});
export type EnumeratorView = z.infer<typeof enumeratorViewSchema>;

/** The answer to POST /api/admin/enumerators: the token is shown only here. */
export const createdEnumeratorSchema = z.object({ id: z.string(), name: z.string(), token: z.string(), setupUrl: z.string() });
export type CreatedEnumerator = z.infer<typeof createdEnumeratorSchema>;

export const conflictViewSchema = z.object({ id: z.string(), receivedAt: z.string() });
export type ConflictView = z.infer<typeof conflictViewSchema>;
