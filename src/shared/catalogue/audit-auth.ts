import type { Catalogue } from './types.ts';

/**
 * Audit actions of the auth module (sign-in methods). Each text says what happened, written to follow
 * the name of whoever did it in "Wie heeft mijn gegevens ingezien?" ("[Name] las uw berichten").
 */
export const AUTH_AUDIT_ACTIONS = {
  'auth.passkey_added': { nl: 'voegde een passkey toe aan uw account', en: 'added a passkey to your account' },
  'auth.passkey_removed': { nl: 'haalde een passkey weg van uw account', en: 'removed a passkey from your account' },
  'auth.password_totp_added': {
    nl: 'stelde inloggen met wachtwoord en app-code in',
    en: 'set up signing in with a password and app code',
  },
  'auth.password_totp_removed': {
    nl: 'zette inloggen met wachtwoord en app-code uit',
    en: 'turned off signing in with a password and app code',
  },
  'auth.recovery_codes_issued': { nl: 'maakte nieuwe herstelcodes', en: 'made new recovery codes' },
  'auth.recovery_code_used': { nl: 'gebruikte een herstelcode om in te loggen', en: 'used a recovery code to sign in' },
  'auth.oidc_linked': {
    nl: 'koppelde het account van uw organisatie om mee in te loggen',
    en: "linked your organisation's account to sign in with",
  },
} as const satisfies Catalogue;
