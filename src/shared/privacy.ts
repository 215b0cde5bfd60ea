import { z } from 'zod';
import { LOCALES } from './locale.ts';

/**
 * Mijn gegevens (the person's AVG rights): downloading everything Weerbaar holds about them, deleting
 * their account, and how long what is kept. Paths and schemas shared by the server and the web app.
 */
export const PRIVACY_PATHS = {
  export: '/api/me/data-export',
  deleteAccount: '/api/me/account/delete',
  retention: '/api/privacy/retention',
} as const;

/** The word the person types to confirm deleting their account (either language is accepted). */
export const DELETE_CONFIRMATION_WORDS = { nl: 'VERWIJDEREN', en: 'DELETE' } as const;

/** Accounts that may delete themselves: holding no role beyond these (team accounts are closed by an admin). */
export const SELF_DELETABLE_ROLES = ['officeholder', 'relative'] as const;

/** Exports a person may download per hour (each reads and decrypts everything, files included). */
export const EXPORTS_PER_HOUR = 3;

export const dataExportQuerySchema = z.strictObject({ lang: z.enum(LOCALES).default('nl') });

export const deleteAccountBodySchema = z.strictObject({
  confirmation: z.string().trim().min(1).max(40),
});

/** Whether the typed word confirms the deletion (either language, any case). */
export function confirmsDeletion(typed: string): boolean {
  const word = typed.trim().toUpperCase();
  return Object.values(DELETE_CONFIRMATION_WORDS).some((expected) => expected === word);
}
export type DeleteAccountBody = z.infer<typeof deleteAccountBodySchema>;

export const retentionRuleSchema = z.object({
  category: z.string(),
  keepDays: z.number().int().nullable(),
  startsAt: z.string(),
  reason: z.string(),
});
export const retentionResponseSchema = z.object({ rules: z.array(retentionRuleSchema) });
export type RetentionRuleView = z.infer<typeof retentionRuleSchema>;
