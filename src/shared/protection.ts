import { z } from 'zod';

/**
 * The Stelsel bewaken en beveiligen on an incident (domain.md §6): information only, and one step the
 * person records for themselves — that they were informed (and will talk to the police about protection),
 * with optionally a date on which they want to look at it again. Weerbaar is not part of the Stelsel: by
 * design there is no field here for measures, threat levels or anything operational (see the protection
 * module's README and test/integration/no-protection-details.test.ts).
 */

export const protectionParamsSchema = z.object({ incidentId: z.uuid() }).strict();

/** The review date may not lie in the past (checked on the server's clock). */
export const protectionInputSchema = z
  .object({
    informed: z.literal(true),
    reviewOn: z.iso.date().nullable().optional(),
  })
  .strict();
export type ProtectionInput = z.infer<typeof protectionInputSchema>;

export const protectionStateSchema = z.object({
  /** When the person recorded that they were informed; null if not yet. */
  informedAt: z.iso.datetime().nullable(),
  reviewOn: z.iso.date().nullable(),
});
export type ProtectionState = z.infer<typeof protectionStateSchema>;

export const protectionResponseSchema = z.object({ protection: protectionStateSchema });
