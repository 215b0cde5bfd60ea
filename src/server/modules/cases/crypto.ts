import { contextAad } from '../../lib/crypto/index.ts';

/**
 * Associated data of every encrypted column of the case core: the record, the field and the row id, so
 * a ciphertext moved to another row or field does not decrypt. The encrypted-columns registry (for
 * `keys:rotate`) lists the same places. A type binds its own fields the same way (`caseFieldAad`).
 */
export const caseAad = {
  intake: (caseId: string) => contextAad('case', 'intake', caseId),
  personConcerned: (caseId: string) => contextAad('case', 'person_concerned', caseId),
  feedback: (caseId: string) => contextAad('case', 'feedback', caseId),
  message: (messageId: string) => contextAad('case', 'message', messageId),
  note: (noteId: string) => contextAad('case', 'note', noteId),
  attachmentName: (attachmentId: string) => contextAad('case', 'attachment_name', attachmentId),
  attachmentContent: (attachmentId: string) => contextAad('case', 'attachment_content', attachmentId),
};

/** Associated data for a field of a case type's own table, bound to the case (e.g. the advice). */
export function caseFieldAad(field: string, caseId: string): string {
  return contextAad('case', field, caseId);
}
