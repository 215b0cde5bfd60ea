import type { Catalogue } from './types.ts';

/** Problem codes of the auth module (activation, sign-in, step-up, my sign-in methods). */
export const AUTH_PROBLEMS = {
  invitation_invalid: {
    nl: 'Deze activatielink werkt niet (meer). Vraag om een nieuwe link.',
    en: 'This activation link does not work (any more). Ask for a new link.',
  },
  email_required: { nl: 'Vul uw e-mailadres in.', en: 'Enter your e-mail address.' },
  email_not_allowed: {
    nl: 'Bij deze uitnodiging hoort al een e-mailadres.',
    en: 'This invitation already comes with an e-mail address.',
  },
  passkey_required: {
    nl: 'Voor uw rol logt u in met een passkey. Een wachtwoord met app is voor u niet mogelijk.',
    en: 'With your role you sign in with a passkey. A password with an app is not available to you.',
  },
  password_too_weak: {
    nl: 'Dit wachtwoord is te makkelijk te raden. Kies een langer of minder voor de hand liggend wachtwoord.',
    en: 'This password is too easy to guess. Choose a longer or less obvious password.',
  },
  totp_invalid: {
    nl: 'Deze code klopt niet. Vul de code in die de app nu laat zien. Een code is 30 seconden geldig.',
    en: 'This code is not right. Enter the code the app shows now. A code works for 30 seconds.',
  },
  totp_setup_missing: {
    nl: 'Het koppelen van de app is niet afgerond. Vul uw wachtwoord opnieuw in en scan de nieuwe QR-code.',
    en: 'Connecting the app was not finished. Enter your password again and scan the new QR code.',
  },
  password_totp_exists: {
    nl: 'U hebt al een wachtwoord met authenticator-app.',
    en: 'You already have a password with an authenticator app.',
  },
  passkey_invalid: {
    nl: 'De passkey kon niet worden gecontroleerd. Probeer het opnieuw.',
    en: 'The passkey could not be checked. Please try again.',
  },
  passkey_exists: { nl: 'Deze passkey hebt u al toegevoegd.', en: 'You have already added this passkey.' },
  sign_in_failed: {
    nl: 'Inloggen is niet gelukt. Controleer wat u hebt ingevuld en probeer het opnieuw.',
    en: 'Signing in did not work. Check what you entered and try again.',
  },
  sign_in_throttled: {
    nl: 'U hebt een paar keer achter elkaar iets niet goed ingevuld. Om uw account te beschermen, wacht u even voor u het opnieuw probeert.',
    en: 'Something was not right a few times in a row. To protect your account, wait a moment before you try again.',
  },
  step_up_failed: {
    nl: 'Dat klopt niet. Controleer uw gegevens en probeer het opnieuw.',
    en: 'That is not right. Check your details and try again.',
  },
  last_method: {
    nl: 'Dit is uw laatste manier om in te loggen. Voeg eerst een andere manier toe.',
    en: 'This is your last way to sign in. Add another way first.',
  },
  last_passkey: {
    nl: 'Uw account heeft minstens één passkey nodig. Voeg eerst een andere passkey toe.',
    en: 'Your account needs at least one passkey. Add another passkey first.',
  },
  oidc_state_invalid: {
    nl: 'Inloggen met uw organisatie is verlopen of onderbroken. Begin opnieuw met de knop hieronder.',
    en: 'Signing in with your organisation expired or was interrupted. Start again with the button below.',
  },
  oidc_provider_refused: {
    nl: 'Uw organisatie heeft het inloggen niet goedgekeurd. Probeer het opnieuw of vraag uw eigen ICT-afdeling.',
    en: 'Your organisation did not approve the sign-in. Try again or ask your own IT department.',
  },
  oidc_provider_unreachable: {
    nl: 'De inlogdienst van uw organisatie is nu niet bereikbaar. Probeer het later opnieuw of log in met uw passkey.',
    en: "Your organisation's sign-in service cannot be reached now. Try again later or sign in with your passkey.",
  },
  oidc_token_invalid: {
    nl: 'Het antwoord van uw organisatie klopte niet (bijvoorbeeld verlopen of niet voor Weerbaar bedoeld). Probeer het opnieuw.',
    en: 'The answer from your organisation was not valid (for example expired or not meant for Weerbaar). Please try again.',
  },
  oidc_mfa_missing: {
    nl: 'Uw organisatie meldt niet dat u met twee stappen (MFA) bent ingelogd. Log bij uw organisatie in met MFA en probeer het opnieuw.',
    en: 'Your organisation does not report that you signed in with two steps (MFA). Sign in with MFA at your organisation and try again.',
  },
  oidc_email_not_allowed: {
    nl: 'Met het e-mailadres van dit account kunt u niet via uw organisatie inloggen. Gebruik uw werkadres of log in met uw passkey.',
    en: 'The e-mail address of this account cannot be used to sign in with your organisation. Use your work address or sign in with your passkey.',
  },
  oidc_account_unknown: {
    nl: 'Er is geen medewerkersaccount in Weerbaar voor u. Een beheerder van Weerbaar moet u eerst uitnodigen.',
    en: 'There is no staff account in Weerbaar for you. A Weerbaar administrator must invite you first.',
  },
  oidc_passkey_required: {
    nl: 'Als beheerder logt u in met uw passkey, niet via uw organisatie.',
    en: 'As an administrator you sign in with your passkey, not through your organisation.',
  },
} as const satisfies Catalogue;
