import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { desc, eq } from 'drizzle-orm';
import type { ExportBody, Incident, IncidentExport } from '../../../shared/incidents.ts';
import type { Locale } from '../../../shared/locale.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { sanitiseFileName } from '../../lib/uploads/file-names.ts';
import { bufferEntry, type ZipEntry, zipSize, zipStream } from '../../lib/zip.ts';
import { recordAudit } from '../audit/service.ts';
import { people } from '../people/db.ts';
import { type IncidentDeps, loadIncident, requireActor } from './access.ts';
import { incidentEvidence, incidentExports } from './db.ts';
import { dossierText, renderDossierPdf } from './dossier-pdf.ts';
import { listEvidence, openOriginal } from './evidence.ts';
import { listFollowUps, toIncident } from './service.ts';

/**
 * The police dossier: a PDF (facts, timeline, evidence list with hashes), and a ZIP holding that PDF, the
 * original evidence files exactly as received, manifest.json (name, size, SHA-256 and intake time of
 * each file) and SHA256SUMS, which `sha256sum -c` verifies, signed with the keyring's Ed25519 dossier key
 * (SHA256SUMS.sig, the public key beside it and at GET /api/incidents/signing-key). Because SHA256SUMS
 * covers manifest.json and the PDF too, the one signature covers everything.
 *
 * The hashes are the ones recorded at intake, not recomputed: the point is that the police can check the
 * files are the ones received then. Each file is re-hashed while it streams; a stored file that no longer
 * matches fails the download instead of producing a dossier that lies. Every export is recorded (the
 * person sees the list) and audited.
 */

export const SIGNING_PURPOSE = 'incident-dossier';
const KEY_FILE = 'weerbaar-dossier-public-key.pem';

export interface DossierFile {
  fileName: string;
  contentType: 'application/zip' | 'application/pdf';
  size: number;
  body: Readable | Buffer;
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

function readme(publicKeyId: string): string {
  return [
    'Weerbaar: dossier incidenten / incident dossier',
    '',
    'NL  Controleer in deze uitgepakte map dat elk bestand precies is zoals het binnenkwam:',
    'EN  In this unpacked folder, check that every file is exactly as it was received:',
    '',
    '    sha256sum -c SHA256SUMS',
    '',
    'NL  Controleer daarna dat SHA256SUMS door Weerbaar is ondertekend (OpenSSL 3):',
    'EN  Then check that SHA256SUMS was signed by Weerbaar (OpenSSL 3):',
    '',
    `    openssl pkeyutl -verify -pubin -inkey ${KEY_FILE} -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig`,
    '',
    'NL  Vergelijk de sleutel met die van de Weerbaar-installatie: GET /api/incidents/signing-key.',
    'EN  Compare the key with the one the Weerbaar installation publishes: GET /api/incidents/signing-key.',
    `    key id (SHA-256 of the public key, DER): ${publicKeyId}`,
    '',
  ].join('\n');
}

/** Builds and records a dossier of the given incidents (all the caller's own, or 404). */
export async function exportDossier(deps: IncidentDeps, ctx: ServiceContext, body: ExportBody): Promise<DossierFile> {
  const actor = requireActor(ctx);
  const db = deps.uow.db;
  const ids = [...new Set(body.incidentIds)];
  const loaded: Incident[] = [];
  for (const id of ids) {
    const row = await loadIncident(db, actor, id, 'export');
    loaded.push(toIncident(deps, row, await listFollowUps(deps, id), await listEvidence(deps, id)));
  }
  loaded.sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.createdAt.localeCompare(b.createdAt));
  const [owner] = await db.select({ name: people.displayName }).from(people).where(eq(people.id, actor.personId));
  const lang: Locale = body.lang;
  const madeAt = deps.uow.now();
  const signer = deps.keyring.signer(SIGNING_PURPOSE);

  const folder = lang === 'nl' ? 'bewijs' : 'evidence';
  const paths = new Map<string, string>();
  loaded.forEach((incident, index) => {
    let number = 0;
    for (const evidence of incident.evidence) {
      if (evidence.deletedAt || !evidence.fileName) continue;
      number++;
      const name = sanitiseFileName(evidence.fileName, 100) || 'bestand';
      paths.set(evidence.id, `${folder}/incident-${index + 1}/${String(number).padStart(2, '0')} ${name}`);
    }
  });

  const coverLines: string[] = [];
  for (const source of deps.dossierCover) {
    coverLines.push(
      ...(await source(
        db,
        loaded.map((incident) => ({ id: incident.id, ownerId: actor.personId })),
        lang,
      )),
    );
  }
  const pdf = await renderDossierPdf({
    lang,
    coverLines,
    ownerName: owner?.name ?? '',
    madeAt: madeAt.toISOString(),
    incidents: loaded,
    paths,
    publicKeyId: signer.publicKeyId,
  });
  const baseName = `${dossierText(lang, 'pdf.title')} ${madeAt.toISOString().slice(0, 10)}`;
  const evidenceCount = paths.size;

  if (body.format === 'pdf') {
    await record(deps, ctx, actor.personId, { format: 'pdf', ids, evidenceCount, sha256: sha256(pdf) });
    return { fileName: `${baseName}.pdf`, contentType: 'application/pdf', size: pdf.length, body: pdf };
  }

  const rows = new Map(
    (await db.select().from(incidentEvidence).where(eq(incidentEvidence.ownerId, actor.personId))).map((row) => [
      row.id,
      row,
    ]),
  );
  const manifest = {
    format: 'weerbaar-incident-dossier/1',
    createdAt: madeAt.toISOString(),
    signingKeyId: signer.publicKeyId,
    incidents: loaded.map((incident, index) => ({ number: index + 1, occurredOn: incident.occurredOn })),
    files: loaded.flatMap((incident, index) =>
      incident.evidence
        .filter((evidence) => paths.has(evidence.id))
        .map((evidence) => ({
          path: paths.get(evidence.id),
          incident: index + 1,
          name: evidence.fileName,
          contentType: evidence.contentType,
          size: evidence.size,
          sha256: evidence.sha256,
          receivedAt: evidence.receivedAt,
          caption: evidence.caption,
          sourceUrl: evidence.sourceUrl,
          sourceHandle: evidence.sourceHandle,
        })),
    ),
    deleted: loaded.flatMap((incident, index) =>
      incident.evidence
        .filter((evidence) => evidence.deletedAt)
        .map((evidence) => ({
          incident: index + 1,
          size: evidence.size,
          sha256: evidence.sha256,
          receivedAt: evidence.receivedAt,
          deletedAt: evidence.deletedAt,
        })),
    ),
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const keyBytes = Buffer.from(signer.publicKeyPem, 'utf8');
  const readmeBytes = Buffer.from(readme(signer.publicKeyId), 'utf8');
  const pdfName = 'dossier.pdf';

  const fixed: ZipEntry[] = [
    bufferEntry('LEESMIJ-README.txt', readmeBytes, madeAt),
    bufferEntry(pdfName, pdf, madeAt),
    bufferEntry('manifest.json', manifestBytes, madeAt),
  ];
  const evidenceEntries: ZipEntry[] = [];
  const sums: string[] = [
    `${sha256(readmeBytes)}  LEESMIJ-README.txt`,
    `${sha256(pdf)}  ${pdfName}`,
    `${sha256(manifestBytes)}  manifest.json`,
  ];
  for (const [id, path] of paths) {
    const row = rows.get(id);
    if (!row) continue;
    evidenceEntries.push({
      name: path,
      size: row.size,
      crc32: row.crc32,
      modifiedAt: row.receivedAt,
      open: () => openOriginal(deps, row),
    });
    sums.push(`${row.sha256}  ${path}`);
  }
  sums.push(`${sha256(keyBytes)}  ${KEY_FILE}`);
  const sumsBytes = Buffer.from(`${sums.join('\n')}\n`, 'utf8');
  const signature = signer.sign(sumsBytes);
  const entries = [
    ...fixed,
    ...evidenceEntries,
    bufferEntry(KEY_FILE, keyBytes, madeAt),
    bufferEntry('SHA256SUMS', sumsBytes, madeAt),
    bufferEntry('SHA256SUMS.sig', signature, madeAt),
  ];
  const size = zipSize(entries);
  const stream = zipStream(entries);
  await record(deps, ctx, actor.personId, { format: 'zip', ids, evidenceCount, sha256: sha256(sumsBytes) });
  return { fileName: `${baseName}.zip`, contentType: 'application/zip', size, body: stream };
}

async function record(
  deps: IncidentDeps,
  ctx: ServiceContext,
  ownerId: string,
  what: { format: 'zip' | 'pdf'; ids: string[]; evidenceCount: number; sha256: string },
): Promise<void> {
  const id = randomUUID();
  await deps.uow.run(ctx, async (w) => {
    await w.tx.insert(incidentExports).values({
      id,
      ownerId,
      format: what.format,
      incidentIds: what.ids,
      evidenceCount: what.evidenceCount,
      sha256: what.sha256,
      createdAt: w.now,
    });
    await recordAudit(w.tx, w, {
      action: 'incident.dossier_exported',
      subjectPersonId: ownerId,
      recordType: 'incident_export',
      recordId: id,
      details: { format: what.format, incidents: what.ids.length, evidence: what.evidenceCount, sha256: what.sha256 },
    });
  });
}

/** The dossiers this person made, newest first. */
export async function listExports(deps: IncidentDeps, ctx: ServiceContext): Promise<IncidentExport[]> {
  const actor = requireActor(ctx);
  const rows = await deps.uow.db
    .select()
    .from(incidentExports)
    .where(eq(incidentExports.ownerId, actor.personId))
    .orderBy(desc(incidentExports.createdAt));
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    format: row.format as 'zip' | 'pdf',
    incidentCount: row.incidentIds.length,
    evidenceCount: row.evidenceCount,
    sha256: row.sha256,
  }));
}
