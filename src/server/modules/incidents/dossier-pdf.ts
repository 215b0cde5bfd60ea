import { EMERGENCY_NUMBER, SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import type { Incident } from '../../../shared/incidents.ts';
import type { Locale } from '../../../shared/locale.ts';
import en from '../../../web/i18n/locales/en/incidents.json' with { type: 'json' };
import nl from '../../../web/i18n/locales/nl/incidents.json' with { type: 'json' };
import { type PdfNode, renderPdf } from '../../lib/pdf.ts';

/**
 * The dossier's PDF: for each incident the facts, the timeline and the evidence list with each file's
 * SHA-256 and intake time, then how to check the ZIP. Texts come from the web app's catalogue, so the
 * page and the paper use the same words. Only what the person wrote down: no profile address, ever.
 * The cover also lists what other modules add (`deps.dossierCover`: the aangifte aid's police reports).
 */

const CATALOGUES = { nl: nl.incidents, en: en.incidents } as const;
const PDF_LOCALE: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };
const COLORS = { text: '#1a1a1a', muted: '#4d4d4d', accent: '#0b3d91' };

export function dossierText(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
  let node: unknown = CATALOGUES[locale];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`missing text incidents.${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

export function dossierDate(locale: Locale, value: string, withTime = false): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return new Intl.DateTimeFormat(PDF_LOCALE[locale], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(withTime && !dateOnly ? { hour: '2-digit', minute: '2-digit' } : {}),
    timeZone: dateOnly ? 'UTC' : 'Europe/Amsterdam',
  }).format(new Date(dateOnly ? `${value}T12:00:00Z` : value));
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export interface DossierPdfInput {
  lang: Locale;
  ownerName: string;
  madeAt: string;
  incidents: Incident[];
  /** Path of each evidence file inside the ZIP, by evidence id. */
  paths: Map<string, string>;
  publicKeyId: string;
  /** Lines about the police (and later steps) from other modules, for the cover; may be empty. */
  coverLines?: string[];
}

export async function renderDossierPdf(input: DossierPdfInput): Promise<Buffer> {
  const { lang } = input;
  const t = (key: string, values?: Record<string, string | number>) => dossierText(lang, key, values);
  const filled = (value: string | null | undefined) => (value ? value : t('fields.notFilled'));
  const list = (prefix: string, values: readonly string[]) =>
    values.length === 0 ? t('fields.none') : values.map((value) => t(`${prefix}.${value}`)).join(', ');

  const content: PdfNode[] = [
    { text: t('pdf.title'), style: 'title' },
    { text: t('pdf.subtitle', { name: input.ownerName }), style: 'meta' },
    { text: t('pdf.made', { date: dossierDate(lang, input.madeAt, true) }), style: 'meta' },
    {
      text: t(input.incidents.length === 1 ? 'pdf.incidents_one' : 'pdf.incidents_other', {
        count: input.incidents.length,
      }),
      style: 'meta',
    },
    { text: t('pdf.privacy'), style: 'note' },
  ];
  if (input.coverLines && input.coverLines.length > 0) {
    content.push({ text: t('pdf.policeHeading'), style: 'h3' }, { ul: input.coverLines, margin: [0, 0, 0, 4] });
  }

  input.incidents.forEach((incident, index) => {
    const when = `${dossierDate(lang, incident.occurredOn)}${incident.occurredAt ? `, ${incident.occurredAt}` : ''}`;
    content.push({
      text: t('pdf.incidentHeading', { number: index + 1, date: when }),
      style: 'h2',
      headlineLevel: 1,
      pageBreak: index === 0 ? undefined : 'before',
    });
    const facts: [string, string][] = [
      [t('fields.channel'), t(`channel.${incident.channel}`)],
      [t('fields.where'), filled(incident.where)],
      [t('fields.forms'), list('form', incident.forms)],
      [t('fields.targets'), list('target', incident.targets)],
      [
        t('fields.perpetratorKind'),
        incident.perpetratorKind ? t(`perpetrator.${incident.perpetratorKind}`) : filled(null),
      ],
      [t('fields.perpetratorDescription'), filled(incident.perpetratorDescription)],
      [t('fields.perpetratorHandle'), filled(incident.perpetratorHandle)],
      [t('fields.severity'), incident.severity ? t(`severity.${incident.severity}`) : filled(null)],
      [t('fields.aimedAt'), incident.aimedAt ? t(`aimedAt.${incident.aimedAt}`) : filled(null)],
      [
        t('fields.internalReport'),
        incident.internalReport
          ? `${t(`internalReportTo.${incident.internalReport.to}`)}, ${dossierDate(lang, incident.internalReport.on)}`
          : filled(null),
      ],
    ];
    content.push({
      table: {
        widths: [150, '*'],
        body: facts.map(([label, value]) => [{ text: label, bold: true }, { text: value }]),
      },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 8],
    });
    content.push({ text: t('fields.whatHappened'), style: 'h3' }, { text: incident.whatHappened, style: 'p' });

    content.push({ text: t('pdf.timeline'), style: 'h3' });
    const timeline = [
      { text: `${dossierDate(lang, incident.occurredOn)}: ${t('fields.whatHappened').toLowerCase()}` },
      ...incident.followUps.map((followUp) => ({
        text: [
          { text: `${dossierDate(lang, followUp.occurredOn)}, ${t(`followUpKind.${followUp.kind}`)}: `, bold: true },
          followUp.text,
        ],
      })),
    ];
    content.push({ ul: timeline, margin: [0, 0, 0, 8] });

    content.push({ text: t('pdf.evidenceList'), style: 'h3' });
    if (incident.evidence.length === 0) {
      content.push({ text: t('pdf.noEvidence'), style: 'p' });
    } else {
      content.push({
        table: {
          headerRows: 1,
          widths: ['*', 'auto', 'auto'],
          body: [
            [
              { text: t('pdf.fileColumn'), bold: true },
              { text: t('pdf.receivedColumn'), bold: true },
              { text: t('pdf.sizeColumn'), bold: true },
            ],
            ...incident.evidence.map((evidence) => [
              {
                stack: [
                  {
                    text: evidence.deletedAt
                      ? t('pdf.deletedFile', { date: dossierDate(lang, evidence.deletedAt, true) })
                      : (input.paths.get(evidence.id) ?? evidence.fileName ?? ''),
                  },
                  ...(evidence.caption ? [{ text: evidence.caption, italics: true }] : []),
                  ...(evidence.sourceUrl || evidence.sourceHandle
                    ? [
                        {
                          text: [evidence.sourceUrl, evidence.sourceHandle].filter(Boolean).join(' · '),
                          style: 'small',
                        },
                      ]
                    : []),
                  { text: `SHA-256 ${evidence.sha256}`, style: 'hash' },
                ],
              },
              { text: dossierDate(lang, evidence.receivedAt, true) },
              { text: formatSize(evidence.size) },
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 8],
      });
    }
  });

  content.push(
    { text: t('pdf.verifyHeading'), style: 'h2', headlineLevel: 1 },
    { text: t('pdf.verifyBody'), style: 'p' },
    {
      stack: [
        'sha256sum -c SHA256SUMS',
        'openssl pkeyutl -verify -pubin -inkey weerbaar-dossier-public-key.pem -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig',
      ],
      style: 'code',
    },
    { text: t('pdf.keyId', { id: input.publicKeyId }), style: 'hash' },
    {
      text: `${EMERGENCY_NUMBER} · Ondersteuningsteam Weerbaar Bestuur ${SUPPORT_TEAM_PHONE.display}`,
      style: 'meta',
      margin: [0, 12, 0, 0],
    },
  );

  return renderPdf({
    info: { title: t('pdf.title'), author: 'Weerbaar', creator: 'Weerbaar', producer: 'Weerbaar' },
    version: '1.7',
    language: PDF_LOCALE[lang],
    displayTitle: true,
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 64],
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.25, color: COLORS.text },
    styles: {
      title: { fontSize: 20, bold: true, color: COLORS.accent, margin: [0, 0, 0, 8] },
      meta: { fontSize: 10.5, color: COLORS.muted },
      note: { fontSize: 10, italics: true, color: COLORS.muted, margin: [0, 6, 0, 0] },
      h2: { fontSize: 15, bold: true, color: COLORS.accent, margin: [0, 16, 0, 6] },
      h3: { fontSize: 12, bold: true, margin: [0, 8, 0, 3] },
      p: { margin: [0, 0, 0, 6] },
      small: { fontSize: 9, color: COLORS.muted },
      hash: { fontSize: 8, color: COLORS.muted },
      code: { fontSize: 8.5, margin: [0, 2, 0, 6] },
    },
    footer: (page: number, pages: number) => ({
      text: t('pdf.page', { page, pages }),
      alignment: 'center',
      fontSize: 9,
      color: COLORS.muted,
    }),
    content,
  });
}
