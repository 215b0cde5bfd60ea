import type { Catalogue } from './types.ts';

/** Problem codes of the incidents module (the incident log, evidence intake and dossiers). */
export const INCIDENTS_PROBLEMS = {
  incident_evidence_full: {
    nl: 'Bij dit incident kunnen geen bestanden meer. Maak zo nodig een nieuw incident.',
    en: 'This incident cannot hold more files. Record a new incident if you need to.',
  },
  evidence_quota_exceeded: {
    nl: 'Uw ruimte voor bewijs is vol. Verwijder eerst bestanden die u niet meer nodig hebt.',
    en: 'Your space for evidence is full. Delete files you no longer need first.',
  },
  evidence_missing: {
    nl: 'Er is geen bestand meegestuurd. Kies een bestand en probeer het opnieuw.',
    en: 'No file was sent. Choose a file and try again.',
  },
  invalid_fields: {
    nl: 'Een of meer velden kloppen niet. Kijk ze na en probeer het opnieuw.',
    en: 'One or more fields are not right. Check them and try again.',
  },
  evidence_type_not_allowed: {
    nl: 'Dit soort bestand kan niet als bewijs worden bewaard. Kies een foto (JPEG, PNG), pdf, e-mail (.eml), geluid of korte video.',
    en: 'This kind of file cannot be kept as evidence. Choose a photo (JPEG, PNG), PDF, e-mail (.eml), audio or a short video.',
  },
  evidence_type_mismatch: {
    nl: 'De naam van het bestand past niet bij de inhoud. Kijk of u het goede bestand koos.',
    en: 'The file name does not match its content. Check that you chose the right file.',
  },
  evidence_too_large: {
    nl: 'Dit bestand is te groot.',
    en: 'This file is too large.',
  },
  evidence_empty: {
    nl: 'Het bestand is leeg.',
    en: 'The file is empty.',
  },
  evidence_unreadable: {
    nl: 'Het bestand is beschadigd of kon niet worden gelezen.',
    en: 'The file is damaged or could not be read.',
  },
  evidence_too_many_pixels: {
    nl: 'De afbeelding is te groot (te veel beeldpunten).',
    en: 'The image is too large (too many pixels).',
  },
} as const satisfies Catalogue;
