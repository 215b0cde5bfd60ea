import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { confirmsDeletion, type DeleteAccountBody, SELF_DELETABLE_ROLES } from '../../../shared/privacy.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { contextAad } from '../../lib/crypto/index.ts';
import { AppError, badRequest, unauthorized } from '../../lib/errors.ts';
import type { ErasureTombstone } from '../../lib/personal-data.ts';
import { recordAudit } from '../audit/service.ts';
import { people } from '../people/db.ts';
import { lockPersonById } from '../people/repository.ts';
import { accountErasures, accountErasureTombstones } from './db.ts';
import type { PrivacyDeps } from './deps.ts';

const DAY_MS = 86_400_000;

export const identityAad = (erasureId: string) => contextAad('account_erasure', 'identity', erasureId);

/**
 * Deleting my account, in one unit of work: every module's erasure step runs (open cases are closed and
 * erased, evidence files go after the commit, relatives are unlinked, a held training seat is given
 * back, sessions end, passkeys and every other sign-in method are removed), the steps' tombstones (a
 * hash, a size, dates) are kept with a record that ties the audit trail's subject id to the identity for
 * the legal term only, and the person's row goes, taking whatever still hangs off it. Either all of it
 * happens or none of it. Team accounts (any role beyond office holder or relative) are closed by an admin.
 */
export async function deleteMyAccount(
  deps: PrivacyDeps,
  ctx: ServiceContext,
  body: DeleteAccountBody,
): Promise<{ erasureId: string }> {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  if (!confirmsDeletion(body.confirmation)) {
    throw badRequest('account_deletion_confirmation', 'Type the confirmation word.', [
      { field: 'confirmation', message: 'Type the confirmation word.', code: 'confirmation_mismatch' },
    ]);
  }
  return deps.uow.run(ctx, async (w) => {
    const person = await lockPersonById(w.tx, actor.personId);
    if (!person) throw unauthorized();
    if (person.roles.some((role) => !(SELF_DELETABLE_ROLES as readonly string[]).includes(role))) {
      throw new AppError(409, 'account_deletion_staff', 'Conflict', 'A team account is closed by an administrator.');
    }
    const counts: Record<string, number> = {};
    const tombstones: ErasureTombstone[] = [];
    for (const step of deps.registry.erasureSteps()) {
      const outcome = await step.run(w, person.id);
      for (const [key, value] of Object.entries(outcome?.counts ?? {})) counts[key] = (counts[key] ?? 0) + value;
      tombstones.push(...(outcome?.tombstones ?? []));
    }
    const erasureId = randomUUID();
    await w.tx.insert(accountErasures).values({
      id: erasureId,
      personId: person.id,
      identityEnvelope: deps.keyring.encrypt(
        JSON.stringify({ email: person.email, displayName: person.displayName }),
        identityAad(erasureId),
      ),
      erasedAt: w.now,
      unlinkAfter: new Date(w.now.getTime() + deps.auditSubjectLinkDays * DAY_MS),
      counts,
    });
    if (tombstones.length > 0) {
      await w.tx.insert(accountErasureTombstones).values(
        tombstones.map((tombstone) => ({
          erasureId,
          kind: tombstone.kind,
          sha256: tombstone.sha256 ?? null,
          size: tombstone.size ?? null,
          createdAt: tombstone.createdAt ?? null,
          erasedAt: w.now,
        })),
      );
    }
    await recordAudit(w.tx, w, {
      action: 'privacy.account_deleted',
      subjectPersonId: person.id,
      recordType: 'account_erasure',
      recordId: erasureId,
      details: { ...counts, tombstones: tombstones.length },
    });
    await w.tx.delete(people).where(eq(people.id, person.id));
    return { erasureId };
  });
}
