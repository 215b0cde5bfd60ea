import { z } from 'zod';
import { pageQuery } from './admin.ts';

/**
 * Admin: mail that could not be delivered (dead letters), in every mail mode. Shared by the server (route
 * validation, OpenAPI) and the web app's outbox page. Without content: no subject, no body.
 */

/** GET /api/admin/mail/dead-letters?page=&pageSize= */
export const deadLettersQuerySchema = z.object({ ...pageQuery });

/** A dead letter without its content: no subject, no body; the recipient masked; the error a class. */
export const deadLetterSchema = z.object({
  id: z.uuid(),
  /** Masked: `j…@example.org`. */
  recipient: z.string(),
  kind: z.string(),
  attempts: z.number().int(),
  /** E.g. `smtp_permanent:550`, `smtp_temporary:451`, `connection:ECONNREFUSED`, `unknown`. */
  errorClass: z.string(),
  createdAt: z.iso.datetime(),
  deadAt: z.iso.datetime(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

export const deadLettersResponseSchema = z.object({
  deadLetters: z.array(deadLetterSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type DeadLettersResponse = z.infer<typeof deadLettersResponseSchema>;

/** POST /api/admin/mail/dead-letters/:id/retry — answers 204 (one more attempt, now; audited); 404 when it is not a dead letter. */
