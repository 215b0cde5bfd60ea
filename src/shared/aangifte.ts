import { z } from 'zod';
import { LOCALES } from './locale.ts';

/**
 * The aangifte aid (domain.md §5a–§5d) and what happened at the police (§5e, "PoliceReport"): shared by
 * the server's route schemas and the web app. Weerbaar informs and prepares; it never files anything.
 * Everything the person chooses or records is encrypted at rest; only dates are in the clear.
 */

/** §5b: a melding informs the police; an aangifte asks them to investigate. */
export const POLICE_REPORT_KINDS = ['melding', 'aangifte'] as const;
export type PoliceReportKind = (typeof POLICE_REPORT_KINDS)[number];

/** §5c, exactly these five (the mapping of "deels anoniem" to "beperkt anoniem" is UNVERIFIED there). */
export const PRIVACY_VARIANTS = ['op_naam', 'domicilie', 'onder_nummer', 'deels_anoniem', 'door_werkgever'] as const;
export type PrivacyVariant = (typeof PRIVACY_VARIANTS)[number];

/** §5a: where the internal report goes first. */
export const AANGIFTE_INTERNAL_REPORT_TO = ['burgemeester', 'griffier', 'secretaris'] as const;
export type AangifteInternalReportTo = (typeof AANGIFTE_INTERNAL_REPORT_TO)[number];

export const AANGIFTE_LIMITS = {
  /** A police reference (registration number), as the police give it. */
  policeReference: 60,
} as const;

const isoDate = z.iso.date();

export const aangifteIncidentParamsSchema = z.object({ incidentId: z.uuid() }).strict();

/** The person's choices in the aid; every field optional, so each step can save what it asks. */
export const aangifteChoicesInputSchema = z
  .object({
    variant: z.enum(PRIVACY_VARIANTS).nullable().optional(),
    vptRequested: z.boolean().nullable().optional(),
    internalReport: z
      .object({ to: z.enum(AANGIFTE_INTERNAL_REPORT_TO), on: isoDate })
      .strict()
      .nullable()
      .optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Change at least one choice.' });
export type AangifteChoicesInput = z.infer<typeof aangifteChoicesInputSchema>;

export const aangifteChoicesSchema = z.object({
  variant: z.enum(PRIVACY_VARIANTS).nullable(),
  vptRequested: z.boolean().nullable(),
  internalReport: z.object({ to: z.enum(AANGIFTE_INTERNAL_REPORT_TO), on: isoDate }).nullable(),
});
export type AangifteChoices = z.infer<typeof aangifteChoicesSchema>;

/** What the person records after going to the police. The date may not lie in the future (checked on the server's clock). */
export const policeReportInputSchema = z
  .object({
    kind: z.enum(POLICE_REPORT_KINDS),
    reportedOn: isoDate,
    policeReference: z
      .string()
      .trim()
      .max(AANGIFTE_LIMITS.policeReference)
      .regex(/^[\p{L}\p{N} ./_-]*$/u, 'Use letters, digits, spaces and . / _ - only.')
      .nullable()
      .optional(),
    variant: z.enum(PRIVACY_VARIANTS).nullable().optional(),
    vptRequested: z.boolean(),
    wantsUpdates: z.boolean(),
    claimsDamages: z.boolean(),
  })
  .strict();
export type PoliceReportInput = z.infer<typeof policeReportInputSchema>;

export const policeReportSchema = z.object({
  id: z.uuid(),
  kind: z.enum(POLICE_REPORT_KINDS),
  reportedOn: isoDate,
  policeReference: z.string().nullable(),
  variant: z.enum(PRIVACY_VARIANTS).nullable(),
  vptRequested: z.boolean(),
  wantsUpdates: z.boolean(),
  claimsDamages: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type PoliceReport = z.infer<typeof policeReportSchema>;

export const aangifteStateSchema = z.object({
  choices: aangifteChoicesSchema,
  reports: z.array(policeReportSchema),
});
export type AangifteState = z.infer<typeof aangifteStateSchema>;

export const aangifteStateResponseSchema = z.object({ aangifte: aangifteStateSchema });
export const policeReportResponseSchema = z.object({ report: policeReportSchema });

/** The language of what the server writes: the sheet, and the timeline entry of a police report. */
export const aangifteLangQuerySchema = z.object({ lang: z.enum(LOCALES).default('nl') }).strict();
