import type { Catalogue } from './types.ts';

/** Audit actions of the privacy module (the person's AVG rights: export, account deletion, retention). */
export const PRIVACY_AUDIT_ACTIONS = {
  'privacy.export_downloaded': {
    nl: 'downloadde een kopie van al uw gegevens',
    en: 'downloaded a copy of all your data',
  },
  'privacy.account_deleted': {
    nl: 'verwijderde uw account en uw gegevens',
    en: 'deleted your account and your data',
  },
  'privacy.audit_subject_unlinked': {
    nl: 'maakte na de wettelijke termijn het logboek los van uw identiteit',
    en: 'unlinked the audit trail from your identity after the legal term',
  },
} as const satisfies Catalogue;
