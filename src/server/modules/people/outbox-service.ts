import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { maskTokenLinks } from '../../lib/secret-links.ts';
import { recordAudit } from '../audit/service.ts';
import { listOutboxPage, readOutboxMessage } from '../mail/service.ts';
import type { PeopleDeps } from './deps.ts';
import { findPersonByEmail } from './repository.ts';

/**
 * The local mail outbox, for running without a mail server (SMTP_URL unset): admins can read what
 * would have been sent, e.g. to pass on an activation link. With SMTP configured there is nothing to
 * show (404): real mail left the building, and its body was erased once delivered.
 *
 * A message can hold an activation link (a credential), so every read of one is audited, with the
 * recipient as subject: they see it under "who accessed my data". In production (local mode there only
 * with ALLOW_LOCAL_MAIL_IN_PRODUCTION) the link's token is never shown: an admin must not be able to
 * activate someone else's account. Outside production the full link is there to try the journeys.
 */
function requireLocalMode(deps: PeopleDeps): void {
  if (deps.config.SMTP_URL) throw notFound();
}

export async function listOutbox(deps: PeopleDeps, page: { page: number; pageSize: number }) {
  requireLocalMode(deps);
  return listOutboxPage(deps.uow.db, page);
}

export async function readOutbox(deps: PeopleDeps, ctx: ServiceContext, id: string) {
  requireLocalMode(deps);
  const message = await deps.uow.run(ctx, async (w) => {
    const found = await readOutboxMessage(w.tx, deps.keyring, id);
    if (!found) return null;
    const recipient = await findPersonByEmail(w.tx, found.recipient);
    await recordAudit(w.tx, w, {
      action: 'mail.outbox_read',
      subjectPersonId: recipient?.id ?? null,
      recordType: 'mail',
      recordId: found.id,
      details: { kind: found.kind },
    });
    return found;
  });
  if (!message) throw notFound();
  if (deps.config.NODE_ENV !== 'production' || message.text === null) return message;
  return { ...message, text: maskTokenLinks(message.text) };
}
