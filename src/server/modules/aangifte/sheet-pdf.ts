import type { AangifteChoices } from '../../../shared/aangifte.ts';
import { EMERGENCY_NUMBER, SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import type { Incident } from '../../../shared/incidents.ts';
import type { Locale } from '../../../shared/locale.ts';
import { type PdfNode, renderPdf } from '../../lib/pdf.ts';
import { dossierDate, dossierText } from '../incidents/dossier-pdf.ts';
import { aangifteText } from './texts.ts';

/**
 * The preparation sheet: one page to take to the police. The facts come from the incident as the person
 * wrote them (never the profile: no home address unless the person wrote one into the incident), then the
 * chosen variant, "ask for the VPT code", the internal report and the evidence list with hashes. Long
 * texts are shortened and a long evidence list is cut, pointing to the dossier, so it stays one page.
 */

const PDF_LOCALE: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };
const COLORS = { text: '#1a1a1a', muted: '#4d4d4d', accent: '#0b3d91' };
/** What fits on one A4 page next to the rest. */
const MAX_STORY = 600;
const MAX_FIELD = 100;
const MAX_EVIDENCE = 6;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max).trimEnd()}…` : text);

export interface SheetInput {
  lang: Locale;
  madeAt: string;
  incident: Incident;
  choices: AangifteChoices;
}

export async function renderPreparationSheet(input: SheetInput): Promise<Buffer> {
  const { lang, incident, choices } = input;
  const t = (key: string, values?: Record<string, string | number>) => aangifteText(lang, key, values);
  const it = (key: string, values?: Record<string, string | number>) => dossierText(lang, key, values);
  const story =
    incident.whatHappened.length > MAX_STORY
      ? `${incident.whatHappened.slice(0, MAX_STORY).trimEnd()}… ${t('sheet.shortened')}`
      : incident.whatHappened;
  const when = `${dossierDate(lang, incident.occurredOn)}${incident.occurredAt ? `, ${incident.occurredAt}` : ''}`;
  const facts: [string, string][] = [
    [it('fields.occurredOn'), when],
    [it('fields.channel'), it(`channel.${incident.channel}`)],
    ...(incident.where ? [[it('fields.where'), cut(incident.where, MAX_FIELD)] as [string, string]] : []),
    ...(incident.forms.length > 0
      ? [[it('fields.forms'), incident.forms.map((form) => it(`form.${form}`)).join(', ')] as [string, string]]
      : []),
    ...(incident.perpetratorKind
      ? [[it('fields.perpetratorKind'), it(`perpetrator.${incident.perpetratorKind}`)] as [string, string]]
      : []),
    ...(incident.perpetratorHandle
      ? [[it('fields.perpetratorHandle'), cut(incident.perpetratorHandle, MAX_FIELD)] as [string, string]]
      : []),
  ];
  const variant = choices.variant
    ? `${t(`variant.${choices.variant}.name`)}: ${t(`variant.${choices.variant}.what`)}`
    : t('sheet.noVariant');
  const internal = choices.internalReport
    ? t('sheet.internalDone', {
        to: t(`internalReportTo.${choices.internalReport.to}`),
        date: dossierDate(lang, choices.internalReport.on),
      })
    : t('sheet.internalNotYet');
  const kept = incident.evidence.filter((evidence) => !evidence.deletedAt);
  const shown = kept.slice(0, MAX_EVIDENCE);

  const content: PdfNode[] = [
    { text: t('sheet.title'), style: 'title' },
    { text: t('sheet.made', { date: dossierDate(lang, input.madeAt, true) }), style: 'meta' },
    { text: t('sheet.notFiled'), style: 'note' },
    { text: t('sheet.factsHeading'), style: 'h2' },
    {
      table: {
        widths: [120, '*'],
        body: facts.map(([label, value]) => [{ text: label, bold: true }, { text: value }]),
      },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 4],
    },
    { text: story, style: 'p' },
    { text: t('sheet.askHeading'), style: 'h2' },
    {
      ul: [
        { text: t('sheet.askVpt'), bold: true },
        t('sheet.askPublicTask'),
        t('sheet.askUpdates'),
        t('sheet.askDamages'),
      ],
      margin: [0, 0, 0, 4],
    },
    { text: t('sheet.variantHeading'), style: 'h3' },
    { text: variant, style: 'p' },
    ...(choices.variant === 'onder_nummer' ? [{ text: t('variant.onder_nummer.limits'), style: 'small' }] : []),
    { text: t('sheet.internalHeading'), style: 'h3' },
    { text: internal, style: 'p' },
    { text: t('sheet.evidenceHeading'), style: 'h3' },
  ];
  if (shown.length === 0) {
    content.push({ text: t('sheet.noEvidence'), style: 'p' });
  } else {
    content.push({
      ul: shown.map((evidence) => ({
        stack: [
          { text: `${cut(evidence.fileName ?? '', 60)} (${dossierDate(lang, evidence.receivedAt, true)})` },
          { text: `SHA-256 ${evidence.sha256}`, style: 'hash' },
        ],
      })),
    });
    if (kept.length > shown.length) {
      content.push({ text: t('sheet.moreEvidence', { count: kept.length - shown.length }), style: 'small' });
    }
  }
  content.push(
    { text: t('sheet.channels'), style: 'small', margin: [0, 8, 0, 0] },
    { text: `${EMERGENCY_NUMBER} · Ondersteuningsteam Weerbaar Bestuur ${SUPPORT_TEAM_PHONE.display}`, style: 'meta' },
  );

  return renderPdf({
    info: { title: t('sheet.title'), author: 'Weerbaar', creator: 'Weerbaar', producer: 'Weerbaar' },
    version: '1.7',
    language: PDF_LOCALE[lang],
    displayTitle: true,
    pageSize: 'A4',
    pageMargins: [48, 44, 48, 44],
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.15, color: COLORS.text },
    styles: {
      title: { fontSize: 16, bold: true, color: COLORS.accent, margin: [0, 0, 0, 4] },
      meta: { fontSize: 9, color: COLORS.muted },
      note: { fontSize: 9, italics: true, color: COLORS.muted, margin: [0, 4, 0, 0] },
      h2: { fontSize: 12, bold: true, color: COLORS.accent, margin: [0, 10, 0, 4] },
      h3: { fontSize: 10.5, bold: true, margin: [0, 6, 0, 2] },
      p: { margin: [0, 0, 0, 4] },
      small: { fontSize: 8.5, color: COLORS.muted },
      hash: { fontSize: 7.5, color: COLORS.muted },
    },
    content,
  });
}
