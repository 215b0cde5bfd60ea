import type { Locale } from '../../../shared/locale.ts';
import type { AdviceDomain, MeasureState } from '../../../shared/woningscan.ts';
import type { SchemeRouteStep } from '../../../shared/woningscan-schemes.ts';

/**
 * The texts of the woningscan advice PDF (the CCV adviser's advice after the visit). The headings follow
 * the reader's language; the advice itself is the adviser's text as written. The scheme that applied on
 * the advice's day is printed from the schemes' data, never from here.
 */
export interface WoningscanPdfTexts {
  title: string;
  subtitle: string;
  documentTitle: (reference: string) => string;
  referenceLine: (reference: string, date: string) => string;
  visitLine: (date: string) => string;
  adviceIsGuidance: string;
  domains: Record<AdviceDomain, string>;
  nothingForDomain: string;
  measuresHeading: string;
  measureState: Record<MeasureState, string>;
  dueLine: (date: string) => string;
  schemeHeading: (date: string) => string;
  schemeValidity: (from: string, to: string | null) => string;
  cap: (euros: string) => string;
  noCap: string;
  fixedPackage: string;
  pkvwRequired: string;
  whoPays: string;
  route: string;
  routeSteps: Record<SchemeRouteStep, string>;
  source: string;
  noScheme: string;
  footer: (page: number, pages: number) => string;
}

export const WONINGSCAN_PDF_TEXTS: Record<Locale, WoningscanPdfTexts> = {
  nl: {
    title: 'Veiligheidsadvies na de woningscan',
    subtitle: 'Veiligheidsgesprek en woningscan van het CCV, via Weerbaar',
    documentTitle: (reference) => `Veiligheidsadvies ${reference}`,
    referenceLine: (reference, date) => `Kenmerk ${reference} · advies van ${date}`,
    visitLine: (date) => `Bezoek op ${date}`,
    adviceIsGuidance:
      'Dit advies is een richtlijn. U kiest zelf welke maatregelen u neemt, tenzij de regeling hieronder iets anders zegt.',
    domains: { home: 'Wonen', work: 'Werk', digital: 'Informatie en digitaal', travel: 'Reizen' },
    nothingForDomain: 'Geen advies voor dit onderdeel.',
    measuresHeading: 'Maatregelen',
    measureState: {
      advised: 'geadviseerd',
      ordered: 'besteld',
      installed: 'aangebracht',
      not_taken: 'niet genomen',
    },
    dueLine: (date) => `verwacht uiterlijk ${date}`,
    schemeHeading: (date) => `De regeling op ${date}`,
    schemeValidity: (from, to) => (to ? `Geldig van ${from} tot en met ${to}` : `Geldig vanaf ${from}`),
    cap: (euros) => `Maximum: € ${euros} inclusief btw`,
    noCap: 'Geen vast maximum',
    fixedPackage: 'Vast pakket',
    pkvwRequired: 'Voorwaarde: een geldig Politiekeurmerk Veilig Wonen.',
    whoPays: 'Wie betaalt',
    route: 'Zo gaat het',
    routeSteps: {
      ccv_visit: 'een veiligheidsadviseur van het CCV komt langs',
      ccv_advice: 'u krijgt persoonlijk advies van het CCV',
      bva_advice: 'de beveiligingsautoriteit (BVA) van BZK geeft een beveiligingsadvies op maat',
      employer_provides: 'uw werkgever zorgt voor de maatregelen',
      pkvw_certificate: 'u zorgt voor een Politiekeurmerk Veilig Wonen',
      officeholder_buys: 'u laat de maatregelen aanbrengen',
      employer_reimburses: 'uw werkgever vergoedt de kosten',
    },
    source: 'Bron',
    noScheme: 'Op deze datum was er geen regeling voor uw functie.',
    footer: (page, pages) => `Vertrouwelijk · ${page} / ${pages}`,
  },
  en: {
    title: 'Security advice after the home scan',
    subtitle: 'Security conversation and home scan by the CCV, through Weerbaar',
    documentTitle: (reference) => `Security advice ${reference}`,
    referenceLine: (reference, date) => `Reference ${reference} · advice of ${date}`,
    visitLine: (date) => `Visit on ${date}`,
    adviceIsGuidance:
      'This advice is guidance. You choose which measures you take, unless the scheme below says otherwise.',
    domains: { home: 'Home', work: 'Work', digital: 'Information and digital', travel: 'Travel' },
    nothingForDomain: 'No advice for this part.',
    measuresHeading: 'Measures',
    measureState: { advised: 'advised', ordered: 'ordered', installed: 'installed', not_taken: 'not taken' },
    dueLine: (date) => `expected by ${date}`,
    schemeHeading: (date) => `The scheme on ${date}`,
    schemeValidity: (from, to) => (to ? `Valid from ${from} to ${to} inclusive` : `Valid from ${from}`),
    cap: (euros) => `Maximum: € ${euros} including VAT`,
    noCap: 'No fixed maximum',
    fixedPackage: 'Fixed package',
    pkvwRequired: 'Condition: a valid Police Secure Housing Label (PKVW).',
    whoPays: 'Who pays',
    route: 'How it goes',
    routeSteps: {
      ccv_visit: 'a CCV security adviser visits you',
      ccv_advice: 'you get personal advice from the CCV',
      bva_advice: 'the security authority (BVA) of the Ministry issues tailored security advice',
      employer_provides: 'your employer provides the measures',
      pkvw_certificate: 'you obtain a Police Secure Housing Label',
      officeholder_buys: 'you have the measures installed',
      employer_reimburses: 'your employer reimburses the costs',
    },
    source: 'Source',
    noScheme: 'On this date there was no scheme for your office.',
    footer: (page, pages) => `Confidential · ${page} / ${pages}`,
  },
};
