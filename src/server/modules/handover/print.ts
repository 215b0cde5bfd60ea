import { randomInt } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  ACTIVATION_CODE_ALPHABET,
  ACTIVATION_CODE_LENGTH,
  type MyPackageResponse,
  type RegionKind,
} from '../../../shared/handover.ts';
import type { Locale } from '../../../shared/locale.ts';
import type { Office } from '../../../shared/people.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import { notFound } from '../../lib/errors.ts';
import { HANDOVER_PDF_TEXTS } from '../../lib/texts/index.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { issueInvitation } from '../people/invitations.ts';
import { findPersonById, lockPersonById } from '../people/repository.ts';
import { activationCodes, handovers } from './db.ts';
import type { HandoverDeps } from './deps.ts';
import { type EditionRow, findEdition, latestEdition, listEditions } from './editions.ts';
import { type PackagePdfActivation, type PackagePdfInput, renderPackagePdf } from './pdf.ts';
import { addEvent, type HandoverRow, requireHandover } from './records.ts';

/**
 * The printable package. Printing it while the person has not activated issues a fresh activation link
 * (the previous link stops working, as always with issueInvitation) and a fresh short code (the previous
 * code is revoked); both go into the PDF only. The token and code exist in clear only in that PDF; the
 * database keeps a SHA-256 of the token and a keyed hash of the code. Each print is in the handover
 * history and the audit trail. The PDF is made right after the unit of work commits, so the audit
 * chain's lock is not held while pdfmake works (should making it fail, the admin prints again and gets
 * yet another link; the one lost in between was never shown to anyone).
 *
 * The office holder's own download (myPackagePdf) never carries an activation block.
 */

/** How long a printed short code can be exchanged for an activation link. */
export const ACTIVATION_CODE_TTL_DAYS = 60;
const DAY_MS = 86_400_000;

export function newActivationCode(): string {
  let code = '';
  for (let i = 0; i < ACTIVATION_CODE_LENGTH; i++)
    code += ACTIVATION_CODE_ALPHABET[randomInt(ACTIVATION_CODE_ALPHABET.length)];
  return code;
}

export function activationCodeHash(keyring: Keyring, code: string): string {
  return keyring.keyedHash('handover-activation-code', code);
}

export interface PrintedPackage {
  pdf: Buffer;
  fileName: string;
  /** True when this print carries a new activation link and code (the previous ones stopped working). */
  linkIssued: boolean;
}

function fileNameFor(lang: Locale, name: string): string {
  return `${HANDOVER_PDF_TEXTS[lang].fileName(name)}.pdf`;
}

/**
 * The admin's printable package. While the person has not activated their account, this issues a new
 * activation link and a new short code for the QR code and the cover (revoking the previous ones).
 */
export async function printPackage(
  deps: HandoverDeps,
  ctx: ServiceContext,
  id: string,
  lang: Locale,
): Promise<PrintedPackage> {
  const prepared = await deps.uow.run(ctx, (w) => preparePrint(w, deps, id, lang));
  return { ...prepared, pdf: await renderPackagePdf(prepared.input) };
}

/** The print's changes (new link and code while unused, counters, history, audit), in the caller's unit. */
async function preparePrint(
  w: Work,
  deps: HandoverDeps,
  id: string,
  lang: Locale,
): Promise<{ input: PackagePdfInput; fileName: string; linkIssued: boolean }> {
  const { tx } = w;
  const handover = await requireHandover(tx, id, { lock: true });
  const person = await lockPersonById(tx, handover.personId);
  if (!person) throw notFound();
  const edition = await latestEdition(tx);
  if (!edition) throw new Error('no package edition: the handover module makes one on start');
  const now = new Date();

  let activation: PackagePdfActivation = { kind: 'none' };
  if (person.status === 'invited') {
    await tx
      .update(activationCodes)
      .set({ revokedAt: now })
      .where(and(eq(activationCodes.handoverId, id), isNull(activationCodes.revokedAt)));
    const code = newActivationCode();
    const codeExpiresAt = new Date(now.getTime() + ACTIVATION_CODE_TTL_DAYS * DAY_MS);
    await tx.insert(activationCodes).values({
      handoverId: id,
      codeHash: activationCodeHash(deps.keyring, code),
      createdAt: now,
      expiresAt: codeExpiresAt,
    });
    const issued = await issueInvitation(w, deps, { person, sendMail: false });
    activation = { kind: 'invitation', link: issued.link, linkExpiresAt: issued.expiresAt, code, codeExpiresAt };
  } else if (person.status === 'active') {
    activation = { kind: 'active' };
  }

  await tx
    .update(handovers)
    .set({
      preparedAt: handover.preparedAt ?? now,
      lastPrintedAt: now,
      printCount: sql`${handovers.printCount} + 1`,
      printedEditionId: edition.id,
    })
    .where(eq(handovers.id, id));
  const linkIssued = activation.kind === 'invitation';
  await addEvent(w, id, 'package_printed', { lang, version: edition.version, linkIssued });
  await recordAudit(tx, w, {
    action: 'handover.package_printed',
    subjectPersonId: person.id,
    recordType: 'handover',
    recordId: id,
    details: { lang, version: edition.version, linkIssued },
  });
  const name = person.displayName ?? handover.registeredName;
  const input: PackagePdfInput = {
    lang,
    publicUrl: deps.config.PUBLIC_URL,
    person: {
      name,
      office: handover.office as Office,
      regionKind: handover.regionKind,
      region: handover.region,
      installationDate: handover.installationDate,
    },
    edition: editionForPdf(edition),
    activation,
  };
  return { input, fileName: fileNameFor(lang, name), linkIssued };
}

// ---------------------------------------------------------------------------------------------------
// The office holder's own package
// ---------------------------------------------------------------------------------------------------

async function handoverOf(db: DbOrTx, personId: string): Promise<HandoverRow | null> {
  const [row] = await db.select().from(handovers).where(eq(handovers.personId, personId));
  return row ?? null;
}

/** My appointment and every package version (the newest marked, and the one I received). */
export async function myPackage(deps: HandoverDeps, ctx: ServiceContext): Promise<MyPackageResponse> {
  const db = deps.uow.db;
  const handover = await handoverOf(db, ctx.actor?.personId ?? '');
  const editions = await listEditions(db);
  const newest = editions[0]?.id;
  return {
    handover: handover
      ? {
          office: handover.office as Office,
          regionKind: handover.regionKind,
          region: handover.region,
          installationDate: handover.installationDate,
          handedOverOn: handover.handedOverOn,
        }
      : null,
    editions: editions.map((edition) => ({
      id: edition.id,
      version: edition.version,
      publishedAt: edition.publishedAt.toISOString(),
      current: edition.id === newest,
      received: edition.id === handover?.printedEditionId,
    })),
  };
}

/**
 * My own package, in any version, without an activation block (I am signed in, so activated). The
 * cover is always mine: the route takes no person, only a version.
 */
export async function myPackagePdf(
  deps: HandoverDeps,
  ctx: ServiceContext,
  editionId: string,
  lang: Locale,
): Promise<{ pdf: Buffer; fileName: string }> {
  const db = deps.uow.db;
  const personId = ctx.actor?.personId ?? '';
  const [person, handover, edition] = await Promise.all([
    findPersonById(db, personId),
    handoverOf(db, personId),
    findEdition(db, editionId),
  ]);
  if (!person || !edition) throw notFound();
  const name = person.displayName ?? handover?.registeredName ?? person.email;
  const office = (handover?.office ?? person.office ?? null) as Office | null;
  const regionKind: RegionKind | null = handover?.regionKind ?? null;
  const pdf = await renderPackagePdf({
    lang,
    publicUrl: deps.config.PUBLIC_URL,
    person: {
      name,
      office,
      regionKind,
      region: handover?.region ?? person.region ?? null,
      installationDate: handover?.installationDate ?? null,
    },
    edition: editionForPdf(edition),
    activation: { kind: 'none' },
  });
  return { pdf, fileName: fileNameFor(lang, name) };
}

function editionForPdf(edition: EditionRow) {
  return { version: edition.version, publishedAt: edition.publishedAt, parts: edition.parts };
}
