import { z } from 'zod';
import { localizedTextSchema } from './localized-text.ts';

/**
 * Schadeverhaal (domain.md §5e): per incident, the person's own damage claims — the route, the heads of
 * damage, where the claim stands and its deadlines (each reminded once, a few days before) — and the
 * Schadefonds Geweldsmisdrijven's rules as dated data that admins keep. Weerbaar prepares and keeps track;
 * it files nothing.
 */

/** The four routes of §5e: joining the criminal case, a civil claim, the employer's advance, the Schadefonds. */
export const DAMAGE_ROUTES = ['voeging', 'civiel', 'werkgever_voorschot', 'schadefonds'] as const;
export type DamageRoute = (typeof DAMAGE_ROUTES)[number];

/**
 * Where a claim stands. §5e names no statuses; these follow its steps: prepared, filed, awarded (a court
 * may award a voeging claim in part), refused, paid (by the perpetrator, the CJIB's advance, the employer
 * or the fund), or withdrawn by the person.
 */
export const DAMAGE_STATUSES = [
  'preparing',
  'submitted',
  'granted',
  'partly_granted',
  'refused',
  'paid',
  'withdrawn',
] as const;
export type DamageStatus = (typeof DAMAGE_STATUSES)[number];
/** A claim in one of these is finished: the path's damages step is done when every claim is. */
export const FINAL_DAMAGE_STATUSES: readonly DamageStatus[] = ['refused', 'paid', 'withdrawn'];

export const DAMAGE_HEAD_KINDS = ['material', 'immaterial'] as const;

/**
 * Limits. The cap per head of damage is € 1,000,000: far above the Schadefonds' highest payment
 * (€ 35,000) and any personal claim an office holder would prepare here, and low enough that a typing
 * slip (a few zeroes too many) is caught as the error it is.
 */
export const DAMAGE_LIMITS = {
  maxAmountCents: 100_000_000,
  description: 300,
  note: 2000,
  heads: 30,
  deadlines: 10,
  deadlineLabel: 200,
  claimsPerIncident: 20,
} as const;

/** A deadline is reminded this many days before it falls (a documented choice: §5e sets no lead). */
export const DAMAGE_REMINDER_LEAD_DAYS = 7;

/** The notification subject: the damages of one incident (its id), shown to the incident's owner. */
export const DAMAGES_SUBJECT = 'incident_damages';
export const DAMAGE_NOTIFICATION_KINDS = ['damage_deadline_soon'] as const;

const isoDay = z.iso.date();

export const damageHeadSchema = z.strictObject({
  kind: z.enum(DAMAGE_HEAD_KINDS),
  description: z.string().trim().min(1).max(DAMAGE_LIMITS.description),
  amountCents: z.number().int().min(0).max(DAMAGE_LIMITS.maxAmountCents),
  /** A receipt: one of the same incident's evidence files (material heads only). */
  evidenceId: z.uuid().nullable().optional(),
});
export type DamageHead = z.infer<typeof damageHeadSchema>;

export const damageDeadlineInputSchema = z.strictObject({
  /** Keep an existing deadline (and whether it was reminded) by sending its id with the same day. */
  id: z.uuid().optional(),
  dueOn: isoDay,
  label: z.string().trim().min(1).max(DAMAGE_LIMITS.deadlineLabel),
});

export const damageClaimInputSchema = z.strictObject({
  route: z.enum(DAMAGE_ROUTES),
  status: z.enum(DAMAGE_STATUSES),
  heads: z.array(damageHeadSchema).max(DAMAGE_LIMITS.heads),
  note: z.string().trim().max(DAMAGE_LIMITS.note).optional(),
  deadlines: z.array(damageDeadlineInputSchema).max(DAMAGE_LIMITS.deadlines),
});
export type DamageClaimInput = z.infer<typeof damageClaimInputSchema>;

export const damageDeadlineSchema = z.object({
  id: z.uuid(),
  dueOn: isoDay,
  label: z.string(),
  /** The day the reminder is due. */
  remindOn: isoDay,
  remindedAt: z.iso.datetime().nullable(),
});
export type DamageDeadline = z.infer<typeof damageDeadlineSchema>;

export const damageClaimSchema = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  route: z.enum(DAMAGE_ROUTES),
  status: z.enum(DAMAGE_STATUSES),
  heads: z.array(
    z.object({
      kind: z.enum(DAMAGE_HEAD_KINDS),
      description: z.string(),
      amountCents: z.number().int(),
      evidenceId: z.uuid().nullable(),
    }),
  ),
  note: z.string(),
  totalCents: z.number().int(),
  deadlines: z.array(damageDeadlineSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type DamageClaim = z.infer<typeof damageClaimSchema>;

// ---------------------------------------------------------------------------------------------------
// The Schadefonds' rules: dated versions, each the newest revision of its start day.
// ---------------------------------------------------------------------------------------------------

/** The parts of a version the domain file may mark UNVERIFIED; the claim page then says to check. */
export const DAMAGE_RULE_PARTS = ['categories', 'relativesAmount', 'eligibility', 'deadline'] as const;

export const damageRulesContentSchema = z.strictObject({
  validFrom: isoDay,
  /** The injury categories (letsellijst) and their one-off amounts in whole euros. */
  categories: z
    .array(
      z.strictObject({
        category: z.number().int().min(1).max(20),
        amountEuros: z.number().int().min(1).max(1_000_000),
      }),
    )
    .min(1)
    .max(20),
  /** The fixed amount for naasten and nabestaanden; null when there is none. */
  relativesAmountEuros: z.number().int().min(1).max(1_000_000).nullable(),
  eligibility: localizedTextSchema,
  /** The application term in years after the crime (null when unknown), and how to read it. */
  deadline: z.strictObject({ years: z.number().int().min(1).max(30).nullable(), text: localizedTextSchema }),
  unverified: z.array(z.enum(DAMAGE_RULE_PARTS)).max(DAMAGE_RULE_PARTS.length),
  sources: z
    .array(z.url({ protocol: /^https?$/ }).max(500))
    .min(1)
    .max(8),
});
export type DamageRulesContent = z.infer<typeof damageRulesContentSchema>;

export const damageRulesVersionSchema = z.object({
  revision: z.number().int(),
  source: z.enum(['release', 'admin']),
  authorName: z.string().nullable(),
  createdAt: z.iso.datetime(),
  note: z.string().nullable(),
  content: damageRulesContentSchema,
});
export type DamageRulesVersion = z.infer<typeof damageRulesVersionSchema>;

/** GET /api/me/incidents/:incidentId/damages */
export const incidentDamagesResponseSchema = z.object({
  incidentId: z.uuid(),
  occurredOn: isoDay,
  today: isoDay,
  claims: z.array(damageClaimSchema),
  /** The Schadefonds rules on the incident's day and today (null: none known for that day). */
  rules: z.object({ onIncident: damageRulesContentSchema.nullable(), today: damageRulesContentSchema.nullable() }),
  reminderLeadDays: z.number().int(),
});
export type IncidentDamages = z.infer<typeof incidentDamagesResponseSchema>;

export const damageClaimResponseSchema = z.object({ claim: damageClaimSchema });
export const damageIncidentParamsSchema = z.object({ incidentId: z.uuid() });
export const damageClaimParamsSchema = z.object({ claimId: z.uuid() });

/** GET /api/admin/damages/rules: every version (its newest revision), oldest first, and today. */
export const adminDamageRulesSchema = z.object({ today: isoDay, versions: z.array(damageRulesVersionSchema) });
export type AdminDamageRules = z.infer<typeof adminDamageRulesSchema>;

/** POST /api/admin/damages/rules: a new version, or a new revision of one that has not started. */
export const newDamageRulesSchema = z.strictObject({
  content: damageRulesContentSchema,
  note: z.string().trim().max(500).optional(),
});
export type NewDamageRules = z.infer<typeof newDamageRulesSchema>;

/** The version that applies on a day: the one with the latest start on or before it. */
export function damageRulesOn<T extends { validFrom: string }>(versions: readonly T[], day: string): T | null {
  let found: T | null = null;
  for (const version of versions) {
    if (version.validFrom <= day && (found === null || version.validFrom > found.validFrom)) found = version;
  }
  return found;
}

/** A calendar day plus or minus some days (YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
