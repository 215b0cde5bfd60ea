import { describe, expect, it } from 'vitest';
import { extractPdfText, flattenText } from '../../../../test/helpers/pdf-text.ts';
import type { Incident } from '../../../shared/incidents.ts';
import { renderPreparationSheet } from './sheet-pdf.ts';

/** The preparation sheet stays one page, however much the person wrote and kept. */
const evidence = Array.from({ length: 30 }, (_, index) => ({
  id: `e${index}`,
  incidentId: 'i',
  kind: 'image' as const,
  contentType: 'image/png',
  fileName: `${'een-heel-lange-bestandsnaam-'.repeat(4)}${index}.png`,
  size: 100,
  sha256: 'a'.repeat(64),
  receivedAt: '2026-12-01T10:00:00.000Z',
  addedByName: null,
  caption: null,
  sourceUrl: null,
  sourceHandle: null,
  hasMetadata: false,
  deletedAt: null,
}));

const fullest: Incident = {
  id: 'i',
  occurredOn: '2026-12-01',
  occurredAt: '12:00',
  whatHappened: 'woord '.repeat(834),
  channel: 'social_media',
  where: 'w'.repeat(300),
  forms: ['verbal', 'threat', 'intimidation', 'physical_violence', 'vandalism', 'stalking', 'doxing', 'discrimination'],
  targets: ['self', 'partner'],
  perpetratorKind: 'individual',
  perpetratorDescription: 'd'.repeat(1000),
  perpetratorHandle: 'h'.repeat(200),
  severity: 'very_serious',
  aimedAt: 'office',
  internalReport: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  followUps: [],
  evidence,
};

describe('the preparation sheet', () => {
  it.each(['nl', 'en'] as const)('is one page at the longest texts and 30 files (%s)', async (lang) => {
    const pdf = await renderPreparationSheet({
      lang,
      madeAt: '2026-12-05T10:00:00.000Z',
      incident: fullest,
      choices: { variant: 'onder_nummer', vptRequested: true, internalReport: { to: 'secretaris', on: '2026-12-01' } },
    });
    const read = extractPdfText(pdf);
    expect(read.pages).toHaveLength(1);
    const text = flattenText(read.text);
    expect(text).toContain(lang === 'nl' ? 'En nog 24 bestand(en)' : 'And 24 more file(s)');
    expect(text).toContain(lang === 'nl' ? 'Vraag om de VPT-code' : 'Please give this case the VPT code');
  });
});
