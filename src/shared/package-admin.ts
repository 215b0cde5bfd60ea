import { z } from 'zod';
import { packageSlugSchema } from './package.ts';

/**
 * Admins edit the package texts in the app (issue #4). Every save is a new revision of one part; the
 * newest revision is what everyone reads. These schemas are shared by the API and the web app.
 */

/** Limits of the content check; the page text's own limit is MAX_BODY_LENGTH in the body check. */
export const TITLE_MAX_LENGTH = 120;
export const SUMMARY_MAX_LENGTH = 400;
export const BODY_MAX_LENGTH = 30_000;
export const NOTE_MAX_LENGTH = 200;

export const REVISION_SOURCES = ['release', 'admin'] as const;
export type RevisionSource = (typeof REVISION_SOURCES)[number];

/**
 * A draft text in both languages. Only the shape is checked here (strings of a bounded size); the
 * content check (empty, too long, raw HTML, links, closing section) answers 422 with every reason.
 */
const draftText = (max: number) => z.object({ nl: z.string().max(max * 2), en: z.string().max(max * 2) });

export const packageRevisionTextsSchema = z.object({
  title: z.object({ nl: z.string(), en: z.string() }),
  summary: z.object({ nl: z.string(), en: z.string() }),
  body: z.object({ nl: z.string(), en: z.string() }),
});
export type PackageRevisionTexts = z.infer<typeof packageRevisionTextsSchema>;

export const packageSaveBodySchema = z
  .object({
    /** The revision the admin started from; when someone saved in between, the save is refused (409). */
    baseRevision: z.number().int().min(1),
    title: draftText(TITLE_MAX_LENGTH),
    summary: draftText(SUMMARY_MAX_LENGTH),
    body: draftText(BODY_MAX_LENGTH),
    note: z.string().trim().max(NOTE_MAX_LENGTH).optional(),
  })
  .strict();
export type PackageSaveBody = z.infer<typeof packageSaveBodySchema>;

export const packageRestoreBodySchema = z
  .object({
    baseRevision: z.number().int().min(1),
    note: z.string().trim().max(NOTE_MAX_LENGTH).optional(),
  })
  .strict();
export type PackageRestoreBody = z.infer<typeof packageRestoreBodySchema>;

export const packageAdminSlugParamsSchema = z.object({ slug: packageSlugSchema });
export const packageAdminRevisionParamsSchema = z.object({
  slug: packageSlugSchema,
  revision: z.coerce.number().int().min(1).max(1_000_000),
});

/** One revision in a part's history, without its texts. */
export const packageRevisionSummarySchema = z.object({
  revision: z.number().int(),
  source: z.enum(REVISION_SOURCES),
  /** The author's display name; null for a release from the content files (or a removed account). */
  authorName: z.string().nullable(),
  note: z.string().nullable(),
  /** For a restore: the revision it copied. */
  restoredFrom: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
});
export type PackageRevisionSummary = z.infer<typeof packageRevisionSummarySchema>;

export const packageRevisionSchema = packageRevisionSummarySchema.extend(packageRevisionTextsSchema.shape);
export type PackageRevision = z.infer<typeof packageRevisionSchema>;

export const packageAdminPartSummarySchema = z.object({
  slug: z.string(),
  position: z.number().int(),
  title: z.object({ nl: z.string(), en: z.string() }),
  current: packageRevisionSummarySchema,
});
export type PackageAdminPartSummary = z.infer<typeof packageAdminPartSummarySchema>;

export const packageAdminPartsResponseSchema = z.object({ parts: z.array(packageAdminPartSummarySchema) });
export type PackageAdminPartsResponse = z.infer<typeof packageAdminPartsResponseSchema>;

/** One part for editing: its current texts (the newest revision) and its whole history, newest first. */
export const packageAdminPartResponseSchema = z.object({
  part: z.object({
    slug: z.string(),
    position: z.number().int(),
    current: packageRevisionSchema,
    history: z.array(packageRevisionSummarySchema),
  }),
});
export type PackageAdminPartResponse = z.infer<typeof packageAdminPartResponseSchema>;

export const packageRevisionResponseSchema = z.object({ revision: packageRevisionSchema });
export type PackageRevisionResponse = z.infer<typeof packageRevisionResponseSchema>;

/** The content check's field names, as `errors[].field` gives them (`body/<text>/<locale>`). */
export const CONTENT_FIELDS = ['title.nl', 'title.en', 'summary.nl', 'summary.en', 'body.nl', 'body.en'] as const;
export type ContentField = (typeof CONTENT_FIELDS)[number];

/** Problem code of a refused save; each field error's `code` says why (see content-check.ts). */
export const CONTENT_CHECK_FAILED = 'content_check_failed';
/** Problem code when someone else saved this part after the revision the admin started from. */
export const REVISION_CONFLICT = 'revision_conflict';
