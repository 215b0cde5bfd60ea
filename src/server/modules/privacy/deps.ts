import type { Keyring } from '../../lib/crypto/index.ts';
import type { PersonalDataRegistry } from '../../lib/personal-data.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';

/** What the privacy services need: the one unit of work, the keys, and every module's personal data. */
export interface PrivacyDeps {
  uow: UnitOfWork;
  keyring: Keyring;
  registry: PersonalDataRegistry;
  /** Days a deleted account's identity stays tied to its id in the audit trail. */
  auditSubjectLinkDays: number;
}
