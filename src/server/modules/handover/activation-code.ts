import { and, eq, gt, isNull } from 'drizzle-orm';
import { normaliseActivationCode } from '../../../shared/handover.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest } from '../../lib/errors.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { assertNotThrottled, recordFailure } from '../auth/throttle.ts';
import { issueInvitation } from '../people/invitations.ts';
import { lockPersonById } from '../people/repository.ts';
import { activationCodes, handovers } from './db.ts';
import type { HandoverDeps } from './deps.ts';
import { activationCodeHash } from './print.ts';
import { addEvent } from './records.ts';

/** Per IP address: the same back-off as sign-in (auth/throttle.ts), from the 5th wrong code on. */
const CODE_GUESS_CURVE = { threshold: 5 } as const;

export const activationCodeInvalid = () =>
  badRequest('activation_code_invalid', 'This code is not valid (any more). Check it, or ask for a new package.');

/**
 * The printed short code → a fresh activation token. Public, so guarded: the sign-in back-off per IP
 * address for wrong codes (429 with Retry-After while blocked), besides the route's request cap. Every
 * unusable code answers the same 400.
 */
export async function exchangeCode(
  deps: HandoverDeps,
  ctx: ServiceContext,
  clientIp: string,
  typed: string,
): Promise<{ token: string }> {
  const key = `activation-code-ip:${deps.keyring.keyedHash('activation-code-ip', clientIp)}`;
  await assertNotThrottled(deps.uow.db, [key]);
  const exchanged = await deps.uow.run(ctx, (w) => exchangeActivationCode(w, deps, typed));
  if (!exchanged) {
    await recordFailure(deps.uow.db, key, CODE_GUESS_CURVE);
    throw activationCodeInvalid();
  }
  return exchanged;
}

/**
 * Exchanges a printed code for a fresh activation token (which replaces any earlier link). The code
 * keeps working until it expires, a newer print replaces it, or the person has activated: someone who
 * exchanges it and then stops halfway can start again with the same paper. Null for any code that
 * cannot be used, the same for all, so a guess learns nothing.
 */
export async function exchangeActivationCode(
  w: Work,
  deps: Pick<HandoverDeps, 'config' | 'keyring'>,
  typed: string,
): Promise<{ token: string } | null> {
  const code = normaliseActivationCode(typed);
  if (!code) return null;
  const now = new Date();
  const [row] = await w.tx
    .select({ id: activationCodes.id, handoverId: activationCodes.handoverId, personId: handovers.personId })
    .from(activationCodes)
    .innerJoin(handovers, eq(handovers.id, activationCodes.handoverId))
    .where(
      and(
        eq(activationCodes.codeHash, activationCodeHash(deps.keyring, code)),
        isNull(activationCodes.revokedAt),
        gt(activationCodes.expiresAt, now),
      ),
    )
    .for('update', { of: activationCodes });
  if (!row) return null;
  const person = await lockPersonById(w.tx, row.personId);
  if (person?.status !== 'invited') return null;
  const issued = await issueInvitation(w, deps, { person, sendMail: false });
  await w.tx.update(activationCodes).set({ lastExchangedAt: now }).where(eq(activationCodes.id, row.id));
  await addEvent(w, row.handoverId, 'code_exchanged');
  await recordAudit(w.tx, w, {
    action: 'handover.code_exchanged',
    subjectPersonId: person.id,
    recordType: 'handover',
    recordId: row.handoverId,
  });
  return { token: issued.token };
}
