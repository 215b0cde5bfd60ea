import { EMERGENCY_NUMBER, SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import type { RegionKind } from '../../../shared/handover.ts';
import type { Locale } from '../../../shared/locale.ts';
import type { Office } from '../../../shared/people.ts';

/**
 * The fixed texts of the printed package (handover module), Dutch first (B1: short sentences, plain
 * words). The package parts themselves come from the package content (content/package), in the chosen
 * language.
 */
export interface HandoverPdfTexts {
  documentTitle: string;
  fileName: (name: string) => string;
  title: string;
  subtitle: string;
  personalCopyFor: string;
  installedOn: (date: string) => string;
  /** The cover's edition line: version, the document's language (a capital in both), date. */
  version: (version: number, date: string) => string;
  offices: Record<Office, string>;
  region: (kind: RegionKind, name: string) => string;
  officeInRegion: (office: string, region: string) => string;
  emergencyTitle: string;
  emergencyLine: (number: string) => string;
  supportLine: (number: string) => string;
  activation: {
    heading: string;
    scan: (until: string) => string;
    orCodeGoTo: string;
    typeCode: string;
    codeValid: (until: string) => string;
    keepSafe: string;
    qrLabel: string;
    /** The link was e-mailed (on, until): the paper carries no code. */
    mailed: (sentOn: string, until: string) => string;
    mailedHelp: (supportNumber: string) => string;
  };
  alreadyActive: (address: string) => string;
  contents: string;
  contentsIntro: string;
  helpHeading: string;
  helpIntro: string;
  helpEmergency: string;
  helpSupport: string;
  helpOnline: (address: string) => string;
  footer: (page: number, pages: number) => string;
}

const OFFICES_NL: Record<Office, string> = {
  burgemeester: 'Burgemeester',
  wethouder: 'Wethouder',
  raadslid: 'Raadslid',
  statenlid: 'Statenlid',
  gedeputeerde: 'Gedeputeerde',
  commissaris_van_de_koning: 'Commissaris van de Koning',
  waterschapsbestuurder: 'Waterschapsbestuurder',
};

const OFFICES_EN: Record<Office, string> = {
  burgemeester: 'Mayor',
  wethouder: 'Alderman',
  raadslid: 'Municipal councillor',
  statenlid: 'Member of the Provincial Council',
  gedeputeerde: 'Member of the Provincial Executive',
  commissaris_van_de_koning: "King's Commissioner",
  waterschapsbestuurder: 'Water board executive',
};

export const HANDOVER_PDF_TEXTS: Record<Locale, HandoverPdfTexts> = {
  nl: {
    documentTitle: 'Veiligheidspakket',
    fileName: (name) => `Veiligheidspakket ${name}`,
    title: 'Veiligheidspakket',
    subtitle: 'Weerbaar: het digitale Veiligheidspakket voor politieke ambtsdragers',
    personalCopyFor: 'Persoonlijk exemplaar voor',
    installedOn: (date) => `Installatie: ${date}`,
    version: (version, date) => `Versie ${version} · Nederlands · ${date}`,
    offices: OFFICES_NL,
    region: (kind, name) => (kind === 'waterschap' ? name : `${kind} ${name}`),
    officeInRegion: (office, region) => `${office}, ${region}`,
    emergencyTitle: 'Hulp nodig?',
    emergencyLine: (number) => `Acuut gevaar? Bel ${number}.`,
    supportLine: (number) => `Ondersteuningsteam Weerbaar Bestuur, dag en nacht: ${number}.`,
    activation: {
      heading: 'Uw account activeren',
      scan: (until) =>
        `Scan de QR-code met de camera van uw telefoon. Dan opent de pagina om uw account te activeren. De QR-code werkt tot en met ${until}.`,
      orCodeGoTo: 'Werkt de QR-code niet of niet meer? Ga dan naar deze pagina:',
      typeCode: 'Typ daar deze code:',
      codeValid: (until) => `De code werkt tot en met ${until}.`,
      keepSafe:
        'Bewaar dit pakket op een veilige plek. Met de QR-code of de code kan iemand anders uw account activeren. Kwijt? Vraag dan een nieuw pakket aan. De oude code werkt dan niet meer.',
      qrLabel: 'QR-code met uw persoonlijke activeringslink',
      mailed: (sentOn, until) =>
        `De link om uw account te activeren is op ${sentOn} naar uw e-mailadres gestuurd. Open de link in die e-mail. Hij werkt tot en met ${until}.`,
      mailedHelp: (supportNumber) =>
        `Kunt u de e-mail niet vinden, of werkt de link niet meer? Bel dan het Ondersteuningsteam Weerbaar Bestuur: ${supportNumber}. Dan krijgt u een nieuwe.`,
    },
    alreadyActive: (address) => `U heeft uw account al geactiveerd. U logt in op ${address}.`,
    contents: 'Inhoud',
    contentsIntro:
      'In dit pakket staat alle hulp van het Netwerk Weerbaar Bestuur op een rij. Lees wat nu voor u belangrijk is. U hoeft niet alles in één keer te lezen.',
    helpHeading: 'Hulp en noodnummers',
    helpIntro: 'Bewaar deze nummers op een plek waar u ze snel vindt, bijvoorbeeld in uw telefoon.',
    helpEmergency: `Bij acuut gevaar: bel altijd eerst ${EMERGENCY_NUMBER}.`,
    helpSupport:
      'Het Ondersteuningsteam Weerbaar Bestuur luistert vertrouwelijk en denkt met u mee. Het team is dag en nacht bereikbaar, ook voor uw partner en kinderen.',
    helpOnline: (address) => `Dit pakket staat ook online, altijd in de nieuwste versie: ${address}`,
    footer: (page, pages) =>
      `Acuut gevaar: ${EMERGENCY_NUMBER} · Ondersteuningsteam: ${SUPPORT_TEAM_PHONE.display} · pagina ${page} van ${pages}`,
  },
  en: {
    documentTitle: 'Safety package',
    fileName: (name) => `Safety package ${name}`,
    title: 'Safety package',
    subtitle: 'Weerbaar: the digital safety package for political office holders',
    personalCopyFor: 'Personal copy for',
    installedOn: (date) => `Installation: ${date}`,
    version: (version, date) => `Version ${version} · English · ${date}`,
    offices: OFFICES_EN,
    region: (kind, name) =>
      kind === 'waterschap' ? name : kind === 'gemeente' ? `municipality of ${name}` : `province of ${name}`,
    officeInRegion: (office, region) => `${office}, ${region}`,
    emergencyTitle: 'Need help?',
    emergencyLine: (number) => `Acute danger? Call ${number}.`,
    supportLine: (number) => `Weerbaar Bestuur Support Team, day and night: ${number}.`,
    activation: {
      heading: 'Activate your account',
      scan: (until) =>
        `Scan the QR code with your phone's camera. It opens the page to activate your account. The QR code works until ${until} inclusive.`,
      orCodeGoTo: 'Does the QR code not work, or no longer work? Then go to this page:',
      typeCode: 'Type this code there:',
      codeValid: (until) => `The code works until ${until} inclusive.`,
      keepSafe:
        'Keep this package in a safe place. With the QR code or the code, someone else could activate your account. Lost it? Ask for a new package. The old code then stops working.',
      qrLabel: 'QR code with your personal activation link',
      mailed: (sentOn, until) =>
        `The link to activate your account was sent to your e-mail address on ${sentOn}. Open the link in that e-mail. It works until ${until} inclusive.`,
      mailedHelp: (supportNumber) =>
        `Cannot find the e-mail, or does the link no longer work? Then call the Ondersteuningsteam Weerbaar Bestuur: ${supportNumber}. You will get a new one.`,
    },
    alreadyActive: (address) => `You have already activated your account. You sign in at ${address}.`,
    contents: 'Contents',
    contentsIntro:
      'This package brings together all the help of the Netwerk Weerbaar Bestuur. Read what matters to you now. You do not have to read everything at once.',
    helpHeading: 'Help and emergency numbers',
    helpIntro: 'Keep these numbers where you can find them quickly, for example in your phone.',
    helpEmergency: `In acute danger: always call ${EMERGENCY_NUMBER} first.`,
    helpSupport:
      'The Weerbaar Bestuur Support Team listens in confidence and thinks along with you. The team can be reached day and night, also for your partner and children.',
    helpOnline: (address) => `This package is also online, always in its newest version: ${address}`,
    footer: (page, pages) =>
      `Acute danger: ${EMERGENCY_NUMBER} · Support Team: ${SUPPORT_TEAM_PHONE.display} · page ${page} of ${pages}`,
  },
};
