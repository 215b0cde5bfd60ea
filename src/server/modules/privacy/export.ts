import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Locale } from '../../../shared/locale.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { unauthorized } from '../../lib/errors.ts';
import type { ExportedFile, JsonRecord } from '../../lib/personal-data.ts';
import { PRIVACY_EXPORT_TEXTS } from '../../lib/texts/index.ts';
import { bufferEntry, type ZipEntry, zipSize, zipStream } from '../../lib/zip.ts';
import { recordAudit } from '../audit/service.ts';
import type { PrivacyDeps } from './deps.ts';
import { renderExportPdf } from './export-pdf.ts';

export const EXPORT_FORMAT = 'weerbaar-personal-data/1';

export interface DataExport {
  fileName: string;
  size: number;
  body: Readable;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The JSON's name per language (the README and the PDF point at it). */
export const dataFileName = (lang: Locale) => (lang === 'nl' ? 'gegevens.json' : 'data.json');
export const overviewFileName = (lang: Locale) => (lang === 'nl' ? 'overzicht.pdf' : 'overview.pdf');

/**
 * "Download al mijn gegevens" (AVG art. 15 and 20): every registered source's records in one
 * machine-readable JSON, a readable PDF of the same, and every file a module keeps (incident evidence,
 * case attachments) as its original, in one ZIP with SHA256SUMS over all of it. The records are read
 * first (small); the files stream into the archive one at a time as the download goes, so a large video
 * never sits in memory. Audited (the person sees it in their access log).
 */
export async function exportMyData(deps: PrivacyDeps, ctx: ServiceContext, lang: Locale): Promise<DataExport> {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const db = deps.uow.db;
  const madeAt = deps.uow.now();
  const texts = PRIVACY_EXPORT_TEXTS[lang];
  const sections: { key: string; records: JsonRecord[]; files: (ExportedFile & { archivePath: string })[] }[] = [];
  for (const source of deps.registry.sources()) {
    const section = await source.export({ db, personId: actor.personId, keyring: deps.keyring, now: madeAt });
    sections.push({
      key: source.key,
      records: section.records,
      files: (section.files ?? []).map((file) => ({
        ...file,
        archivePath: `${texts.folder}/${source.key}/${file.path}`,
      })),
    });
  }
  const files = sections.flatMap((section) => section.files);
  const data = {
    format: EXPORT_FORMAT,
    createdAt: madeAt.toISOString(),
    personId: actor.personId,
    sections: Object.fromEntries(sections.map((section) => [section.key, section.records])),
    files: sections.flatMap((section) =>
      section.files.map((file) => ({
        section: section.key,
        path: file.archivePath,
        size: file.size,
        sha256: file.sha256,
        modifiedAt: file.modifiedAt.toISOString(),
      })),
    ),
  };
  const json = Buffer.from(`${JSON.stringify(data, null, 2)}\n`, 'utf8');
  const pdf = await renderExportPdf({
    lang,
    madeAt,
    sections: sections.map((section) => ({
      key: section.key,
      records: section.records,
      fileCount: section.files.length,
    })),
  });
  const readme = Buffer.from(
    `${texts.title}\n\n${texts.intro}\n\n${texts.completeInJson}\n\n${texts.checkFiles}\n`,
    'utf8',
  );
  const fixed: [string, Buffer][] = [
    ['LEESMIJ-README.txt', readme],
    [dataFileName(lang), json],
    [overviewFileName(lang), pdf],
  ];
  const sums = [
    ...fixed.map(([name, bytes]) => `${sha256(bytes)}  ${name}`),
    ...files.map((file) => `${file.sha256}  ${file.archivePath}`),
  ];
  const entries: ZipEntry[] = [
    ...fixed.map(([name, bytes]) => bufferEntry(name, bytes, madeAt)),
    ...files.map((file) => ({
      name: file.archivePath,
      size: file.size,
      crc32: file.crc32,
      modifiedAt: file.modifiedAt,
      open: file.open,
    })),
    bufferEntry('SHA256SUMS', Buffer.from(`${sums.join('\n')}\n`, 'utf8'), madeAt),
  ];
  const size = zipSize(entries);
  const body = zipStream(entries);
  await deps.uow.run(ctx, (w) =>
    recordAudit(w.tx, w, {
      action: 'privacy.export_downloaded',
      subjectPersonId: actor.personId,
      recordType: 'person',
      recordId: actor.personId,
      details: {
        sections: sections.length,
        records: sections.reduce((n, s) => n + s.records.length, 0),
        files: files.length,
        bytes: size,
      },
    }),
  );
  return { fileName: `${texts.fileBase}-${madeAt.toISOString().slice(0, 10)}.zip`, size, body };
}
