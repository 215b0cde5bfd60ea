import type { Locale } from '../../../shared/locale.ts';
import type { SipaAdvice } from '../../../shared/sipa.ts';

/**
 * The texts of SIPA's advice PDF. The advice is written in Dutch, so the document is Dutch; only the
 * line that says the decision stays with the requester is repeated in English, under the Dutch one.
 */
export type SipaAdviceSection = Exclude<keyof SipaAdvice, 'researchQuestions'>;

export interface SipaPdfTexts {
  title: string;
  subtitle: string;
  documentTitle: (reference: string) => string;
  referenceLine: (reference: string, date: string) => string;
  decisionStaysWithRequester: string;
  sections: Record<SipaAdviceSection, string>;
  researchQuestions: string;
  footer: (page: number, pages: number) => string;
}

export const SIPA_PDF_TEXTS: Record<Locale, SipaPdfTexts> = {
  nl: {
    title: 'Advies van SIPA',
    subtitle: 'Steunpunt Integriteitsonderzoek Politieke Ambtsdragers',
    documentTitle: (reference) => `Advies SIPA ${reference}`,
    referenceLine: (reference, date) => `Kenmerk ${reference} · ${date}`,
    decisionStaysWithRequester:
      'SIPA adviseert alleen. Het besluit of er een (voor)onderzoek komt, en de uitvoering ervan, blijven bij u als opdrachtgever. ' +
      'SIPA doet zelf geen onderzoek en neemt geen besluiten.',
    sections: {
      preliminaryInquiry: 'Vooronderzoek: of en hoe',
      assignment: 'De opdracht',
      investigatorChoice: 'Keuze van een onafhankelijke onderzoeker',
      safeguards: 'Waarborgen, waaronder hoor en wederhoor',
      privacy: 'Privacy van de betrokkene',
      communication: 'Communicatie',
    },
    researchQuestions: 'Onderzoeksvragen',
    footer: (page, pages) => `Vertrouwelijk · ${page} / ${pages}`,
  },
  en: {
    title: 'Advice from SIPA',
    subtitle: 'Support Centre for Integrity Investigations of Political Office Holders',
    documentTitle: (reference) => `SIPA advice ${reference}`,
    referenceLine: (reference, date) => `Reference ${reference} · ${date}`,
    decisionStaysWithRequester:
      'SIPA only advises. The decision whether to hold a (preliminary) investigation, and carrying it out, remain with you. ' +
      'SIPA does not investigate and takes no decisions.',
    sections: {
      preliminaryInquiry: 'Preliminary inquiry: whether and how',
      assignment: 'The assignment',
      investigatorChoice: 'Choosing an independent investigator',
      safeguards: 'Safeguards, including hearing both sides',
      privacy: 'Privacy of the person concerned',
      communication: 'Communication',
    },
    researchQuestions: 'Research questions',
    footer: (page, pages) => `Confidential · ${page} / ${pages}`,
  },
};
