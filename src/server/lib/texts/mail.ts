import { SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import type { Locale } from '../../../shared/locale.ts';

/**
 * The texts of the mails the server sends. A mail is never more than a notice and a link: no case
 * content, no method, device, time or place (a mailbox is not a safe place, and a subject line shows on
 * a lock screen). We do not know which language the reader chose, so every mail says it in Dutch and
 * then in English (bilingual()).
 */
export type SignInWarning = 'failed_attempts' | 'password_known';

export interface MailTexts {
  invitation: { subject: string; body: (link: string) => string[] };
  /** A relative's invitation: who sent it shows on the activation page only, never in the mail. */
  relativeInvitation: { subject: string; body: (link: string) => string[] };
  /** After every change of sign-in methods or recovery codes (ASVS V6.3.7). */
  credentialsChanged: { subject: string; body: () => string[] };
  /** Failed sign-ins that look like someone else trying (ASVS 5.0 V6.3.5). */
  signInAttempts: { subject: string; body: (kind: SignInWarning, accessLogUrl: string) => string[] };
}

export const MAIL_TEXTS: Record<Locale, MailTexts> = {
  nl: {
    invitation: {
      subject: 'Uw uitnodiging voor Weerbaar',
      body: (link) => [
        'U bent uitgenodigd voor Weerbaar, het digitale Veiligheidspakket voor politieke ambtsdragers.',
        'Activeer uw account met deze link. De link werkt 7 dagen en maar één keer:',
        '',
        link,
        '',
        'Had u deze uitnodiging niet verwacht? Dan kunt u dit bericht negeren.',
      ],
    },
    relativeInvitation: {
      subject: 'Uw uitnodiging voor Weerbaar',
      body: (link) => [
        'Iemand die Weerbaar gebruikt, heeft u uitgenodigd als partner of familielid. Weerbaar is het digitale Veiligheidspakket voor politieke ambtsdragers en hun gezinnen.',
        'Wie u heeft uitgenodigd, ziet u zodra u de link opent.',
        'Activeer uw account met deze link. De link werkt 7 dagen en maar één keer:',
        '',
        link,
        '',
        'Had u deze uitnodiging niet verwacht? Dan kunt u dit bericht negeren.',
      ],
    },
    credentialsChanged: {
      subject: 'Wijziging in hoe u inlogt bij Weerbaar',
      body: () => [
        'Er is iets gewijzigd aan hoe u inlogt bij Weerbaar.',
        `Was u dit niet? Bel het Ondersteuningsteam: ${SUPPORT_TEAM_PHONE.display}.`,
      ],
    },
    signInAttempts: {
      subject: 'Inlogpogingen bij Weerbaar',
      body: (kind, accessLogUrl) => [
        ...(kind === 'password_known'
          ? [
              'Iemand heeft met uw wachtwoord geprobeerd in te loggen bij Weerbaar, maar had de code niet.',
              'Was u dit niet? Kies dan zo snel mogelijk een nieuw wachtwoord (Account, na inloggen).',
            ]
          : [
              'Er is een paar keer zonder succes geprobeerd in te loggen op uw account bij Weerbaar.',
              'Was u dit zelf? Dan hoeft u niets te doen. Uw account is niet geopend.',
            ]),
        `Wat er gebeurde, ziet u hier: ${accessLogUrl}`,
        `Vragen of zorgen? Bel het Ondersteuningsteam: ${SUPPORT_TEAM_PHONE.display}.`,
      ],
    },
  },
  en: {
    invitation: {
      subject: 'Your invitation to Weerbaar',
      body: (link) => [
        'You have been invited to Weerbaar, the digital safety package for political office holders.',
        'Activate your account with this link. It works for 7 days and only once:',
        '',
        link,
        '',
        'Not expecting this invitation? You can ignore this message.',
      ],
    },
    relativeInvitation: {
      subject: 'Your invitation to Weerbaar',
      body: (link) => [
        'Someone who uses Weerbaar has invited you as their partner or family member. Weerbaar is the digital safety package for political office holders and their families.',
        'You will see who invited you as soon as you open the link.',
        'Activate your account with this link. It works for 7 days and only once:',
        '',
        link,
        '',
        'Not expecting this invitation? You can ignore this message.',
      ],
    },
    credentialsChanged: {
      subject: 'Change to how you sign in to Weerbaar',
      body: () => [
        'Something changed in how you sign in to Weerbaar.',
        `Was this not you? Call the Support Team: ${SUPPORT_TEAM_PHONE.international}.`,
      ],
    },
    signInAttempts: {
      subject: 'Sign-in attempts at Weerbaar',
      body: (kind, accessLogUrl) => [
        ...(kind === 'password_known'
          ? [
              'Someone tried to sign in to Weerbaar with your password, but did not have the code.',
              'Was this not you? Choose a new password as soon as you can (Account, after signing in).',
            ]
          : [
              'Someone tried to sign in to your Weerbaar account a few times, without success.',
              'Was this you? Then there is nothing to do. Your account was not opened.',
            ]),
        `See what happened here: ${accessLogUrl}`,
        `Questions or worries? Call the Support Team: ${SUPPORT_TEAM_PHONE.international}.`,
      ],
    },
  },
};

export interface MailText {
  subject: string;
  text: string;
}

/** One mail in both languages: "Dutch subject / English subject", the Dutch text, a rule, the English text. */
export function bilingual(write: (texts: MailTexts) => { subject: string; body: string[] }): MailText {
  const nl = write(MAIL_TEXTS.nl);
  const en = write(MAIL_TEXTS.en);
  return { subject: `${nl.subject} / ${en.subject}`, text: [...nl.body, '', '---', '', ...en.body].join('\n') };
}

export const invitationMail = (link: string): MailText =>
  bilingual(({ invitation }) => ({ subject: invitation.subject, body: invitation.body(link) }));

export const relativeInvitationMail = (link: string): MailText =>
  bilingual(({ relativeInvitation }) => ({ subject: relativeInvitation.subject, body: relativeInvitation.body(link) }));

export const credentialsChangedMail = (): MailText =>
  bilingual(({ credentialsChanged }) => ({ subject: credentialsChanged.subject, body: credentialsChanged.body() }));

export const signInAttemptsMail = (kind: SignInWarning, accessLogUrl: string): MailText =>
  bilingual(({ signInAttempts }) => ({
    subject: signInAttempts.subject,
    body: signInAttempts.body(kind, accessLogUrl),
  }));
