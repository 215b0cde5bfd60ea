import type { FastifyBaseLogger } from 'fastify';
import type { Db, Tx } from '../../db/index.ts';
import type { JobRunner } from '../../jobs/runner.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import type { NotificationService } from '../notifications/service.ts';
import { CASE_SUBJECT } from './notification-subject.ts';
import type { CaseTypeRegistry } from './registry.ts';
import type { WorkingCalendar } from './sla.ts';

/** What case services need from the app; built once by the cases plugin (`app.cases`). */
export interface CaseDeps {
  db: Db;
  keyring: Keyring;
  registry: CaseTypeRegistry;
  calendar: WorkingCalendar;
  publicUrl: string;
  notifications: NotificationService;
  jobs: JobRunner;
  flushMail(): Promise<void>;
  log: FastifyBaseLogger;
  /** The clock; tests may move it. */
  now(): Date;
}

/** Things to do once the transaction has committed (never inside it: see Database.executeSql). */
export interface Effects {
  mail: boolean;
  slaChecks: { caseId: string; at: Date }[];
}

export const SLA_CHECK_JOB = 'case.sla-check';
export const SLA_SWEEP_JOB = 'case.sla-sweep';
export const RETENTION_JOB = 'case.retention';

/** Runs `work` in one transaction, then delivers the mail it queued and schedules the service-target checks. */
export async function inCaseTransaction<T>(deps: CaseDeps, work: (tx: Tx, effects: Effects) => Promise<T>): Promise<T> {
  const effects: Effects = { mail: false, slaChecks: [] };
  const result = await deps.db.transaction((tx) => work(tx, effects));
  await afterCommit(deps, effects);
  return result;
}

export async function afterCommit(deps: CaseDeps, effects: Effects): Promise<void> {
  if (effects.mail) await deps.flushMail();
  for (const check of effects.slaChecks) {
    try {
      await deps.jobs.send(SLA_CHECK_JOB, { caseId: check.caseId }, { startAfter: check.at });
    } catch (error) {
      // The sweep job finds the case anyway; a lost check only delays a reminder by one sweep.
      deps.log.error({ err: error }, 'could not schedule a service-target check');
    }
  }
}

/** Notifies people about a case inside the transaction; the notice mail goes out after the commit. */
export async function notifyAboutCase(
  deps: CaseDeps,
  tx: Tx,
  effects: Effects,
  personIds: readonly string[],
  kind: string,
  caseId: string,
): Promise<void> {
  await deps.notifications.notify(
    {
      tx,
      deliverMail: () => {
        effects.mail = true;
      },
    },
    personIds,
    kind,
    { type: CASE_SUBJECT, id: caseId },
  );
}
