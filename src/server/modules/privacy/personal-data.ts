import { lt } from 'drizzle-orm';
import type { PersonalDataContribution } from '../../lib/personal-data.ts';
import { recordAudit } from '../audit/service.ts';
import { accountErasures } from './db.ts';

/** The legal term during which a deleted account's id in the audit trail can still be tied to who it was. */
export const AUDIT_SUBJECT_LINK_DAYS = 5 * 365;

export const PRIVACY_PERSONAL_DATA: PersonalDataContribution = {
  exclusions: [
    {
      table: 'account_erasures',
      reason:
        'Exists only once the account is deleted, so nobody can sign in to export it; it holds the deleted identity (encrypted) for the legal term and then goes.',
    },
  ],
  retention: [
    {
      category: 'audit_subject_links',
      tables: ['account_erasures', 'account_erasure_tombstones'],
      keepDays: AUDIT_SUBJECT_LINK_DAYS,
      startsAt: 'the account was deleted',
      reason:
        'Within the term a complaint or an investigation can still learn whose id the audit trail names (and which evidence hashes were removed); after it, nothing ties that id to a person.',
      sweep: async (w) => {
        const removed = await w.tx
          .delete(accountErasures)
          .where(lt(accountErasures.unlinkAfter, w.now))
          .returning({ id: accountErasures.id });
        for (const { id } of removed) {
          await recordAudit(w.tx, w, {
            action: 'privacy.audit_subject_unlinked',
            recordType: 'account_erasure',
            recordId: id,
          });
        }
        return removed.length;
      },
    },
  ],
};
