import type { Locale } from '../../../shared/locale.ts';

/** The texts of the "Mijn gegevens" export: its PDF overview and the README in the ZIP. */
export interface PrivacyExportTexts {
  title: string;
  intro: string;
  madeOn: (date: string) => string;
  completeInJson: string;
  checkFiles: string;
  nothing: string;
  files: (count: string) => string;
  sections: Record<string, string>;
  footer: (page: number, pages: number) => string;
  folder: string;
  fileBase: string;
}

export const PRIVACY_EXPORT_TEXTS: Record<Locale, PrivacyExportTexts> = {
  nl: {
    title: 'Mijn gegevens in Weerbaar',
    intro:
      'Dit is alles wat Weerbaar over u bewaart (artikel 15 en 20 AVG). Dit overzicht is om te lezen; hetzelfde staat volledig en machineleesbaar in gegevens.json.',
    madeOn: (date) => `Gemaakt op ${date}`,
    completeInJson: 'Volledige gegevens: gegevens.json. Uw bestanden (originelen) staan in de map bestanden.',
    checkFiles: 'Controleer in de uitgepakte map dat elk bestand ongewijzigd is met: sha256sum -c SHA256SUMS',
    nothing: 'Niets bewaard.',
    files: (count) => `Bestanden: ${count}`,
    sections: {
      account: 'Uw account',
      relatives: 'Naasten',
      invitations: 'Activatielinks',
      role_requests: 'Aanvragen voor een rol in het team',
      cases: 'Uw hulpvragen',
      incident_shares: 'Incidenten die u deelde met een hulpvraag',
      incidents: 'Uw incidenten en bewijs',
      zelfscan_results: 'Uw opgeslagen zelfscans',
      training_enrolments: 'Trainingen',
      aftercare: 'Nazorg',
      handover: 'Overdracht van het pakket',
      notifications: 'Meldingen',
      mail: 'Mails aan u',
      access_log: 'Wie heeft uw gegevens ingezien (logboek)',
      sign_in_methods: 'Manieren om in te loggen',
      sessions: 'Sessies (waar u was ingelogd)',
    },
    footer: (page, pages) => `Vertrouwelijk · ${page} / ${pages}`,
    folder: 'bestanden',
    fileBase: 'weerbaar-mijn-gegevens',
  },
  en: {
    title: 'My data in Weerbaar',
    intro:
      'This is everything Weerbaar keeps about you (articles 15 and 20 GDPR). This overview is for reading; the same is in data.json, complete and machine-readable.',
    madeOn: (date) => `Made on ${date}`,
    completeInJson: 'Complete data: data.json. Your files (originals) are in the folder files.',
    checkFiles: 'In the unpacked folder, check that every file is unchanged with: sha256sum -c SHA256SUMS',
    nothing: 'Nothing kept.',
    files: (count) => `Files: ${count}`,
    sections: {
      account: 'Your account',
      relatives: 'Relatives',
      invitations: 'Activation links',
      role_requests: 'Requests for a team role',
      cases: 'Your requests for help',
      incident_shares: 'Incidents you shared with a request for help',
      incidents: 'Your incidents and evidence',
      zelfscan_results: 'Your saved self-scans',
      training_enrolments: 'Trainings',
      aftercare: 'Aftercare',
      handover: 'Handover of the package',
      notifications: 'Notifications',
      mail: 'Mails to you',
      access_log: 'Who accessed your data (log)',
      sign_in_methods: 'Ways to sign in',
      sessions: 'Sessions (where you were signed in)',
    },
    footer: (page, pages) => `Confidential · ${page} / ${pages}`,
    folder: 'files',
    fileBase: 'weerbaar-my-data',
  },
};
