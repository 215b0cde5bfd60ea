import { z } from 'zod';
import { LOCALES } from './locale.ts';

/**
 * Incidents: a person's own record of what happened, with evidence (/api/me/incidents). Shared by the
 * server (route schemas) and the web app. Categories follow the domain research (§5a municipal protocols,
 * §10 taxonomy of the BZK Monitor). Every descriptive value is encrypted at rest; only dates, ids, sizes
 * and hashes are stored in the clear.
 */

export const INCIDENT_CHANNELS = ['in_person', 'phone', 'mail', 'social_media', 'at_home', 'other'] as const;
export type IncidentChannel = (typeof INCIDENT_CHANNELS)[number];

/** §10: the forms the Monitor and municipal protocols use; several may apply. */
export const INCIDENT_FORMS = [
  'verbal',
  'threat',
  'intimidation',
  'physical_violence',
  'vandalism',
  'stalking',
  'doxing',
  'discrimination',
  'sexual_intimidation',
  'other',
] as const;
export type IncidentForm = (typeof INCIDENT_FORMS)[number];

export const INCIDENT_TARGETS = ['self', 'partner', 'child', 'other_relative', 'property'] as const;
export type IncidentTarget = (typeof INCIDENT_TARGETS)[number];

export const PERPETRATOR_KINDS = ['unknown', 'individual', 'group', 'organisation'] as const;
export type PerpetratorKind = (typeof PERPETRATOR_KINDS)[number];

/** How serious it felt: the Monitor's "minder ernstig" versus "(zeer) ernstig". */
export const INCIDENT_SEVERITIES = ['less_serious', 'serious', 'very_serious'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export const INCIDENT_AIMED_AT = ['person', 'office', 'unsure'] as const;

/** §5a: the municipal protocols' first step is an internal report to one of these. */
export const INTERNAL_REPORT_TO = ['burgemeester', 'griffier', 'secretaris', 'other'] as const;

export const FOLLOW_UP_KINDS = [
  'note',
  'new_contact',
  'internal_report',
  'police_melding',
  'aangifte',
  'support_contact',
  'other',
] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export const INCIDENT_LIMITS = {
  whatHappened: 5000,
  where: 300,
  perpetratorDescription: 1000,
  perpetratorHandle: 200,
  followUpText: 3000,
  caption: 500,
  sourceUrl: 2000,
  sourceHandle: 200,
  /** Evidence files per incident. */
  evidencePerIncident: 30,
  /** Incidents in one dossier export. */
  exportIncidents: 50,
  /** Open-ended drafts: one per person, this large at most (JSON). */
  draftBytes: 20_000,
} as const;

/** Evidence kinds and what is accepted for each: checked by content, never by name or declared type. */
export const EVIDENCE_TYPES = {
  'image/jpeg': { kind: 'image', extensions: ['jpg', 'jpeg'], maxBytes: 20 * 1024 * 1024 },
  'image/png': { kind: 'image', extensions: ['png'], maxBytes: 20 * 1024 * 1024 },
  'application/pdf': { kind: 'document', extensions: ['pdf'], maxBytes: 20 * 1024 * 1024 },
  'message/rfc822': { kind: 'email', extensions: ['eml'], maxBytes: 10 * 1024 * 1024 },
  'audio/mpeg': { kind: 'audio', extensions: ['mp3'], maxBytes: 50 * 1024 * 1024 },
  'audio/x-m4a': { kind: 'audio', extensions: ['m4a'], maxBytes: 50 * 1024 * 1024 },
  'audio/ogg': { kind: 'audio', extensions: ['ogg', 'oga', 'opus'], maxBytes: 50 * 1024 * 1024 },
  'audio/wav': { kind: 'audio', extensions: ['wav'], maxBytes: 50 * 1024 * 1024 },
  'video/mp4': { kind: 'video', extensions: ['mp4', 'm4v'], maxBytes: 100 * 1024 * 1024 },
  'video/quicktime': { kind: 'video', extensions: ['mov'], maxBytes: 100 * 1024 * 1024 },
  'video/webm': { kind: 'video', extensions: ['webm'], maxBytes: 100 * 1024 * 1024 },
  'video/3gpp': { kind: 'video', extensions: ['3gp'], maxBytes: 100 * 1024 * 1024 },
} as const satisfies Record<string, { kind: string; extensions: readonly string[]; maxBytes: number }>;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;
export const EVIDENCE_CONTENT_TYPES = Object.keys(EVIDENCE_TYPES) as EvidenceType[];
export const EVIDENCE_KINDS = ['image', 'document', 'email', 'audio', 'video'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
/** The largest single file of any kind (the request limit of the upload route). */
export const EVIDENCE_MAX_BYTES = 100 * 1024 * 1024;
/** All evidence one person keeps, together. */
export const EVIDENCE_MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024;
/** What the file input offers (the server decides by content anyway). */
export const EVIDENCE_ACCEPT = Object.values(EVIDENCE_TYPES)
  .flatMap((type) => type.extensions.map((extension) => `.${extension}`))
  .join(',');

/**
 * How long what is kept, per category (README "Incidents: retention"). The owner may delete anything
 * earlier; a deleted evidence file leaves a tombstone (hash, size, dates), never its content.
 */
export const INCIDENT_RETENTION = {
  /** An incident, its follow-ups and evidence: until the owner deletes them, or the account is removed. */
  incidentYears: null,
  /** A draft not touched for this long is removed (server and browser). */
  draftDays: 30,
  /** Tombstones of deleted evidence: as long as the incident exists. */
  tombstones: 'with the incident',
  /** Export records (date, which incidents, manifest hash): as long as the account. */
  exports: 'with the account',
} as const;

const trimmed = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => trimmed(max).nullable().optional();
const isoDate = z.iso.date();
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM.');

/** A date that is not in the future (a day of slack for time zones). */
const pastDate = isoDate.refine((value) => new Date(`${value}T00:00:00Z`).getTime() <= Date.now() + 86_400_000, {
  message: 'The date lies in the future.',
});

export const internalReportSchema = z
  .object({ to: z.enum(INTERNAL_REPORT_TO), on: pastDate })
  .strict()
  .nullable()
  .optional();

/**
 * What a person writes down. Only the date, what happened and the channel are required (quick entry on a
 * phone in under a minute); the rest may follow later with PATCH.
 */
export const incidentInputSchema = z
  .object({
    occurredOn: pastDate,
    occurredAt: time.nullable().optional(),
    whatHappened: trimmed(INCIDENT_LIMITS.whatHappened).min(1, 'Describe what happened.'),
    channel: z.enum(INCIDENT_CHANNELS),
    where: optionalText(INCIDENT_LIMITS.where),
    forms: z.array(z.enum(INCIDENT_FORMS)).max(INCIDENT_FORMS.length).optional(),
    targets: z.array(z.enum(INCIDENT_TARGETS)).max(INCIDENT_TARGETS.length).optional(),
    perpetratorKind: z.enum(PERPETRATOR_KINDS).nullable().optional(),
    perpetratorDescription: optionalText(INCIDENT_LIMITS.perpetratorDescription),
    perpetratorHandle: optionalText(INCIDENT_LIMITS.perpetratorHandle),
    severity: z.enum(INCIDENT_SEVERITIES).nullable().optional(),
    aimedAt: z.enum(INCIDENT_AIMED_AT).nullable().optional(),
    internalReport: internalReportSchema,
  })
  .strict();
export type IncidentInput = z.infer<typeof incidentInputSchema>;

export const incidentPatchSchema = incidentInputSchema
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Change at least one field.' });
export type IncidentPatch = z.infer<typeof incidentPatchSchema>;

/** The stored content (all of it encrypted as one envelope). */
export interface IncidentDetails {
  occurredAt: string | null;
  whatHappened: string;
  channel: IncidentChannel;
  where: string | null;
  forms: IncidentForm[];
  targets: IncidentTarget[];
  perpetratorKind: PerpetratorKind | null;
  perpetratorDescription: string | null;
  perpetratorHandle: string | null;
  severity: IncidentSeverity | null;
  aimedAt: (typeof INCIDENT_AIMED_AT)[number] | null;
  internalReport: { to: (typeof INTERNAL_REPORT_TO)[number]; on: string } | null;
}

export const followUpInputSchema = z
  .object({
    occurredOn: pastDate,
    kind: z.enum(FOLLOW_UP_KINDS),
    text: trimmed(INCIDENT_LIMITS.followUpText).min(1, 'Write what happened.'),
  })
  .strict();
export type FollowUpInput = z.infer<typeof followUpInputSchema>;

export const followUpSchema = z.object({
  id: z.uuid(),
  occurredOn: isoDate,
  kind: z.enum(FOLLOW_UP_KINDS),
  text: z.string(),
  createdAt: z.iso.datetime(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const evidenceSchema = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  kind: z.enum(EVIDENCE_KINDS),
  contentType: z.string(),
  /** Null once deleted (the tombstone keeps no name). */
  fileName: z.string().nullable(),
  size: z.number().int().min(0),
  /** SHA-256 of the exact bytes received, hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  receivedAt: z.iso.datetime(),
  addedByName: z.string().nullable(),
  caption: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  sourceHandle: z.string().nullable(),
  /** The original carries location or other camera metadata; the view shows it without. */
  hasMetadata: z.boolean(),
  deletedAt: z.iso.datetime().nullable(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** Multipart fields sent before the `file` part. */
export const evidenceFieldsSchema = z
  .object({
    caption: optionalText(INCIDENT_LIMITS.caption),
    sourceUrl: z
      .url({ protocol: /^https?$/, error: 'Give a web address that starts with http:// or https://.' })
      .max(INCIDENT_LIMITS.sourceUrl)
      .nullable()
      .optional(),
    sourceHandle: optionalText(INCIDENT_LIMITS.sourceHandle),
  })
  .strict();
export type EvidenceFields = z.infer<typeof evidenceFieldsSchema>;

export const incidentSummarySchema = z.object({
  id: z.uuid(),
  occurredOn: isoDate,
  channel: z.enum(INCIDENT_CHANNELS),
  whatHappened: z.string(),
  severity: z.enum(INCIDENT_SEVERITIES).nullable(),
  evidenceCount: z.number().int().min(0),
  followUpCount: z.number().int().min(0),
  createdAt: z.iso.datetime(),
});
export type IncidentSummary = z.infer<typeof incidentSummarySchema>;

export const incidentSchema = z.object({
  id: z.uuid(),
  occurredOn: isoDate,
  occurredAt: z.string().nullable(),
  whatHappened: z.string(),
  channel: z.enum(INCIDENT_CHANNELS),
  where: z.string().nullable(),
  forms: z.array(z.enum(INCIDENT_FORMS)),
  targets: z.array(z.enum(INCIDENT_TARGETS)),
  perpetratorKind: z.enum(PERPETRATOR_KINDS).nullable(),
  perpetratorDescription: z.string().nullable(),
  perpetratorHandle: z.string().nullable(),
  severity: z.enum(INCIDENT_SEVERITIES).nullable(),
  aimedAt: z.enum(INCIDENT_AIMED_AT).nullable(),
  internalReport: z.object({ to: z.enum(INTERNAL_REPORT_TO), on: isoDate }).nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  followUps: z.array(followUpSchema),
  evidence: z.array(evidenceSchema),
});
export type Incident = z.infer<typeof incidentSchema>;

/** Escalation: which rule fired and the numbers that explain why, for a calm sentence. */
export const ESCALATION_REASONS = ['frequency', 'recurring_perpetrator', 'serious'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];
export const escalationSignalSchema = z.object({
  reason: z.enum(ESCALATION_REASONS),
  /** e.g. { count: 3, days: 14 } or { count: 2 } or { severity: 'very_serious' }. */
  count: z.number().int().min(0),
  days: z.number().int().min(0).nullable(),
  severity: z.enum(INCIDENT_SEVERITIES).nullable(),
});
export type EscalationSignal = z.infer<typeof escalationSignalSchema>;

export const incidentListResponseSchema = z.object({
  incidents: z.array(incidentSummarySchema),
  escalation: z.array(escalationSignalSchema),
});
export const incidentResponseSchema = z.object({ incident: incidentSchema });
export const followUpResponseSchema = z.object({ followUp: followUpSchema });
export const evidenceResponseSchema = z.object({ evidence: evidenceSchema });

export const incidentIdParamsSchema = z.object({ incidentId: z.uuid() });
export const evidenceParamsSchema = z.object({ incidentId: z.uuid(), evidenceId: z.uuid() });
export const followUpParamsSchema = z.object({ incidentId: z.uuid(), followUpId: z.uuid() });

/** A draft is free-form on purpose (it may be half-filled); it is checked when it becomes an incident. */
export const draftContentSchema = z.record(
  z.string().max(50),
  z.union([z.string().max(INCIDENT_LIMITS.whatHappened), z.array(z.string().max(50)).max(20), z.null()]),
);
export type DraftContent = z.infer<typeof draftContentSchema>;
export const draftBodySchema = z
  .object({ draft: draftContentSchema })
  .strict()
  .refine((body) => JSON.stringify(body.draft).length <= INCIDENT_LIMITS.draftBytes, {
    message: 'The draft is too large.',
  });
export const draftResponseSchema = z.object({
  draft: draftContentSchema.nullable(),
  updatedAt: z.iso.datetime().nullable(),
});
/** The key the browser encrypts an offline draft with (AES-256-GCM, raw, base64url): only for this person. */
export const draftKeyResponseSchema = z.object({ key: z.string(), keyId: z.string() });

export const exportBodySchema = z
  .object({
    incidentIds: z.array(z.uuid()).min(1).max(INCIDENT_LIMITS.exportIncidents),
    lang: z.enum(LOCALES).default('nl'),
    format: z.enum(['zip', 'pdf']).default('zip'),
  })
  .strict();
export type ExportBody = z.infer<typeof exportBodySchema>;

export const incidentExportSchema = z.object({
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  format: z.enum(['zip', 'pdf']),
  incidentCount: z.number().int(),
  evidenceCount: z.number().int(),
  /** SHA-256 of the signed SHA256SUMS (zip) or of the PDF. */
  sha256: z.string(),
});
export type IncidentExport = z.infer<typeof incidentExportSchema>;
export const exportListResponseSchema = z.object({ exports: z.array(incidentExportSchema) });
export const signingKeyResponseSchema = z.object({ publicKeyPem: z.string(), publicKeyId: z.string() });
