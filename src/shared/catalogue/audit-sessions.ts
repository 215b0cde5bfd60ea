import type { Catalogue } from './types.ts';

/** Audit actions of the sessions module (signing in and out). */
export const SESSIONS_AUDIT_ACTIONS = {
  'session.signed_in': { nl: 'logde in', en: 'signed in' },
  'session.signed_out': { nl: 'logde uit', en: 'signed out' },
  'session.ended': { nl: 'beëindigde een sessie', en: 'ended a session' },
  'session.ended_all': { nl: 'beëindigde alle sessies van uw account', en: 'ended all sessions of your account' },
  'session.sign_in_failed': {
    nl: 'probeerde in te loggen op uw account, zonder succes',
    en: 'tried to sign in to your account, without success',
  },
  'session.reauthenticated': {
    nl: 'logde opnieuw in om iets te bevestigen',
    en: 'signed in again to confirm an action',
  },
  'session.reauthentication_failed': {
    nl: 'probeerde opnieuw in te loggen om iets te bevestigen, zonder succes',
    en: 'tried to sign in again to confirm an action, without success',
  },
} as const satisfies Catalogue;
