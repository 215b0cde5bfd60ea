import { aliasedTable, asc, eq } from 'drizzle-orm';
import { auditActionText } from '../../../shared/catalogue/index.ts';
import type { PersonalDataContribution } from '../../lib/personal-data.ts';
import { people } from '../people/db.ts';
import { auditLog } from './db.ts';

/**
 * The access log about the person: every audit entry whose subject they are, oldest first, with what
 * happened in words, who did it (name and roles; "you" for their own actions) and the outcome. Not the
 * keyed hash of the IP address or the chain's hashes: they identify nothing and prove nothing alone.
 */
export const AUDIT_PERSONAL_DATA: PersonalDataContribution = {
  exclusions: [
    {
      table: 'audit_refresh_marks',
      reason:
        'A technical mark that a staff member’s page refresh was already logged in a 15-minute window, so the access log gets one line, not five; the access log itself is exported. The checkpoint writer removes marks after a day.',
    },
  ],
  sources: [
    {
      key: 'access_log',
      tables: ['audit_log'],
      async export({ db, personId }) {
        const actor = aliasedTable(people, 'actor');
        const rows = await db
          .select({ row: auditLog, actorName: actor.displayName })
          .from(auditLog)
          .leftJoin(actor, eq(actor.id, auditLog.actorPersonId))
          .where(eq(auditLog.subjectPersonId, personId))
          .orderBy(asc(auditLog.seq));
        return {
          records: rows.map(({ row, actorName }) => {
            const text = auditActionText(row.action);
            const self = row.actorPersonId === personId;
            return {
              at: row.at.toISOString(),
              action: row.action,
              textNl: text?.nl ?? null,
              textEn: text?.en ?? null,
              by: self ? 'you' : row.actorPersonId ? 'someone_else' : 'system',
              actorName: self ? null : actorName,
              actorRoles: row.actorRoles ? row.actorRoles.split(',') : [],
              recordType: row.recordType,
              recordId: row.recordId,
              outcome: row.outcome,
            };
          }),
        };
      },
    },
  ],
  retention: [
    {
      category: 'audit_trail',
      tables: ['audit_log'],
      keepDays: null,
      startsAt: '—',
      reason:
        'Append-only and hash-chained: the proof of who did what with whose data. It holds ids, codes and counts, never content; after an account is deleted the subject id points at no one once the identity link is gone (audit_subject_links).',
      enforcedBy: 'nobody: never deleted (a database trigger refuses it)',
    },
  ],
};
