import { z } from 'zod';
import { localizedTextSchema } from './locale.ts';

/** A part of the Veiligheidspakket as the API presents it: both languages at once, so switching is instant. */
export const packagePartSchema = z.object({
  slug: z.string(),
  position: z.number().int(),
  title: localizedTextSchema,
  summary: localizedTextSchema,
});

export const packagePartsResponseSchema = z.object({
  parts: z.array(packagePartSchema),
});

export type PackagePart = z.infer<typeof packagePartSchema>;
export type PackagePartsResponse = z.infer<typeof packagePartsResponseSchema>;
