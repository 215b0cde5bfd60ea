import type { Catalogue } from './types.ts';

/** Problem codes of the privacy module (Mijn gegevens: export and account deletion). */
export const PRIVACY_PROBLEMS = {
  account_deletion_confirmation: {
    nl: 'Typ het woord dat op het scherm staat om te bevestigen dat u uw account wilt verwijderen.',
    en: 'Type the word shown on the screen to confirm that you want to delete your account.',
  },
  account_deletion_staff: {
    nl: 'Een account met een rol in het team kan alleen een beheerder opheffen. Neem contact op met de beheerder.',
    en: 'An account with a team role can only be closed by an administrator. Please contact the administrator.',
  },
} as const satisfies Catalogue;
