import { z } from 'zod';
import { incidentShareConsentSchema, incidentShareRefSchema } from './incident-share.ts';
import { ASSOCIATIONS, OFFICES } from './people.ts';
import { isPhoneNumber, PHONE_INPUT_MAX_LENGTH } from './phone.ts';
import { sensitive } from './sensitive.ts';

/**
 * Ondersteuningsteam Weerbaar Bestuur: support requests (case type `support`). The generic case routes
 * (messages, attachments, status, grants …) are in cases.ts; these are the type's own parts.
 *
 * Routes
 * - POST /api/support/requests                          officeholder, relative: ask for support
 * - PUT  /api/cases/:caseId/support/advice              assigned confidant: record structured advice
 * - POST /api/cases/:caseId/support/zelfscan/withdraw   requester: take back the shared zelfscan result
 * - …/support/incidents…                                 sharing an incident by consent (incident-share.ts)
 * - GET  /api/support/staff?role=confidant|peer|expert  ot_coordinator, confidant: who can be assigned or let in
 */

/** The case type's key. */
export const SUPPORT_CASE_TYPE = 'support';

export const SUPPORT_STATUSES = [
  'submitted',
  'assigned',
  'in_progress',
  'waiting_for_requester',
  'advised',
  'closed',
] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

export const SUPPORT_OUTCOMES = [
  'advice_given',
  'referred',
  'peer_support',
  'expert_support',
  'no_action_needed',
  'no_contact',
  'withdrawn',
] as const;

/** The type's own actions on a case, besides the core's (CORE_CASE_ACTIONS in cases.ts). */
export const SUPPORT_ACTIONS = [
  'record_advice',
  'withdraw_zelfscan',
  'read_zelfscan',
  'share_incident',
  'withdraw_incident_share',
  'read_incident',
] as const;

export const SUPPORT_SITUATIONS = [
  'intimidation',
  'threat',
  'aggression',
  'violence',
  'online_harassment',
  'concern_for_family',
  'other',
] as const;
export const supportSituationSchema = z.enum(SUPPORT_SITUATIONS);

/** Since when it is going on. */
export const SUPPORT_SINCE = ['today', 'this_week', 'this_month', 'longer'] as const;

export const SUPPORT_AFFECTED = ['me', 'partner', 'children', 'other_family', 'staff', 'other'] as const;

export const CONTACT_CHANNELS = ['phone', 'in_app'] as const;
export const CONTACT_TIMES = ['any_time', 'office_hours', 'evenings'] as const;

export const SUPPORT_TEXT_MAX_LENGTH = 5_000;

/** Dutch and international phone numbers as people type them, checked as phone numbers (phone.ts). */
export const phoneSchema = sensitive(
  z
    .string()
    .trim()
    .max(PHONE_INPUT_MAX_LENGTH)
    .refine(isPhoneNumber, 'a Dutch or international phone number, for example 06 12345678 or +32 2 123 45 67'),
);

export const supportContactSchema = z.strictObject({
  channel: z.enum(CONTACT_CHANNELS),
  /** Required when channel is `phone`. Encrypted at rest. */
  phone: phoneSchema.optional(),
  when: z.enum(CONTACT_TIMES),
});

/** A colleague's concern about another office holder: who (encrypted; only staff handling it see it). */
export const supportPersonConcernedSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  office: z.enum(OFFICES).optional(),
  region: z.string().trim().max(100).optional(),
});

/**
 * POST /api/support/requests. `concernFor: 'colleague'` (officeholders only) raises a concern about
 * another office holder: `personConcerned` is then required; the case goes to the ot_coordinator, who
 * decides whether to reach out. A relative asks for themselves only.
 */
export const supportRequestSchema = z
  .strictObject({
    concernFor: z.enum(['self', 'colleague']),
    situation: z.array(supportSituationSchema).min(1).max(SUPPORT_SITUATIONS.length),
    since: z.enum(SUPPORT_SINCE),
    /** Yes: the answer tells the person to call 112 first, and the case is urgent. */
    acuteDanger: z.boolean(),
    affected: z.array(z.enum(SUPPORT_AFFECTED)).min(1).max(SUPPORT_AFFECTED.length),
    contact: supportContactSchema,
    /** What is going on, in the person's own words. Encrypted at rest. */
    body: sensitive(z.string().trim().max(SUPPORT_TEXT_MAX_LENGTH).optional()),
    personConcerned: sensitive(supportPersonConcernedSchema.optional()),
    /**
     * Optional: share the requester's latest saved zelfscan result with the confidant (a reference, not a
     * copy; the requester can withdraw it). Saved results do not exist yet: any id is refused with 400
     * `zelfscan_result_not_found` until the zelfscan module provides them.
     */
    zelfscanResultId: z.uuid().optional(),
    /**
     * Optional: attach one of the requester's incidents, with the parts and files they consent to share
     * (src/shared/incident-share.ts); 400 `incident_not_shareable` when it is not theirs.
     */
    incident: incidentShareConsentSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.contact.channel === 'phone' && !value.contact.phone) {
      ctx.addIssue({ code: 'custom', path: ['contact', 'phone'], message: 'a phone number is needed to call you' });
    }
    if (value.concernFor === 'colleague' && !value.personConcerned) {
      ctx.addIssue({ code: 'custom', path: ['personConcerned'], message: 'who the concern is about' });
    }
    if (value.concernFor === 'self' && value.personConcerned) {
      ctx.addIssue({ code: 'custom', path: ['personConcerned'], message: 'only for a concern about a colleague' });
    }
  });
export type SupportRequest = z.infer<typeof supportRequestSchema>;

export const supportRequestResponseSchema = z.object({
  caseId: z.uuid(),
  reference: z.string(),
  urgency: z.enum(['urgent', 'normal']),
  /** True when acuteDanger was answered yes: show "Bel eerst 112" before anything else. */
  call112First: z.boolean(),
  /** The association the request was routed to (its confidants see it in their queue). */
  association: z.enum(ASSOCIATIONS).nullable(),
});

/** The intake as staff (and the requester) see it in GET /api/cases/:caseId. */
export const supportIntakeSchema = z.object({
  type: z.literal('support'),
  concernFor: z.enum(['self', 'colleague']),
  situation: z.array(supportSituationSchema),
  since: z.enum(SUPPORT_SINCE),
  acuteDanger: z.boolean(),
  affected: z.array(z.enum(SUPPORT_AFFECTED)),
  contact: z.object({
    channel: z.enum(CONTACT_CHANNELS),
    phone: sensitive(z.string().nullable()),
    when: z.enum(CONTACT_TIMES),
  }),
  body: sensitive(z.string().nullable()),
  personConcerned: sensitive(
    z.object({ name: z.string(), office: z.string().nullable(), region: z.string().nullable() }).nullable(),
  ),
});

// ---------------------------------------------------------------------------------------------------
// Advice
// ---------------------------------------------------------------------------------------------------

export const ADVICE_KINDS = [
  'aangifte',
  'security_measures',
  'legal_help',
  'psychosocial_aftercare',
  'peer_talk',
  'woningscan',
  'training',
] as const;
export type AdviceKind = (typeof ADVICE_KINDS)[number];

/**
 * Where the requester can act on an advice item: a key the web app maps to one of its paths. The
 * `package.*` keys are the package parts (content/package), by slug.
 */
export const ADVICE_LINK_TARGETS = {
  'package.aangifte-melden-schade': { packageSlug: 'aangifte-melden-schade' },
  'package.woningscan-en-zelfscan': { packageSlug: 'woningscan-en-zelfscan' },
  'package.training': { packageSlug: 'training' },
  'package.debriefing-en-nazorg': { packageSlug: 'debriefing-en-nazorg' },
  'package.stelsel-bewaken-beveiligen': { packageSlug: 'stelsel-bewaken-beveiligen' },
  'package.ondersteuningsteam': { packageSlug: 'ondersteuningsteam' },
  /** Back to this case's messages (e.g. "talk to a peer: say yes in the case"). */
  'case.messages': { packageSlug: null },
} as const;
export const ADVICE_LINK_KEYS = Object.keys(ADVICE_LINK_TARGETS) as [
  keyof typeof ADVICE_LINK_TARGETS,
  ...(keyof typeof ADVICE_LINK_TARGETS)[],
];

/** The default link for each kind of advice; a confidant may pick another. */
export const ADVICE_DEFAULT_LINK: Record<AdviceKind, keyof typeof ADVICE_LINK_TARGETS> = {
  aangifte: 'package.aangifte-melden-schade',
  security_measures: 'package.stelsel-bewaken-beveiligen',
  legal_help: 'package.aangifte-melden-schade',
  psychosocial_aftercare: 'package.debriefing-en-nazorg',
  peer_talk: 'case.messages',
  woningscan: 'package.woningscan-en-zelfscan',
  training: 'package.training',
};

export const adviceItemSchema = z.strictObject({
  kind: z.enum(ADVICE_KINDS),
  /** The confidant's explanation for this person. Encrypted at rest. */
  explanation: z.string().trim().min(1).max(2_000),
  linkKey: z.enum(ADVICE_LINK_KEYS),
});
export type AdviceItem = z.infer<typeof adviceItemSchema>;

/** PUT /api/cases/:caseId/support/advice: replaces the advice (each save is a new version on the timeline). */
export const recordSupportAdviceSchema = z.strictObject({
  advice: sensitive(z.array(adviceItemSchema).min(1).max(ADVICE_KINDS.length)),
});

/**
 * The support part of GET /api/cases/:caseId (`typeDetail`). `intake` is null when the caller may not
 * read it (a grantee without the `intake` scope); so is the advice then (an empty list).
 */
export const supportTypeDetailSchema = z.object({
  intake: sensitive(supportIntakeSchema.nullable()),
  /** The association whose confidants see it in their queue; null for a concern about a colleague. */
  association: z.string().nullable(),
  concernForColleague: z.boolean(),
  advice: sensitive(z.array(adviceItemSchema)),
  adviceRecordedAt: z.iso.datetime().nullable(),
  /** The shared zelfscan result reference (null when none or withdrawn). */
  zelfscan: z.object({ resultId: z.uuid(), sharedAt: z.iso.datetime() }).nullable(),
  /** Incidents the requester shares with this request now (for the requester, confidant and coordinator). */
  incidents: z.array(incidentShareRefSchema).default([]),
});
export type SupportTypeDetail = z.infer<typeof supportTypeDetailSchema>;
export type SupportIntake = z.infer<typeof supportIntakeSchema>;

/** The support part of a case's detail, or null for a case of another type. */
export function supportDetailOf(detail: { type: string; typeDetail: unknown }): SupportTypeDetail | null {
  return detail.type === SUPPORT_CASE_TYPE ? (detail.typeDetail as SupportTypeDetail) : null;
}

/** What the support queue shows of a case besides the core's columns (GET /api/cases/queue, `typeSummary`). */
export const supportQueueSummarySchema = z.object({
  association: z.string().nullable(),
  /** A colleague raised a concern about another office holder. */
  concernForColleague: z.boolean(),
});

// ---------------------------------------------------------------------------------------------------
// Staff directory for assignment and grants
// ---------------------------------------------------------------------------------------------------

export const supportStaffQuerySchema = z.object({ role: z.enum(['confidant', 'peer', 'expert']) });
export const supportStaffResponseSchema = z.object({
  people: z.array(
    z.object({
      personId: z.uuid(),
      displayName: z.string().nullable(),
      role: z.enum(['confidant', 'peer', 'expert']),
      association: z.string().nullable(),
      expertField: z.string().nullable(),
      region: z.string().nullable(),
    }),
  ),
});
