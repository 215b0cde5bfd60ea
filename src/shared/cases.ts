import { z } from 'zod';
import { caseKeySchema, caseReferenceSchema, caseTypeSchema, urgencySchema } from './case-keys.ts';
import { sensitive } from './sensitive.ts';

/**
 * Request and response shapes of the case core: everything that is the same for every kind of case
 * (Ondersteuningsteam support requests, SIPA advice requests, later ones). The core knows no type: a
 * type's statuses, outcomes, own actions and the type part of a case's detail (`typeDetail`) are
 * declared in the type's own file (support.ts, sipa.ts, …); here they are open keys.
 *
 * Conventions
 * - Every request body is a strict object: unknown fields are refused (400 `validation_failed`).
 * - A case the caller may not see answers 404 `not_found`, exactly like a case that does not exist.
 * - Statuses, outcomes, next steps and notification kinds are keys; the web app translates them
 *   (`cases.status.<type>.<status>`, `cases.next.<type>.<nextStep>`, `cases.outcome.<type>.<outcome>`).
 * - Case contents (messages, notes, intake, file names, feedback) are marked `sensitive()`.
 * - Times are ISO 8601 UTC strings.
 */

// ---------------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------------

export * from './case-keys.ts';

/**
 * Statuses and outcome categories are the type's own (SUPPORT_STATUSES, SIPA_OUTCOMES, …; also
 * GET /api/cases/types); the API never puts a case in a status its type does not have.
 */
export type CaseStatus = string;
export const caseStatusSchema = caseKeySchema;
export type CaseOutcome = string;
export const caseOutcomeSchema = caseKeySchema;

/**
 * What a grantee (a peer or expert the requester lets in) may see. `summary` (reference, status, the
 * kind of situation) is always part of a grant; the others are chosen by the requester.
 */
export const GRANT_SCOPES = ['summary', 'intake', 'messages', 'attachments'] as const;
export type GrantScope = (typeof GRANT_SCOPES)[number];
export const grantScopeSchema = z.enum(GRANT_SCOPES);

/** The caller's relations to a case (src/server/lib/policy.ts). */
export const CASE_RELATIONS = ['owner', 'assigned', 'coordinator', 'grantee'] as const;
export const caseRelationSchema = z.enum(CASE_RELATIONS);

/**
 * Actions the caller may take on a case right now (status and relation considered); the web app shows
 * exactly these buttons. The server checks again on every call. These are the core's; each type adds
 * its own (SUPPORT_ACTIONS, SIPA_ACTIONS, …), so `viewer.actions` holds keys of both.
 */
export const CORE_CASE_ACTIONS = [
  'read_intake',
  'read_messages',
  'post_message',
  'read_notes',
  'post_note',
  'read_attachments',
  'upload_attachment',
  'change_status',
  'change_urgency',
  'assign',
  'take',
  'release',
  'close',
  'reopen',
  'give_feedback',
  'erase',
  'propose_grant',
  'manage_grants',
] as const;
export type CoreCaseAction = (typeof CORE_CASE_ACTIONS)[number];
export type CaseAction = string;
export const caseActionSchema = caseKeySchema;

export const MESSAGE_MAX_LENGTH = 10_000;
export const NOTE_MAX_LENGTH = 10_000;
export const FEEDBACK_MAX_LENGTH = 2_000;

export const caseIdParamsSchema = z.object({ caseId: z.uuid() });
export const grantParamsSchema = z.object({ caseId: z.uuid(), grantId: z.uuid() });
export const attachmentParamsSchema = z.object({ caseId: z.uuid(), attachmentId: z.uuid() });

const isoDateTime = z.iso.datetime();

/** A person helping on a case, as the requester sees them: a name and what they do. */
export const caseHelperSchema = z.object({
  personId: z.uuid(),
  displayName: z.string().nullable(),
  /** `assigned`: the confidant / advisor handling the case; `peer` / `expert`: let in by the requester. */
  role: z.enum(['assigned', 'peer', 'expert']),
});

// ---------------------------------------------------------------------------------------------------
// The requester's list: GET /api/me/cases
// ---------------------------------------------------------------------------------------------------

export const myCaseSchema = z.object({
  id: z.uuid(),
  reference: caseReferenceSchema,
  type: caseTypeSchema,
  status: caseStatusSchema,
  /** Translated by the web app: `cases.next.<type>.<nextStep>`, e.g. `support.wait_for_contact`. */
  nextStep: z.string(),
  urgency: urgencySchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  closedAt: isoDateTime.nullable(),
  /** Until when the requester may reopen a closed case (null when open, or when the window passed). */
  reopenUntil: isoDateTime.nullable(),
  helpers: z.array(caseHelperSchema),
  /** Messages and visible events the requester has not seen yet. */
  unread: z.number().int().min(0),
});
export const myCasesResponseSchema = z.object({ cases: z.array(myCaseSchema) });
export type MyCase = z.infer<typeof myCaseSchema>;

// ---------------------------------------------------------------------------------------------------
// One case: GET /api/cases/:caseId (what the caller may see of it)
// ---------------------------------------------------------------------------------------------------

export const caseSlaSchema = z.object({
  /** When the first response is due; null once it happened or while the clock is paused. */
  firstResponseDueAt: isoDateTime.nullable(),
  firstResponseAt: isoDateTime.nullable(),
  paused: z.boolean(),
  dueSoon: z.boolean(),
  late: z.boolean(),
});

export const grantSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  displayName: z.string().nullable(),
  /** `peer` or `expert` (the grantee's role), with the expert's field when known. */
  kind: z.enum(['peer', 'expert']),
  expertField: z.string().nullable(),
  scopes: z.array(grantScopeSchema),
  /** proposed (waits for the requester), active, declined, revoked. */
  state: z.enum(['proposed', 'active', 'declined', 'revoked']),
  proposedAt: isoDateTime,
  consentedAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});
export type CaseGrant = z.infer<typeof grantSchema>;

export const caseFeedbackSchema = z.object({
  rating: z.number().int().min(1).max(5),
  body: sensitive(z.string().nullable()),
  at: isoDateTime,
});

/** The core fields of a case, the same for every type. The type's own part is `typeDetail` (caseDetailSchema). */
export const caseCoreSchema = z.object({
  id: z.uuid(),
  reference: caseReferenceSchema,
  type: caseTypeSchema,
  status: caseStatusSchema,
  nextStep: z.string(),
  urgency: urgencySchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  closedAt: isoDateTime.nullable(),
  outcome: caseOutcomeSchema.nullable(),
  reopenUntil: isoDateTime.nullable(),
  /** Office type and region of the requester, for routing and statistics. */
  officeType: z.string().nullable(),
  region: z.string().nullable(),
  helpers: z.array(caseHelperSchema),
  viewer: z.object({
    relations: z.array(caseRelationSchema),
    /** For a grantee: the scopes granted. */
    scopes: z.array(grantScopeSchema),
    actions: z.array(caseActionSchema),
    /** Status keys the caller may move the case to with POST /api/cases/:caseId/status. */
    statusTargets: z.array(caseStatusSchema),
  }),
  /** Staff only (assigned, coordinator); null for the requester and grantees. */
  sla: caseSlaSchema.nullable(),
  /** Requester and staff see the grants; a grantee does not. */
  grants: z.array(grantSchema).nullable(),
  feedback: caseFeedbackSchema.nullable(),
  unread: z.number().int().min(0),
});

/**
 * GET /api/cases/:caseId: the core fields and the type's own part, `typeDetail`, made by the type's
 * presenter and checked against the type's schema (supportTypeDetailSchema, sipaTypeDetailSchema, …):
 * its intake (null when the caller may not read it, e.g. a grantee without the `intake` scope) and what
 * only that type has.
 */
export const caseDetailSchema = caseCoreSchema.extend({
  typeDetail: sensitive(z.record(z.string(), z.unknown())),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

// ---------------------------------------------------------------------------------------------------
// Timeline, messages, notes
// ---------------------------------------------------------------------------------------------------

/** The core's timeline events; types add their own (e.g. `advice_recorded`, `conflict_confirmed`). */
export const CORE_TIMELINE_EVENT_KINDS = [
  'created',
  'status_changed',
  'assigned',
  'released',
  'urgency_changed',
  'message',
  'attachment_added',
  'grant_proposed',
  'grant_consented',
  'grant_declined',
  'grant_revoked',
  'closed',
  'reopened',
  'feedback_given',
  'reminder_sent',
  'escalated',
] as const;
export const timelineEventKindSchema = caseKeySchema;

export const timelineEventSchema = z.object({
  id: z.uuid(),
  at: isoDateTime,
  kind: timelineEventKindSchema,
  actorName: z.string().nullable(),
  fromStatus: caseStatusSchema.nullable(),
  toStatus: caseStatusSchema.nullable(),
  /** `requester`: shown to the requester too; `staff`: staff only. */
  visibility: z.enum(['requester', 'staff']),
  /** Plain facts (codes, never content), e.g. `{ outcome: 'advice_given' }`. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
});
export const timelineResponseSchema = z.object({ events: z.array(timelineEventSchema) });

export const messageSchema = z.object({
  id: z.uuid(),
  at: isoDateTime,
  authorId: z.uuid().nullable(),
  authorName: z.string().nullable(),
  /** True when the requester wrote it. */
  fromRequester: z.boolean(),
  body: sensitive(z.string()),
});
export const messagesResponseSchema = z.object({ messages: z.array(messageSchema) });
export const postMessageSchema = z.strictObject({ body: sensitive(z.string().trim().min(1).max(MESSAGE_MAX_LENGTH)) });
export type CaseMessage = z.infer<typeof messageSchema>;

/** Internal notes: staff only (assigned and coordinator), never shown to the requester or grantees. */
export const noteSchema = z.object({
  id: z.uuid(),
  at: isoDateTime,
  authorId: z.uuid().nullable(),
  authorName: z.string().nullable(),
  body: sensitive(z.string()),
});
export const notesResponseSchema = z.object({ notes: z.array(noteSchema) });
export const postNoteSchema = z.strictObject({ body: sensitive(z.string().trim().min(1).max(NOTE_MAX_LENGTH)) });

// ---------------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------------

/** POST /api/cases/:caseId/status — move to another status the type allows (e.g. waiting_for_requester). */
export const changeStatusSchema = z.strictObject({ to: caseStatusSchema });
/** POST /api/cases/:caseId/urgency — coordinator or assigned staff; the due time is recalculated. */
export const changeUrgencySchema = z.strictObject({ urgency: urgencySchema });
/** POST /api/cases/:caseId/assign — the type's coordinator assigns a staff member (or reassigns). */
export const assignSchema = z.strictObject({ personId: z.uuid() });
/** POST /api/cases/:caseId/close — assigned staff or coordinator; the requester may withdraw (outcome `withdrawn`). */
export const closeCaseSchema = z.strictObject({ outcome: caseOutcomeSchema });
/** POST /api/cases/:caseId/feedback — the requester, once the case is closed. */
export const feedbackSchema = z.strictObject({
  rating: z.number().int().min(1).max(5),
  body: sensitive(z.string().trim().max(FEEDBACK_MAX_LENGTH).optional()),
});
/**
 * POST /api/cases/:caseId/erase — the requester asks for early deletion of their own closed case. Needs a
 * recent sign-in (403 `step_up_required`) and the reference typed back. Content is destroyed at once.
 */
export const eraseCaseSchema = z.strictObject({ reference: z.string().trim().toUpperCase().max(20) });
/** POST /api/cases/:caseId/grants — assigned staff propose letting a peer or expert in; the requester decides. */
export const proposeGrantSchema = z.strictObject({
  personId: z.uuid(),
  scopes: z.array(grantScopeSchema).min(1),
});
/** POST /api/cases/:caseId/grants/:grantId/consent — the requester agrees, optionally to fewer scopes. */
export const consentGrantSchema = z.strictObject({ scopes: z.array(grantScopeSchema).min(1) });

export const okResponseSchema = z.object({ ok: z.literal(true) });

/** Answer of most case actions: the case as the caller now sees it. */
export const caseActionResponseSchema = z.object({ id: z.uuid(), status: caseStatusSchema });

// ---------------------------------------------------------------------------------------------------
// Notifications about cases (the notifications module lists them: src/shared/notifications.ts). Their
// subject is `{ type: 'case', id }`, described as the case's reference, its type and the reader's page.
// ---------------------------------------------------------------------------------------------------

export const CASE_NOTIFICATION_KINDS = [
  'case_update',
  'case_message',
  'case_assigned',
  'case_new_in_queue',
  'case_due_soon',
  'case_late',
  'grant_proposed',
  'grant_changed',
] as const;
export type CaseNotificationKind = (typeof CASE_NOTIFICATION_KINDS)[number];

// ---------------------------------------------------------------------------------------------------
// Case types: GET /api/cases/types (statuses and transitions, for the web app's labels and buttons)
// ---------------------------------------------------------------------------------------------------

export const caseTypeInfoSchema = z.object({
  type: caseTypeSchema,
  statuses: z.array(caseStatusSchema),
  outcomes: z.array(caseOutcomeSchema),
  pausedStatus: caseStatusSchema,
  reopenDays: z.number().int(),
  retentionDays: z.number().int(),
  /** The type's own actions (besides the core's), for the web app's buttons. */
  actions: z.array(caseActionSchema),
  firstResponseTargets: z.object({
    urgent: z.object({ amount: z.number(), unit: z.enum(['minutes', 'working_days']) }),
    normal: z.object({ amount: z.number(), unit: z.enum(['minutes', 'working_days']) }),
  }),
});
export const caseTypesResponseSchema = z.object({ types: z.array(caseTypeInfoSchema) });

export * from './case-attachments.ts';
export * from './case-queue.ts';
