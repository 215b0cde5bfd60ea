import type { Keyring } from '../../lib/crypto/index.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';
import type { NotificationService } from '../notifications/service.ts';
import type { CaseTypeRegistry } from './registry.ts';
import type { WorkingCalendar } from './sla.ts';

/**
 * What the case core needs from the app; built once by the cases plugin. Every change runs in the one
 * unit of work (`uow`: one transaction, its clock, mail and jobs after the commit).
 */
export interface CaseDeps {
  uow: UnitOfWork;
  keyring: Keyring;
  registry: CaseTypeRegistry;
  calendar: WorkingCalendar;
  notifications: NotificationService;
}

export const SLA_CHECK_JOB = 'case.sla-check';
export const SLA_SWEEP_JOB = 'case.sla-sweep';
export const RETENTION_JOB = 'case.retention';
