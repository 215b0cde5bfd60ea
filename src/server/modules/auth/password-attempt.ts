import type { AuditAction } from '../../../shared/catalogue/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { sendMail } from '../mail/service.ts';
import type { PersonWithRoles } from '../people/repository.ts';
import type { SignInMethod } from '../sessions/service.ts';
import { passwordHashOf, suspiciousSignInText } from './credentials.ts';
import type { AuthDeps } from './deps.ts';
import { verifyPasswordOrDummy } from './passwords.ts';
import { spendRecoveryCode } from './recovery-codes.ts';
import { blockedForSeconds, recordFailure, secondFactorKey, THROTTLE, type ThrottleKeys } from './throttle.ts';
import { acceptTotpStep, checkTotpCode, loadTotp } from './totp.ts';

/**
 * Password + second factor, shared by signing in and by step-up. Every failure does the same work
 * (argon2 against a dummy hash when there is no password) and is counted and audited the same way,
 * known account or not.
 */

const NOBODY = '00000000-0000-0000-0000-000000000000';

export interface PasswordAttempt {
  password: string;
  totpCode?: string | undefined;
  recoveryCode?: string | undefined;
}

export type AttemptOutcome =
  | { ok: true; person: PersonWithRoles; method: SignInMethod; usedRecoveryCode: boolean }
  | { ok: false; person: PersonWithRoles | null; reason: string; passwordRight: boolean };

export interface CheckedAttempt {
  outcome: AttemptOutcome;
  /**
   * Uses the second factor (the TOTP step, or the recovery code) in one unit of work together with
   * `work`; null when it was used up meanwhile (a code is accepted once), and then `work` does not run.
   */
  commit<T>(ctx: ServiceContext, work: (w: Work) => Promise<T>): Promise<{ value: T } | null>;
}

/**
 * Checks password and second factor for a person (or for nobody: then a dummy hash is verified, so an
 * unknown account takes as long as a wrong password).
 */
export async function attemptPassword(
  deps: AuthDeps,
  person: PersonWithRoles | null,
  attempt: PasswordAttempt,
  device: string | null,
): Promise<CheckedAttempt> {
  const db = deps.uow.db;
  // The lookup runs for an unknown account too (with an id nobody has), so both paths do the same work.
  const stored = await passwordHashOf(db, person?.id ?? NOBODY);
  const passwordOk = await verifyPasswordOrDummy(stored, attempt.password);
  const fail = (reason: string, passwordRight = false): CheckedAttempt => ({
    outcome: { ok: false, person, reason, passwordRight },
    commit: async () => null,
  });
  if (!person) return fail('unknown_account');
  if (!passwordOk) return fail(stored ? 'wrong_password' : 'no_password');
  if (person.status !== 'active') return fail('inactive');
  if ((await blockedForSeconds(db, [secondFactorKey(deps.keyring, person.id, device)])) > 0) {
    return fail('second_factor_blocked');
  }
  const totp = await loadTotp(db, deps.keyring, person.id);
  if (!totp?.confirmed) return fail('no_second_factor');
  let step: number | null = null;
  if (attempt.totpCode !== undefined) {
    step = await checkTotpCode(totp.secret, attempt.totpCode, totp.lastUsedStep);
    if (step === null) return fail('wrong_code', true);
  }
  const usedRecoveryCode = attempt.totpCode === undefined;
  return {
    outcome: {
      ok: true,
      person,
      method: usedRecoveryCode ? 'password_recovery' : 'password_totp',
      usedRecoveryCode,
    },
    commit: (ctx, work) =>
      deps.uow.run(ctx, async (w) => {
        const accepted =
          step !== null
            ? await acceptTotpStep(w.tx, person.id, step)
            : await spendRecoveryCode(w.tx, deps.keyring, person.id, attempt.recoveryCode ?? '');
        if (!accepted) return null;
        return { value: await work(w) };
      }),
  };
}

/**
 * Mails the owner about attempts that look like someone else (V6.3.5). Not awaited: the answer to a
 * known account must take as long as the answer to an unknown one.
 */
function warnOwner(deps: AuthDeps, ctx: ServiceContext, email: string, kind: 'failed_attempts' | 'password_known') {
  deps.uow
    .run(ctx, (w) =>
      sendMail(w, deps.keyring, { to: email, kind: 'notice', ...suspiciousSignInText(deps.config.PUBLIC_URL, kind) }),
    )
    .catch((error: unknown) => deps.log.error({ err: error }, 'could not queue the sign-in attempts notice'));
}

/** Counts and audits a failed attempt: every one, known account or not (same work either way). */
export async function recordFailedAttempt(
  deps: AuthDeps,
  ctx: ServiceContext,
  keys: ThrottleKeys,
  outcome: { person: PersonWithRoles | null; reason: string; passwordRight: boolean },
  action: AuditAction,
  method: string,
): Promise<void> {
  const db = deps.uow.db;
  const accountFailures = await recordFailure(db, keys.account, { threshold: THROTTLE.account.threshold });
  await recordFailure(db, keys.ip, { threshold: THROTTLE.ip.threshold });
  let codeFailures = 0;
  if (outcome.person && outcome.passwordRight) {
    codeFailures = await recordFailure(db, secondFactorKey(deps.keyring, outcome.person.id, keys.device), {
      fixedAfter: THROTTLE.secondFactor.maxFailures,
    });
  }
  // Exactly at the threshold, so one notice per 15-minute window, not one per attempt.
  const notice =
    codeFailures === THROTTLE.secondFactor.maxFailures
      ? 'password_known'
      : accountFailures === THROTTLE.account.threshold
        ? 'failed_attempts'
        : null;
  if (notice && outcome.person?.status === 'active') warnOwner(deps, ctx, outcome.person.email, notice);
  // An event, not a change: audited in a unit of its own.
  await deps.uow.run(ctx, (w) =>
    recordAudit(w.tx, w, {
      action,
      outcome: 'failure',
      actorPersonId: null,
      subjectPersonId: outcome.person?.id ?? null,
      recordType: 'person',
      ...(outcome.person ? { recordId: outcome.person.id } : {}),
      details: { method, reason: outcome.reason },
    }),
  );
}
