import type { Locale } from '../../../shared/locale.ts';
import { TRAINING_TIME_ZONE } from '../../../shared/training-time.ts';
import { renderPdf } from '../../lib/pdf.ts';

/**
 * The certificate of participation: a one-page PDF through the one pdfmake set-up (src/server/lib/pdf.ts)
 * for a person whose attendance the training coordinator recorded. It says what Weerbaar knows (who,
 * which training by which provider, when and where, recorded by the coordinator) and no more: it is
 * not the provider's own certificate.
 */

export interface CertificateInput {
  lang: Locale;
  name: string;
  title: string;
  provider: string;
  durationDays: number;
  city: string;
  parts: readonly { startsAt: Date; endsAt: Date }[];
  recordedAt: Date;
  /** The enrolment's id, so a copy can be checked with the coordinator. */
  reference: string;
}

const TEXT = {
  nl: {
    heading: 'Bewijs van deelname',
    intro: 'Hierbij verklaren wij dat',
    took: 'heeft deelgenomen aan de training',
    by: 'verzorgd door',
    duration: (days: string) => `Duur: ${days} ${days === '1' ? 'dag' : 'dagen'}`,
    where: 'Plaats',
    when: 'Datum en tijden',
    recorded: (date: string) => `Deelname vastgelegd door de trainingscoördinator van Weerbaar op ${date}.`,
    reference: 'Kenmerk',
    note: 'Dit bewijs is afgegeven door Weerbaar, het digitale Veiligheidspakket van het Netwerk Weerbaar Bestuur. Het is geen diploma of certificaat van de aanbieder.',
  },
  en: {
    heading: 'Certificate of participation',
    intro: 'This is to certify that',
    took: 'took part in the training',
    by: 'given by',
    duration: (days: string) => `Duration: ${days} ${days === '1' ? 'day' : 'days'}`,
    where: 'Place',
    when: 'Dates and times',
    recorded: (date: string) => `Participation recorded by the Weerbaar training coordinator on ${date}.`,
    reference: 'Reference',
    note: "This certificate is issued by Weerbaar, the digital safety package of the Netwerk Weerbaar Bestuur. It is not the provider's own diploma or certificate.",
  },
} as const;

const localeTag = (lang: Locale) => (lang === 'nl' ? 'nl-NL' : 'en-GB');

function dayAndTimes(part: { startsAt: Date; endsAt: Date }, lang: Locale): string {
  const day = new Intl.DateTimeFormat(localeTag(lang), {
    timeZone: TRAINING_TIME_ZONE,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(part.startsAt);
  const time = new Intl.DateTimeFormat(localeTag(lang), { timeZone: TRAINING_TIME_ZONE, timeStyle: 'short' });
  return `${day}, ${time.format(part.startsAt)}–${time.format(part.endsAt)}`;
}

export function certificateFileName(lang: Locale): string {
  return lang === 'nl' ? 'bewijs-van-deelname.pdf' : 'certificate-of-participation.pdf';
}

export async function certificatePdf(input: CertificateInput): Promise<Buffer> {
  const text = TEXT[input.lang];
  const days = new Intl.NumberFormat(localeTag(input.lang)).format(input.durationDays);
  const recorded = new Intl.DateTimeFormat(localeTag(input.lang), {
    timeZone: TRAINING_TIME_ZONE,
    dateStyle: 'long',
  }).format(input.recordedAt);
  const doc = {
    info: { title: text.heading, author: 'Weerbaar', creator: 'Weerbaar', producer: 'Weerbaar' },
    pageSize: 'A4',
    pageMargins: [64, 72, 64, 72],
    defaultStyle: { font: 'Roboto', fontSize: 11, lineHeight: 1.3 },
    content: [
      { text: 'Weerbaar', fontSize: 10, color: '#444444' },
      { text: text.heading, fontSize: 24, bold: true, margin: [0, 8, 0, 24] },
      { text: text.intro },
      { text: input.name, fontSize: 18, bold: true, margin: [0, 6, 0, 6] },
      { text: text.took },
      { text: input.title, fontSize: 15, bold: true, margin: [0, 6, 0, 2] },
      { text: `${text.by} ${input.provider}`, margin: [0, 0, 0, 4] },
      { text: text.duration(days), margin: [0, 0, 0, 16] },
      { text: text.where, bold: true },
      { text: input.city, margin: [0, 0, 0, 8] },
      { text: text.when, bold: true },
      { ul: input.parts.map((part) => dayAndTimes(part, input.lang)), margin: [0, 0, 0, 16] },
      { text: text.recorded(recorded) },
      { text: `${text.reference}: ${input.reference}`, fontSize: 9, color: '#444444', margin: [0, 4, 0, 24] },
      { text: text.note, fontSize: 9, italics: true, color: '#444444' },
    ],
  };
  return renderPdf(doc);
}
