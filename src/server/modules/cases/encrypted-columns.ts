import { caseAttachments, caseMessages, caseNotes, cases } from './db.ts';

/**
 * The encrypted columns of the case core, for the registry that key rotation walks
 * (src/server/lib/encrypted-columns.ts spreads this list into ENCRYPTED_COLUMNS). Each case type lists
 * its own tables' columns (SUPPORT_ENCRYPTED_COLUMNS, SIPA_ENCRYPTED_COLUMNS, and its definition's
 * `encryptedColumns`). Attachment contents are large: a small page size keeps a rotation's memory use
 * bounded.
 */
export const CASE_ENCRYPTED_COLUMNS = [
  { name: 'cases.intake_envelope', table: cases, column: cases.intakeEnvelope, primaryKey: cases.id },
  {
    name: 'cases.person_concerned_envelope',
    table: cases,
    column: cases.personConcernedEnvelope,
    primaryKey: cases.id,
  },
  { name: 'cases.feedback_envelope', table: cases, column: cases.feedbackEnvelope, primaryKey: cases.id },
  {
    name: 'case_messages.body_envelope',
    table: caseMessages,
    column: caseMessages.bodyEnvelope,
    primaryKey: caseMessages.id,
  },
  { name: 'case_notes.body_envelope', table: caseNotes, column: caseNotes.bodyEnvelope, primaryKey: caseNotes.id },
  {
    name: 'case_attachments.name_envelope',
    table: caseAttachments,
    column: caseAttachments.nameEnvelope,
    primaryKey: caseAttachments.id,
  },
  {
    name: 'case_attachments.content_envelope',
    table: caseAttachments,
    column: caseAttachments.contentEnvelope,
    primaryKey: caseAttachments.id,
    pageSize: 5,
  },
] as const;
