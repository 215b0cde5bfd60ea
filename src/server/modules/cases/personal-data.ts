import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { and, asc, eq, isNull } from 'drizzle-orm';
import {
  type ExportedFile,
  isoOrNull,
  type JsonRecord,
  type PersonalDataContribution,
  type RetentionRule,
} from '../../lib/personal-data.ts';
import type { Relation } from '../../lib/policy.ts';
import { sanitiseFileName } from '../../lib/uploads/file-names.ts';
import { people } from '../people/db.ts';
import { caseAad } from './crypto.ts';
import { caseAttachments, caseGrants, caseMessages, cases } from './db.ts';
import type { CaseCore } from './facade.ts';
import { loadCase, timelineOf, updateCase } from './repository.ts';
import { eraseCaseContent } from './retention.ts';

const json = (value: unknown) => JSON.parse(JSON.stringify(value ?? null)) as JsonRecord;

/**
 * Cases in the person's export: the cases they requested, as the requester sees them: the request, the
 * conversation and its files, the timeline entries meant for them, who they let in, the type's part as
 * the type presents it to the requester, their feedback. Never the staff's internal notes, the staff-only
 * timeline or (for types that shield it) the person concerned.
 *
 * On account deletion every case they requested is closed (if open) and its content erased at once,
 * leaving the core's tombstone (type, dates, office type, region, outcome).
 */
export function casePersonalData(core: CaseCore): PersonalDataContribution {
  const keyring = core.keyring;
  const owner = new Set<Relation>(['owner']);
  return {
    sources: [
      {
        key: 'cases',
        tables: ['cases', 'case_messages', 'case_attachments', 'case_events', 'case_grants', 'case_read_markers'],
        async export({ db, personId }) {
          const ids = await db
            .select({ id: cases.id })
            .from(cases)
            .where(and(eq(cases.requesterId, personId), isNull(cases.erasedAt)))
            .orderBy(asc(cases.createdAt));
          const records: JsonRecord[] = [];
          const files: ExportedFile[] = [];
          for (const { id } of ids) {
            const state = await loadCase(db, core.registry, id);
            if (!state) continue;
            const { row, definition } = state;
            const decrypt = (envelope: string | null, aad: string) =>
              envelope ? (JSON.parse(keyring.decryptString(envelope, aad)) as unknown) : null;
            const intake = decrypt(row.intakeEnvelope, caseAad.intake(id));
            const personConcerned = definition.personConcernedRelations.includes('owner')
              ? decrypt(row.personConcernedEnvelope, caseAad.personConcerned(id))
              : null;
            const messages = await db
              .select()
              .from(caseMessages)
              .where(eq(caseMessages.caseId, id))
              .orderBy(asc(caseMessages.createdAt));
            const attachments = await db
              .select()
              .from(caseAttachments)
              .where(eq(caseAttachments.caseId, id))
              .orderBy(asc(caseAttachments.createdAt));
            const attachmentRecords = attachments.map((attachment, index) => {
              const name = keyring.decryptString(attachment.nameEnvelope, caseAad.attachmentName(attachment.id));
              const bytes = keyring.decrypt(attachment.contentEnvelope, caseAad.attachmentContent(attachment.id));
              const path = `${row.reference ?? id}/${String(index + 1).padStart(2, '0')} ${sanitiseFileName(name, 100) || 'bestand'}`;
              files.push({
                path,
                size: bytes.length,
                sha256: createHash('sha256').update(bytes).digest('hex'),
                crc32: crc32(bytes) >>> 0,
                modifiedAt: attachment.createdAt,
                // Decrypted again when its turn comes, so the export never holds every file at once.
                open: () =>
                  Readable.from([
                    keyring.decrypt(attachment.contentEnvelope, caseAad.attachmentContent(attachment.id)),
                  ]),
              });
              return {
                fileName: name,
                contentType: attachment.contentType,
                size: attachment.size,
                fromMe: attachment.fromRequester,
                createdAt: attachment.createdAt.toISOString(),
                fileInExport: path,
              };
            });
            const grants = await db
              .select({ grant: caseGrants, name: people.displayName })
              .from(caseGrants)
              .leftJoin(people, eq(people.id, caseGrants.personId))
              .where(eq(caseGrants.caseId, id));
            const timeline = await timelineOf(db, id, false);
            const typeDetail = definition.present({ state, keyring, intake, personConcerned, relations: owner });
            records.push({
              reference: row.reference,
              type: row.type,
              status: row.status,
              urgency: row.urgency,
              officeType: row.officeType,
              region: row.region,
              createdAt: row.createdAt.toISOString(),
              firstResponseAt: isoOrNull(row.firstResponseAt),
              closedAt: isoOrNull(row.closedAt),
              outcome: row.outcome,
              reopenUntil: isoOrNull(row.reopenUntil),
              retainUntil: isoOrNull(row.retainUntil),
              request: json(intake),
              personConcerned: json(personConcerned),
              typeDetail: json(typeDetail),
              feedback: row.feedbackAt
                ? {
                    rating: row.feedbackRating,
                    text: row.feedbackEnvelope
                      ? keyring.decryptString(row.feedbackEnvelope, caseAad.feedback(id))
                      : null,
                    at: row.feedbackAt.toISOString(),
                  }
                : null,
              messages: messages.map((message) => ({
                fromMe: message.fromRequester,
                at: message.createdAt.toISOString(),
                text: keyring.decryptString(message.bodyEnvelope, caseAad.message(message.id)),
              })),
              attachments: attachmentRecords,
              timeline: timeline.map(({ event, actorName }) => ({
                at: event.at.toISOString(),
                kind: event.kind,
                by: actorName,
                fromStatus: event.fromStatus,
                toStatus: event.toStatus,
              })),
              sharedWith: grants.map(({ grant, name }) => ({
                name,
                kind: grant.kind,
                scopes: grant.scopes,
                proposedAt: grant.proposedAt.toISOString(),
                consentedAt: isoOrNull(grant.consentedAt),
                revokedAt: isoOrNull(grant.revokedAt),
              })),
            });
          }
          return { records, files };
        },
      },
    ],
    exclusions: [
      {
        table: 'case_notes',
        reason:
          'Staff-internal working notes; the requester never sees them (the same rule as in the portal). They are erased with the case.',
      },
      {
        table: 'case_assignments',
        reason:
          'Which staff member handled a case is a work record of the team; the requester sees who helps them in the case itself (the timeline in this export).',
      },
    ],
    erasure: [
      {
        name: 'cases',
        async run(w, personId) {
          const mine = await w.tx
            .select({ id: cases.id })
            .from(cases)
            .where(and(eq(cases.requesterId, personId), isNull(cases.erasedAt)));
          let closed = 0;
          for (const { id } of mine) {
            const state = await loadCase(w.tx, core.registry, id, { forUpdate: true });
            if (!state) continue;
            const c = core.workOn(w, state);
            if (!state.row.closedAt) {
              const outcome = state.definition.requesterOutcome;
              await updateCase(w.tx, id, {
                status: state.definition.closedStatus,
                closedAt: w.now,
                firstClosedAt: state.row.firstClosedAt ?? w.now,
                outcome,
                slaRunningSince: null,
                firstResponseDueAt: null,
                updatedAt: w.now,
              });
              await c.audit('case.closed', { outcome, reason: 'account_deleted' });
              closed++;
            }
            await eraseCaseContent(core.deps, c, 'requester');
          }
          return { counts: { casesClosed: closed, casesErased: mine.length } };
        },
      },
    ],
    retention: core.registry.all().map(
      (definition): RetentionRule => ({
        category: `cases_${definition.type}`,
        tables: [
          'cases',
          'case_messages',
          'case_notes',
          'case_attachments',
          'case_events',
          'case_grants',
          'case_assignments',
          'case_read_markers',
        ],
        keepDays: definition.settings.retentionDays,
        startsAt: 'the case was closed (a reopen starts the clock again)',
        reason:
          'Time to reopen and to follow up; then the content is destroyed and a tombstone without the person stays for statistics. The requester may erase a closed case earlier.',
        enforcedBy: 'cases.retention',
      }),
    ),
  };
}
