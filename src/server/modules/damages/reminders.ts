import { and, eq, gte, isNull, lte } from 'drizzle-orm';
import { DAMAGES_SUBJECT } from '../../../shared/damages.ts';
import { dutchDay } from '../../../shared/woningscan-schemes.ts';
import { systemContext } from '../../lib/context.ts';
import type { DamagesDeps } from './access.ts';
import { damageClaims, damageDeadlines } from './db.ts';

export const DAMAGE_REMINDER_JOB = 'damages.reminders';

/**
 * Reminds one deadline, once: the row is claimed by the one transaction whose update finds it not yet
 * reminded (a second instance's update waits on the row lock, then finds it taken and does nothing), and
 * the notification and its notice mail are written in that same transaction. A crash before the commit
 * leaves it unclaimed for the next sweep; after the commit the mail goes out through the outbox.
 */
export async function remindDeadline(deps: DamagesDeps, deadlineId: string): Promise<boolean> {
  return deps.uow.run(systemContext(), async (w) => {
    const today = dutchDay(w.now);
    const [claimed] = await w.tx
      .update(damageDeadlines)
      .set({ remindedAt: w.now })
      .where(
        and(
          eq(damageDeadlines.id, deadlineId),
          isNull(damageDeadlines.remindedAt),
          lte(damageDeadlines.remindOn, today),
          gte(damageDeadlines.dueOn, today),
        ),
      )
      .returning({ ownerId: damageDeadlines.ownerId, claimId: damageDeadlines.claimId });
    if (!claimed) return false;
    const [claim] = await w.tx
      .select({ incidentId: damageClaims.incidentId })
      .from(damageClaims)
      .where(eq(damageClaims.id, claimed.claimId));
    if (!claim) return false;
    // The notice says only that a deadline is near, and links to the incident's damages page.
    await deps.notifications.notify(w, [claimed.ownerId], 'damage_deadline_soon', {
      type: DAMAGES_SUBJECT,
      id: claim.incidentId,
    });
    return true;
  });
}

/**
 * The cron sweep (every minute, on the unit of work's clock): every deadline whose reminder day has come
 * and that has not passed nor been reminded. A deadline that passed while no instance ran is not
 * reminded late; the claim page still shows it.
 */
export async function sweepReminders(deps: DamagesDeps): Promise<number> {
  const today = dutchDay(deps.uow.now());
  const due = await deps.uow.db
    .select({ id: damageDeadlines.id })
    .from(damageDeadlines)
    .where(
      and(isNull(damageDeadlines.remindedAt), lte(damageDeadlines.remindOn, today), gte(damageDeadlines.dueOn, today)),
    );
  let sent = 0;
  for (const deadline of due) if (await remindDeadline(deps, deadline.id)) sent++;
  return sent;
}
