import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { listDeadLetters, reviveDeadLetter } from '../mail/dead-letters.ts';
import type { PeopleDeps } from './deps.ts';
import { findPersonByEmail } from './repository.ts';

/**
 * Mail that could not be delivered (dead letters), for admins in every mail mode: that it exists and
 * why, never what it says (see mail/dead-letters.ts). Listing shows no content, so it is not audited;
 * sending one again is a change made for someone, audited with the recipient as subject.
 */
export async function listMailFailures(deps: PeopleDeps, page: { page: number; pageSize: number }) {
  return listDeadLetters(deps.uow.db, page);
}

export async function retryMailFailure(deps: PeopleDeps, ctx: ServiceContext, id: string): Promise<void> {
  const revived = await deps.uow.run(ctx, async (w) => {
    const mail = await reviveDeadLetter(w.tx, id);
    if (!mail) return null;
    const recipient = await findPersonByEmail(w.tx, mail.recipient);
    await recordAudit(w.tx, w, {
      action: 'mail.dead_letter_retried',
      subjectPersonId: recipient?.id ?? null,
      recordType: 'mail',
      recordId: mail.id,
      details: { kind: mail.kind },
    });
    w.deliverMail();
    return mail;
  });
  if (!revived) throw notFound();
}
