import type { FastifyInstance } from 'fastify';
import { PersonalDataRegistry } from './lib/personal-data.ts';
import { AFTERCARE_PERSONAL_DATA } from './modules/aftercare/personal-data.ts';
import { AUDIT_PERSONAL_DATA } from './modules/audit/personal-data.ts';
import { AUTH_PERSONAL_DATA } from './modules/auth/personal-data.ts';
import { casePersonalData } from './modules/cases/personal-data.ts';
import { HANDOVER_PERSONAL_DATA } from './modules/handover/personal-data.ts';
import { IDEMPOTENCY_PERSONAL_DATA } from './modules/idempotency/personal-data.ts';
import { incidentPersonalData } from './modules/incidents/personal-data.ts';
import { MAIL_PERSONAL_DATA } from './modules/mail/personal-data.ts';
import { NOTIFICATIONS_PERSONAL_DATA } from './modules/notifications/personal-data.ts';
import { PACKAGE_PERSONAL_DATA } from './modules/package/personal-data.ts';
import { PEOPLE_PERSONAL_DATA } from './modules/people/personal-data.ts';
import { PRIVACY_PERSONAL_DATA } from './modules/privacy/personal-data.ts';
import { SESSIONS_PERSONAL_DATA } from './modules/sessions/personal-data.ts';
import { SUPPORT_PERSONAL_DATA } from './modules/support/personal-data.ts';
import { TRAINING_PERSONAL_DATA } from './modules/training/personal-data.ts';
import { WONINGSCAN_PERSONAL_DATA } from './modules/woningscan/personal-data.ts';
import { ZELFSCAN_PERSONAL_DATA } from './modules/zelfscan/personal-data.ts';

/**
 * Composition: every module's personal data (export sources, reasoned exclusions, account-deletion steps,
 * retention rules), registered into one registry (lib/personal-data.ts knows no module). Built once the
 * modules are registered, since the case core and the incidents bring their own dependencies (case types,
 * the evidence store). A module that adds a table with a person reference adds it to its own
 * `personal-data.ts`; the coverage test (test/integration/personal-data-coverage.test.ts) fails otherwise.
 *
 * The order is the export's order, and the order in which account deletion runs its steps: the cases
 * and incidents first (they still need the account), the sign-in methods and sessions last.
 */
export function personalDataRegistry(app: FastifyInstance): PersonalDataRegistry {
  return new PersonalDataRegistry()
    .register('people', PEOPLE_PERSONAL_DATA)
    .register('cases', casePersonalData(app.cases))
    .register('support', SUPPORT_PERSONAL_DATA)
    .register('woningscan', WONINGSCAN_PERSONAL_DATA)
    .register('incidents', incidentPersonalData(app.incidents))
    .register('zelfscan', ZELFSCAN_PERSONAL_DATA)
    .register('training', TRAINING_PERSONAL_DATA)
    .register('aftercare', AFTERCARE_PERSONAL_DATA)
    .register('handover', HANDOVER_PERSONAL_DATA)
    .register('notifications', NOTIFICATIONS_PERSONAL_DATA)
    .register('mail', MAIL_PERSONAL_DATA)
    .register('audit', AUDIT_PERSONAL_DATA)
    .register('package', PACKAGE_PERSONAL_DATA)
    .register('privacy', PRIVACY_PERSONAL_DATA)
    .register('auth', AUTH_PERSONAL_DATA)
    .register('idempotency', IDEMPOTENCY_PERSONAL_DATA)
    .register('sessions', SESSIONS_PERSONAL_DATA);
}
