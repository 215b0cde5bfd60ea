import type { EncryptedColumn } from '../../lib/encrypted-columns.ts';
import { mailOutbox } from './db.ts';

/** The encrypted columns of the mail module (the outbox bodies and attachments), for the registry key rotation walks. */
export const MAIL_ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  {
    name: 'mail_outbox.body_envelope',
    table: mailOutbox,
    column: mailOutbox.bodyEnvelope,
    primaryKey: mailOutbox.id,
  },
  {
    name: 'mail_outbox.attachments_envelope',
    table: mailOutbox,
    column: mailOutbox.attachmentsEnvelope,
    primaryKey: mailOutbox.id,
  },
];
