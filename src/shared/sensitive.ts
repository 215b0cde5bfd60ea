import type { z } from 'zod';

/**
 * Field names whose values never reach a log line. Schemas mark such fields with `sensitive()`; a test
 * walks every route schema and fails when a marked field is missing here, so the two cannot drift.
 */
export const SENSITIVE_FIELD_NAMES = [
  'password',
  'newPassword',
  'currentPassword',
  'totpCode',
  'totpSecret',
  'otpauthUri',
  'qrSvg',
  'recoveryCode',
  'recoveryCodes',
  'token',
  'invitationToken',
  'sessionToken',
  'phone',
  'phoneNumber',
  'address',
  'homeAddress',
  'message',
  'body',
  'answers',
  'personConcerned',
  // Case contents (src/shared/cases.ts, support.ts, sipa.ts); `typeDetail` is a case type's part of a case.
  'intake',
  'typeDetail',
  'signal',
  'advice',
  'fileName',
  // The woningscan (src/shared/woningscan.ts): who lives in the house, and the measures advised.
  'household',
  'measures',
  // The short activation code printed in the package (src/shared/handover.ts).
  'activationCode',
  // Why a requester reopens a case (src/shared/cases.ts): it becomes their message in the case.
  'reason',
  // Aftercare (src/shared/aftercare.ts): the free text of a check-in, the confidant's note on a step.
  'note',
] as const;

/** Marks a schema field as sensitive: redacted from logs, flagged as `x-sensitive` in the OpenAPI document. */
export function sensitive<T extends z.ZodType>(schema: T): T {
  return schema.meta({ 'x-sensitive': true }) as T;
}
