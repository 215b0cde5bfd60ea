import { z } from 'zod';

/** One field that failed validation; `field` is a JSON pointer-like path such as `body/email`. */
export const fieldErrorSchema = z.object({
  field: z.string(),
  message: z.string(),
  code: z.string(),
});

/**
 * RFC 9457 problem details, as every error response of the API carries them. `code` is stable and
 * meant for programs (the web app translates it); `title` and `detail` are for people reading logs.
 */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string(),
  requestId: z.string().optional(),
  errors: z.array(fieldErrorSchema).optional(),
});

export type FieldError = z.infer<typeof fieldErrorSchema>;
export type Problem = z.infer<typeof problemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
