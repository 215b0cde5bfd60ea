import { z } from 'zod';

/**
 * A text in every locale; content without a translation is refused when it is loaded. Apart from
 * locale.ts so that the web app's first load, which needs only the locale codes, carries no zod.
 */
export const localizedTextSchema = z.object({
  nl: z.string().trim().min(1),
  en: z.string().trim().min(1),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;
