import { z } from 'zod';
import { emailSchema, invitationSummarySchema, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, personStatusSchema } from './admin.ts';
import { LOCALES } from './locale.ts';
import { type Office, officeSchema } from './people.ts';
import { sensitive } from './sensitive.ts';

/**
 * The handover of the Veiligheidspakket to a newly appointed office holder (the contract between the
 * server module src/server/modules/handover and the web pages src/web/features/handover).
 *
 * An admin registers the appointment (name, office, municipality/province/water board, date of
 * installation, e-mail), one at a time or from a CSV file. That makes the person (invited, role
 * officeholder), their invitation and a handover record. The printable package is a PDF; while the
 * person has not activated their account, every print carries a fresh activation link as a QR code and
 * a short code to type at /activeren/code (each print replaces the previous link and code). The admin
 * records when and how the package was handed over; the account's activation completes it.
 */

// ---------------------------------------------------------------------------------------------------
// Offices and where they are held
// ---------------------------------------------------------------------------------------------------

export const REGION_KINDS = ['gemeente', 'provincie', 'waterschap'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];
export const regionKindSchema = z.enum(REGION_KINDS);

/** Where an office is held: a municipality, a province or a water board. */
export const OFFICE_REGION_KIND: Record<Office, RegionKind> = {
  burgemeester: 'gemeente',
  wethouder: 'gemeente',
  raadslid: 'gemeente',
  statenlid: 'provincie',
  gedeputeerde: 'provincie',
  commissaris_van_de_koning: 'provincie',
  waterschapsbestuurder: 'waterschap',
};

/** The reference lists (CBS municipalities and provinces, the 21 water boards), for autocomplete. */
export const regionListsResponseSchema = z.object({
  gemeente: z.array(z.string()),
  provincie: z.array(z.string()),
  waterschap: z.array(z.string()),
});
export type RegionListsResponse = z.infer<typeof regionListsResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------------

export const HANDOVER_NAME_MAX_LENGTH = 100;
export const HANDED_OVER_BY_MAX_LENGTH = 200;

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage return first).
 * Names never start like that; refusing them keeps such values out of every export.
 */
export function looksLikeFormula(value: string): boolean {
  return /^[\t\r]/.test(value) || /^\s*[=+\-@]/.test(value);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** A person's name as the admin registers it (the person confirms or changes it on activation). */
export const handoverNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(HANDOVER_NAME_MAX_LENGTH)
  .refine((value) => !CONTROL_CHARACTERS.test(value), { message: 'No control characters.' })
  .refine((value) => !looksLikeFormula(value), { message: 'A name cannot start with =, +, -, or @.' });

/** True for a real calendar date (no 31 February). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/**
 * A date as people write it, to `YYYY-MM-DD`: `2026-03-12`, or Dutch style `12-3-2026`, `12/03/2026`,
 * `12.03.2026`. Null when it is not one of those or not a real date.
 */
export function parseDateText(text: string): string | null {
  const value = text.trim();
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return isCalendarDate(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : null;
  }
  match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  if (match) {
    const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return isCalendarDate(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : null;
  }
  return null;
}

/** Installation dates from this day on are accepted … */
export const INSTALLATION_DATE_MIN = '2000-01-01';
/** … up to this many days ahead (appointments are known some months in advance, not years). */
export const INSTALLATION_DATE_MAX_DAYS_AHEAD = 2 * 366;

/** `YYYY-MM-DD` of a moment, in the Netherlands. */
export function dutchDate(moment: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(moment);
}

/** Why an installation date (`YYYY-MM-DD`) is not acceptable, or null when it is. */
export function installationDateProblem(iso: string, today = new Date()): 'date_invalid' | 'date_out_of_range' | null {
  if (parseDateText(iso) !== iso) return 'date_invalid';
  const latest = dutchDate(new Date(today.getTime() + INSTALLATION_DATE_MAX_DAYS_AHEAD * 86_400_000));
  if (iso < INSTALLATION_DATE_MIN || iso > latest) return 'date_out_of_range';
  return null;
}

/** A date in the API: `YYYY-MM-DD`, a real calendar date. */
export const isoDateSchema = z
  .string()
  .trim()
  .refine((value) => parseDateText(value) === value && /^\d{4}-\d{2}-\d{2}$/.test(value), {
    message: 'A date as YYYY-MM-DD.',
  });

export const installationDateSchema = isoDateSchema.refine((value) => installationDateProblem(value) === null, {
  message: `A date from ${INSTALLATION_DATE_MIN} up to two years from now.`,
});

export const PDF_LANGUAGES = LOCALES;
export const pdfLanguageSchema = z.enum(PDF_LANGUAGES);

// ---------------------------------------------------------------------------------------------------
// The short activation code printed in the package
// ---------------------------------------------------------------------------------------------------

/**
 * Ten characters from an alphabet without look-alikes (no 0/O, 1/I/L): about 49.5 bits. Printed as
 * `ABCDE-FGHJK`; typed back, case, spaces and dashes do not matter.
 */
export const ACTIVATION_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ACTIVATION_CODE_LENGTH = 10;

/** The code as typed, without separators, upper case; null when it cannot be a code at all. */
export function normaliseActivationCode(typed: string): string | null {
  const compact = typed.replace(/[\s\-–—.]/g, '').toUpperCase();
  if (compact.length !== ACTIVATION_CODE_LENGTH) return null;
  for (const char of compact) if (!ACTIVATION_CODE_ALPHABET.includes(char)) return null;
  return compact;
}

export function formatActivationCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** POST /api/activation/code — exchange the printed code for a fresh activation link (public, throttled). */
export const activationCodeRequestSchema = z.strictObject({
  activationCode: sensitive(z.string().trim().min(1).max(40)),
});
/** The token goes into `/activeren#token=…`, where the usual activation continues. */
export const activationCodeResponseSchema = z.object({ token: sensitive(z.string()) });
export type ActivationCodeResponse = z.infer<typeof activationCodeResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// Admin: registering and tracking
// ---------------------------------------------------------------------------------------------------

/**
 * POST /api/admin/handovers — register one newly appointed office holder. The region must be in the
 * reference list that fits the office (a municipality for a mayor, alderman or councillor; a province
 * for a Statenlid, gedeputeerde or King's Commissioner; a water board for a water board executive):
 * 400 `region_unknown` / `region_ambiguous` otherwise. 409 `email_taken` when the address has an account.
 * `sendInvitationMail`: also mail the activation link now (default no: it comes with the printed package).
 */
export const handoverRegisterBodySchema = z.strictObject({
  name: handoverNameSchema,
  office: officeSchema,
  region: z.string().trim().min(1).max(100),
  installationDate: installationDateSchema,
  email: emailSchema,
  sendInvitationMail: z.boolean().optional(),
});
export type HandoverRegisterBody = z.infer<typeof handoverRegisterBodySchema>;

export const HANDOVER_METHODS = ['in_person', 'post'] as const;
export type HandoverMethod = (typeof HANDOVER_METHODS)[number];
export const handoverMethodSchema = z.enum(HANDOVER_METHODS);

/** POST /api/admin/handovers/:id/handed-over — when, by whom (a name or an office) and how. */
export const handedOverBodySchema = z.strictObject({
  date: isoDateSchema,
  by: z
    .string()
    .trim()
    .min(1)
    .max(HANDED_OVER_BY_MAX_LENGTH)
    .refine((value) => !CONTROL_CHARACTERS.test(value), { message: 'No control characters.' }),
  method: handoverMethodSchema,
});
export type HandedOverBody = z.infer<typeof handedOverBodySchema>;

/** POST /api/admin/handovers/:id/package.pdf — the printable package; `lang` nl (default) or en. */
export const printPackageBodySchema = z.strictObject({ lang: pdfLanguageSchema.default('nl') }).nullish();

/**
 * Where a handover stands, in order: registered → prepared (package printed) → handed over →
 * activated (the person activated their account). `activated` wins even when the handover itself was
 * never recorded.
 */
export const HANDOVER_STAGES = ['registered', 'prepared', 'handed_over', 'activated'] as const;
export type HandoverStage = (typeof HANDOVER_STAGES)[number];

export const handoverSummarySchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  /** The person's own name once they activated, else the name the admin registered. */
  name: z.string(),
  email: z.string(),
  office: officeSchema,
  regionKind: regionKindSchema,
  region: z.string(),
  installationDate: z.string(),
  createdAt: z.iso.datetime(),
  stage: z.enum(HANDOVER_STAGES),
  /** Not yet handed over or not yet activated (and the account is not deactivated). */
  open: z.boolean(),
  personStatus: personStatusSchema,
  activatedAt: z.iso.datetime().nullable(),
  invitation: invitationSummarySchema.nullable(),
  preparedAt: z.iso.datetime().nullable(),
  lastPrintedAt: z.iso.datetime().nullable(),
  printCount: z.number().int(),
  handedOver: z
    .object({
      on: z.string(),
      by: z.string(),
      method: handoverMethodSchema,
    })
    .nullable(),
});
export type HandoverSummary = z.infer<typeof handoverSummarySchema>;

export const HANDOVER_EVENT_KINDS = [
  'registered',
  'package_printed',
  'handed_over',
  'handover_undone',
  'code_exchanged',
] as const;
export type HandoverEventKind = (typeof HANDOVER_EVENT_KINDS)[number];

export const handoverEventSchema = z.object({
  at: z.iso.datetime(),
  kind: z.enum(HANDOVER_EVENT_KINDS),
  /** Who did it (null: the system, or the office holder exchanging their code without an account yet). */
  actorName: z.string().nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type HandoverEvent = z.infer<typeof handoverEventSchema>;

export const packageEditionSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  publishedAt: z.iso.datetime(),
});
export type PackageEdition = z.infer<typeof packageEditionSchema>;

export const handoverDetailSchema = handoverSummarySchema.extend({
  /** The package version in the latest print (null before the first print). */
  printedEdition: packageEditionSchema.nullable(),
  /** Until when the short code of the latest print works, while the person has not activated. */
  activationCodeExpiresAt: z.iso.datetime().nullable(),
  history: z.array(handoverEventSchema),
});
export type HandoverDetail = z.infer<typeof handoverDetailSchema>;
export const handoverResponseSchema = z.object({ handover: handoverDetailSchema });
export type HandoverResponse = z.infer<typeof handoverResponseSchema>;

/** GET /api/admin/handovers — `view=open` (default): not yet handed over or activated; oldest installation first. */
export const handoverListQuerySchema = z.object({
  view: z.enum(['open', 'all']).default('open'),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
});
export type HandoverListQuery = z.infer<typeof handoverListQuerySchema>;

export const handoverListResponseSchema = z.object({
  handovers: z.array(handoverSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type HandoverListResponse = z.infer<typeof handoverListResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// Admin: importing many appointments from a CSV file (handover-import.ts, re-exported here)
// ---------------------------------------------------------------------------------------------------

export * from './handover-import.ts';

// ---------------------------------------------------------------------------------------------------
// The office holder's own package
// ---------------------------------------------------------------------------------------------------

/** GET /api/me/package — my appointment (if registered here) and the package versions I can download. */
export const myPackageResponseSchema = z.object({
  handover: z
    .object({
      office: officeSchema,
      regionKind: regionKindSchema,
      region: z.string(),
      installationDate: z.string(),
      handedOverOn: z.string().nullable(),
    })
    .nullable(),
  editions: z.array(
    packageEditionSchema.extend({
      /** The newest version of the package. */
      current: z.boolean(),
      /** The version in the printed package I was handed. */
      received: z.boolean(),
    }),
  ),
});
export type MyPackageResponse = z.infer<typeof myPackageResponseSchema>;

export const editionParamsSchema = z.object({ editionId: z.uuid() });
export const pdfLanguageQuerySchema = z.object({ lang: pdfLanguageSchema.default('nl') });
