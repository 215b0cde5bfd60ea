import { z } from 'zod';
import {
  EVIDENCE_KINDS,
  FOLLOW_UP_KINDS,
  INCIDENT_AIMED_AT,
  INCIDENT_CHANNELS,
  INCIDENT_FORMS,
  INCIDENT_LIMITS,
  INCIDENT_SEVERITIES,
  INCIDENT_TARGETS,
  INTERNAL_REPORT_TO,
  PERPETRATOR_KINDS,
} from './incidents.ts';

/**
 * Sharing an incident with the Ondersteuningsteam, by consent (issue #15 point 4). The person chooses
 * which parts of one of their incidents the support team may see, and attaches it to a new support
 * request or to an open one of theirs; they can stop sharing at any moment. Only the assigned confidant
 * and the OT coordinator read it, through the case, and every read by them is in the person's access log.
 * The day it happened is always shown (it names the incident); everything else is chosen.
 *
 * Routes (the support module's)
 * - POST /api/support/requests                                            with `incident`: a new request with it attached
 * - POST /api/cases/:caseId/support/incidents                             requester: attach to an open request
 * - POST /api/cases/:caseId/support/incidents/:incidentId/withdraw        requester: stop sharing
 * - GET  /api/cases/:caseId/support/incidents/:incidentId                 requester, assigned confidant, OT coordinator
 * - GET  /api/cases/:caseId/support/incidents/:incidentId/evidence/:evidenceId   the same; a photo without location data
 * - GET  /api/support/incident-shares?incidentId=                         requester: where this incident is shared
 */

/** The parts of an incident a person may share, each a choice of its own. */
export const INCIDENT_SHARE_FIELDS = [
  'whatHappened',
  'occurredAt',
  'channel',
  'where',
  'forms',
  'targets',
  'perpetrator',
  'severity',
  'aimedAt',
  'internalReport',
  'followUps',
] as const;
export type IncidentShareField = (typeof INCIDENT_SHARE_FIELDS)[number];

const unique = (values: readonly string[]) => new Set(values).size === values.length;

/** What the person consents to: which incident, which of its parts, which of its files. */
export const incidentShareConsentSchema = z
  .strictObject({
    incidentId: z.uuid(),
    fields: z
      .array(z.enum(INCIDENT_SHARE_FIELDS))
      .max(INCIDENT_SHARE_FIELDS.length)
      .refine(unique, { message: 'Each part once.' }),
    evidenceIds: z
      .array(z.uuid())
      .max(INCIDENT_LIMITS.evidencePerIncident)
      .refine(unique, { message: 'Each file once.' }),
  })
  .refine((consent) => consent.fields.length + consent.evidenceIds.length > 0, {
    message: 'Choose at least one part or file to share.',
    path: ['fields'],
  });
export type IncidentShareConsent = z.infer<typeof incidentShareConsentSchema>;

/** POST /api/cases/:caseId/support/incidents */
export const addIncidentShareSchema = incidentShareConsentSchema;

export const incidentShareParamsSchema = z.object({ caseId: z.uuid(), incidentId: z.uuid() });
export const sharedEvidenceParamsSchema = z.object({ caseId: z.uuid(), incidentId: z.uuid(), evidenceId: z.uuid() });
export const incidentSharesQuerySchema = z.strictObject({ incidentId: z.uuid() });

/** One shared file, as the confidant sees it listed (and as the consent screen lists it). */
export const sharedEvidenceSchema = z.object({
  id: z.uuid(),
  kind: z.enum(EVIDENCE_KINDS),
  contentType: z.string(),
  fileName: z.string(),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  receivedAt: z.iso.datetime(),
  caption: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  sourceHandle: z.string().nullable(),
  /** The original has location or camera data; what the confidant opens is shown without it. */
  hasMetadata: z.boolean(),
});
export type SharedEvidence = z.infer<typeof sharedEvidenceSchema>;

/**
 * The shared incident, filtered to what was consented: a part not chosen is absent (not null), so
 * nothing of it reaches the confidant's browser.
 */
export const sharedIncidentContentSchema = z.object({
  incidentId: z.uuid(),
  occurredOn: z.iso.date(),
  whatHappened: z.string().optional(),
  occurredAt: z.string().nullable().optional(),
  channel: z.enum(INCIDENT_CHANNELS).optional(),
  where: z.string().nullable().optional(),
  forms: z.array(z.enum(INCIDENT_FORMS)).optional(),
  targets: z.array(z.enum(INCIDENT_TARGETS)).optional(),
  perpetrator: z
    .object({
      kind: z.enum(PERPETRATOR_KINDS).nullable(),
      description: z.string().nullable(),
      handle: z.string().nullable(),
    })
    .optional(),
  severity: z.enum(INCIDENT_SEVERITIES).nullable().optional(),
  aimedAt: z.enum(INCIDENT_AIMED_AT).nullable().optional(),
  internalReport: z
    .object({ to: z.enum(INTERNAL_REPORT_TO), on: z.iso.date() })
    .nullable()
    .optional(),
  followUps: z
    .array(z.object({ occurredOn: z.iso.date(), kind: z.enum(FOLLOW_UP_KINDS), text: z.string() }))
    .optional(),
  evidence: z.array(sharedEvidenceSchema),
});
export type SharedIncidentContent = z.infer<typeof sharedIncidentContentSchema>;

export const sharedIncidentResponseSchema = z.object({
  shared: sharedIncidentContentSchema.extend({
    sharedAt: z.iso.datetime(),
    fields: z.array(z.enum(INCIDENT_SHARE_FIELDS)),
  }),
});
export type SharedIncidentResponse = z.infer<typeof sharedIncidentResponseSchema>;

/** A share as the support request's detail lists it (ids and dates only; the content is read apart). */
export const incidentShareRefSchema = z.object({
  incidentId: z.uuid(),
  sharedAt: z.iso.datetime(),
  fields: z.array(z.enum(INCIDENT_SHARE_FIELDS)),
  evidenceCount: z.number().int().min(0),
});
export type IncidentShareRef = z.infer<typeof incidentShareRefSchema>;

/** GET /api/support/incident-shares: where one of my incidents is shared now. */
export const incidentSharesResponseSchema = z.object({
  shares: z.array(
    z.object({
      caseId: z.uuid(),
      incidentId: z.uuid(),
      sharedAt: z.iso.datetime(),
      fields: z.array(z.enum(INCIDENT_SHARE_FIELDS)),
      evidenceIds: z.array(z.uuid()),
    }),
  ),
});
export type IncidentSharesResponse = z.infer<typeof incidentSharesResponseSchema>;
