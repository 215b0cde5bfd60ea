import { contextAad } from '../../lib/crypto/index.ts';

/**
 * Associated data of every encrypted case column: the table, the column and the row id, so a ciphertext
 * moved to another row or column does not decrypt. The encrypted-columns registry (for `keys:rotate`)
 * lists the same places.
 */
export const caseAad = {
  intake: (caseId: string) => contextAad('case', 'intake', caseId),
  personConcerned: (caseId: string) => contextAad('case', 'person_concerned', caseId),
  advice: (caseId: string) => contextAad('case', 'advice', caseId),
  feedback: (caseId: string) => contextAad('case', 'feedback', caseId),
  message: (messageId: string) => contextAad('case', 'message', messageId),
  note: (noteId: string) => contextAad('case', 'note', noteId),
  attachmentName: (attachmentId: string) => contextAad('case', 'attachment_name', attachmentId),
  attachmentContent: (attachmentId: string) => contextAad('case', 'attachment_content', attachmentId),
};
