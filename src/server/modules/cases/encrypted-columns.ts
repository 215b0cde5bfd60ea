import { caseAttachments, caseMessages, caseNotes, cases } from './db.ts';

/**
 * The encrypted columns of the case modules (cases, support, SIPA), for the registry that key rotation
 * walks (src/server/lib/encrypted-columns.ts spreads this list into ENCRYPTED_COLUMNS). Attachment
 * contents are large: a small page size keeps a rotation's memory use bounded.
 */
export const CASE_ENCRYPTED_COLUMNS = [
  { name: 'cases.intake_envelope', table: cases, column: cases.intakeEnvelope, primaryKey: cases.id },
  {
    name: 'cases.person_concerned_envelope',
    table: cases,
    column: cases.personConcernedEnvelope,
    primaryKey: cases.id,
  },
  { name: 'cases.advice_envelope', table: cases, column: cases.adviceEnvelope, primaryKey: cases.id },
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
