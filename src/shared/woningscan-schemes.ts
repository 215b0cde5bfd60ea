import { z } from 'zod';
import { localizedTextSchema } from './localized-text.ts';
import { OFFICES, type Office } from './people.ts';

/**
 * The home-security schemes (regelingen) as dated data, never hard-coded in a page or a PDF: which one
 * applies is decided by the date (Europe/Amsterdam) and the person's office. Admins keep them
 * (Beheer → Regelingen): every save is a new revision, with its author, like the package texts.
 * Facts: domain notes §3a–§3c and §0.2.
 */

/** Bestuurders: the offices the home-security schemes cover (§0.2). Raadsleden and Statenleden are not. */
export const BESTUURDER_OFFICES = [
  'burgemeester',
  'wethouder',
  'gedeputeerde',
  'commissaris_van_de_koning',
  'waterschapsbestuurder',
] as const satisfies readonly Office[];

/**
 * The steps of a scheme's route. `ccv_visit` is what makes a scheme one you can ask Weerbaar for (a CCV
 * adviser's visit and conversation); `bva_advice` adds the security authority's tailored advice, whose
 * arrival the case tracks.
 */
export const SCHEME_ROUTE_STEPS = [
  'ccv_visit',
  'ccv_advice',
  'bva_advice',
  'employer_provides',
  'pkvw_certificate',
  'officeholder_buys',
  'employer_reimburses',
] as const;
export type SchemeRouteStep = (typeof SCHEME_ROUTE_STEPS)[number];

const isoDate = z.iso.date();

export const schemeKeySchema = z
  .string()
  .min(3)
  .max(60)
  .regex(/^[a-z][a-z0-9_]*$/);

/** One revision of a scheme: everything a page or PDF says about it. */
export const schemeContentSchema = z
  .strictObject({
    name: localizedTextSchema,
    summary: localizedTextSchema,
    validFrom: isoDate,
    /** Last day it applies (inclusive); null: no end date yet. */
    validTo: isoDate.nullable(),
    eligibleOffices: z.array(z.enum(OFFICES)).min(1).max(OFFICES.length),
    /** Maximum amount in euros (incl. btw); null: no fixed maximum. */
    capEuros: z.number().int().min(1).max(1_000_000).nullable(),
    /** The fixed package of measures, if the scheme has one. */
    fixedPackage: z.array(localizedTextSchema).max(20),
    /** A valid Politiekeurmerk Veilig Wonen is required before anything else. */
    pkvwRequired: z.boolean(),
    whoPays: localizedTextSchema,
    route: z.array(z.enum(SCHEME_ROUTE_STEPS)).min(1).max(SCHEME_ROUTE_STEPS.length),
    sourceUrl: z.url({ protocol: /^https$/ }).max(500),
  })
  .superRefine((value, ctx) => {
    if (value.validTo && value.validTo < value.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'must not be before validFrom' });
    }
    if (new Set(value.eligibleOffices).size !== value.eligibleOffices.length) {
      ctx.addIssue({ code: 'custom', path: ['eligibleOffices'], message: 'each office once' });
    }
    if (new Set(value.route).size !== value.route.length) {
      ctx.addIssue({ code: 'custom', path: ['route'], message: 'each step once' });
    }
  });
export type SchemeContent = z.infer<typeof schemeContentSchema>;

/** A scheme as pages show it: its key, its current revision's content and that revision's number. */
export const schemeViewSchema = z.object({
  key: z.string(),
  revision: z.number().int(),
  content: schemeContentSchema,
});
export type SchemeView = z.infer<typeof schemeViewSchema>;

/** Whether a scheme applies on a calendar day (YYYY-MM-DD, Europe/Amsterdam). */
export function schemeValidOn(content: SchemeContent, day: string): boolean {
  return content.validFrom <= day && (content.validTo === null || day <= content.validTo);
}

/** The schemes that apply on a day, oldest first. */
export function schemesOn<T extends { content: SchemeContent }>(schemes: readonly T[], day: string): T[] {
  return schemes
    .filter((scheme) => schemeValidOn(scheme.content, day))
    .sort((a, b) => a.content.validFrom.localeCompare(b.content.validFrom));
}

/** A scheme through which Weerbaar can arrange a CCV visit for this office. */
export function offersVisitTo(content: SchemeContent, office: string | null): boolean {
  return office !== null && content.eligibleOffices.includes(office as Office) && content.route.includes('ccv_visit');
}

/** The calendar day of an instant in the Netherlands (where the schemes' dates are meant). */
export function dutchDay(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

// ---------------------------------------------------------------------------------------------------
// Admin: /api/admin/woningscan/schemes…
// ---------------------------------------------------------------------------------------------------

export const schemeRevisionSchema = z.object({
  revision: z.number().int(),
  source: z.enum(['release', 'admin']),
  authorName: z.string().nullable(),
  createdAt: z.iso.datetime(),
  note: z.string().nullable(),
  content: schemeContentSchema,
});
export type SchemeRevision = z.infer<typeof schemeRevisionSchema>;

/** The list, with the server's calendar day (Europe/Amsterdam): what applies today and what is scheduled. */
export const adminSchemeListSchema = z.object({ today: isoDate, schemes: z.array(schemeViewSchema) });
export const adminSchemeDetailSchema = z.object({
  key: z.string(),
  revisions: z.array(schemeRevisionSchema),
});
export type AdminSchemeDetail = z.infer<typeof adminSchemeDetailSchema>;

/**
 * POST /api/admin/woningscan/schemes/:key/revisions (a new revision of an existing scheme, or a new
 * scheme). `replaces`: for a new scheme, the scheme it succeeds, which then ends the day before.
 */
export const newSchemeRevisionSchema = z.strictObject({
  content: schemeContentSchema,
  note: z.string().trim().max(500).optional(),
  replaces: schemeKeySchema.optional(),
});
export type NewSchemeRevision = z.infer<typeof newSchemeRevisionSchema>;
export const schemeKeyParamsSchema = z.object({ key: schemeKeySchema });

/**
 * Why a scheme change was refused (field error codes): the past is never rewritten. A new scheme starts
 * after today; a scheme that has started keeps its start and its rules (a change of rules is a new
 * scheme from a later date); an end is never set before today, and an ended scheme stays as it was.
 */
export const SCHEME_PAST_CODES = [
  'scheme_start_not_future',
  'scheme_start_fixed',
  'scheme_rules_fixed',
  'scheme_end_in_past',
  'scheme_ended',
  'scheme_exists',
  'scheme_missing',
  'scheme_starts_before_predecessor',
] as const;
export type SchemePastCode = (typeof SCHEME_PAST_CODES)[number];

/** The rule fields of a scheme: fixed once it has started. */
export const SCHEME_RULE_FIELDS = ['eligibleOffices', 'capEuros', 'fixedPackage', 'pkvwRequired', 'route'] as const;

/** The day before a calendar day (YYYY-MM-DD). */
export function dayBefore(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------
// Public: GET /api/woningscan/schemes?on=YYYY-MM-DD, and the signed-in person's eligibility
// ---------------------------------------------------------------------------------------------------

export const schemesQuerySchema = z.object({ on: isoDate.optional() });
export const schemesResponseSchema = z.object({ on: isoDate, schemes: z.array(schemeViewSchema) });

/** Why the person may or may not ask for a visit, as a key the web app explains. */
export const ELIGIBILITY_REASONS = [
  'bestuurder',
  'council_member_scan',
  'not_a_bestuurder',
  'no_scheme',
  'no_office',
] as const;
export type EligibilityReason = (typeof ELIGIBILITY_REASONS)[number];

/** What a person who may not ask can do instead. */
export const ALTERNATIVES = ['zelfscan', 'support_team', 'municipality'] as const;

export const eligibilitySchema = z.object({
  /** The day it was decided for (today, in the Netherlands). */
  on: isoDate,
  office: z.enum(OFFICES).nullable(),
  eligible: z.boolean(),
  reason: z.enum(ELIGIBILITY_REASONS),
  /** Every scheme that applies on that day; `forYou`: it covers the person's office. */
  schemes: z.array(schemeViewSchema.extend({ forYou: z.boolean() })),
  alternatives: z.array(z.enum(ALTERNATIVES)),
  /** The person's open woningscan request, if any (one at a time). */
  openCaseId: z.uuid().nullable(),
});
export type Eligibility = z.infer<typeof eligibilitySchema>;
