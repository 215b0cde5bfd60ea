import { EncryptedColumnRegistry } from './lib/encrypted-columns.ts';
import { AFTERCARE_ENCRYPTED_COLUMNS } from './modules/aftercare/encrypted-columns.ts';
import { AUTH_ENCRYPTED_COLUMNS } from './modules/auth/encrypted-columns.ts';
import { CASE_ENCRYPTED_COLUMNS } from './modules/cases/encrypted-columns.ts';
import { IDEMPOTENCY_ENCRYPTED_COLUMNS } from './modules/idempotency/encrypted-columns.ts';
import { INCIDENT_ENCRYPTED_COLUMNS } from './modules/incidents/encrypted-columns.ts';
import { MAIL_ENCRYPTED_COLUMNS } from './modules/mail/encrypted-columns.ts';
import { PRIVACY_ENCRYPTED_COLUMNS } from './modules/privacy/encrypted-columns.ts';
import { SIPA_ENCRYPTED_COLUMNS } from './modules/sipa/encrypted-columns.ts';
import { SUPPORT_ENCRYPTED_COLUMNS } from './modules/support/encrypted-columns.ts';
import { WONINGSCAN_ENCRYPTED_COLUMNS } from './modules/woningscan/encrypted-columns.ts';
import { ZELFSCAN_ENCRYPTED_COLUMNS } from './modules/zelfscan/encrypted-columns.ts';

/**
 * Composition: every module's encrypted columns, registered into one registry (lib/encrypted-columns.ts
 * knows no module). Key rotation (the CLI's keys:rotate and keys:rewrap) walks what is registered here,
 * without building the whole app. A module that adds an `*_envelope` column adds it to its own list and
 * registers that list here; lib/encrypted-columns.test.ts fails for a column nobody registered.
 */
export function encryptedColumnRegistry(): EncryptedColumnRegistry {
  return (
    new EncryptedColumnRegistry()
      .register('auth', AUTH_ENCRYPTED_COLUMNS)
      .register('mail', MAIL_ENCRYPTED_COLUMNS)
      // The case core, and the own tables of the support, SIPA and woningscan case types.
      .register('cases', CASE_ENCRYPTED_COLUMNS)
      .register('support', SUPPORT_ENCRYPTED_COLUMNS)
      .register('sipa', SIPA_ENCRYPTED_COLUMNS)
      .register('woningscan', WONINGSCAN_ENCRYPTED_COLUMNS)
      .register('zelfscan', ZELFSCAN_ENCRYPTED_COLUMNS)
      .register('incidents', INCIDENT_ENCRYPTED_COLUMNS)
      .register('privacy', PRIVACY_ENCRYPTED_COLUMNS)
      // Check-in answers (health data), step notes, prompts and referrals.
      .register('aftercare', AFTERCARE_ENCRYPTED_COLUMNS)
      // Answers kept for Idempotency-Key retries.
      .register('idempotency', IDEMPOTENCY_ENCRYPTED_COLUMNS)
  );
}
