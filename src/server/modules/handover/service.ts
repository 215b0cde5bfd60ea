import { randomInt } from 'node:crypto';
import { aliasedTable, and, asc, count, eq, gt, ilike, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import {
  ACTIVATION_CODE_ALPHABET,
  ACTIVATION_CODE_LENGTH,
  type HandedOverBody,
  type HandoverDetail,
  type HandoverEventKind,
  type HandoverListQuery,
  type HandoverListResponse,
  type HandoverStage,
  type HandoverSummary,
  type MyPackageResponse,
  normaliseActivationCode,
  type RegionKind,
} from '../../../shared/handover.ts';
import type { Locale } from '../../../shared/locale.ts';
import type { Office } from '../../../shared/people.ts';
import type { Config } from '../../config.ts';
import type { Db, DbOrTx, Tx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { HANDOVER_PDF_TEXTS } from '../../lib/texts/index.ts';
import { recordAudit } from '../audit/service.ts';
import { containsPattern } from '../people/admin-service.ts';
import { people } from '../people/db.ts';
import {
  type InvitationStatusRow,
  issueInvitation,
  latestInvitation,
  latestInvitationsOf,
} from '../people/invitations.ts';
import {
  findPersonByEmail,
  findPersonById,
  insertInvitedPerson,
  isUniqueViolation,
  lockPersonById,
  type PersonRow,
} from '../people/repository.ts';
import { invitationSummary } from '../people/views.ts';
import { activationCodes, handoverEvents, handovers } from './db.ts';
import { type EditionRow, findEdition, latestEdition, listEditions } from './editions.ts';
import type { Appointment } from './import-check.ts';
import { type PackagePdfActivation, type PackagePdfInput, renderPackagePdf } from './pdf.ts';

/**
 * The handover of the package to newly appointed office holders.
 *
 * - Registering makes the person through the people module (invited, role officeholder, the registered
 *   name, office and region), their invitation (mailed only on request) and the handover record, with
 *   `person.invited`, `invitation.issued` and `handover.registered` in the audit trail.
 * - Printing the package while the person has not activated issues a fresh activation link (the
 *   previous link stops working, as always with issueInvitation) and a fresh short code (the previous
 *   code is revoked); both go into the PDF only. The token and code exist in clear only in that PDF;
 *   the database keeps a SHA-256 of the token and a keyed hash of the code. Each print is in the
 *   handover history and the audit trail. The PDF is made right after the transaction commits, so the
 *   audit chain's lock is not held while pdfmake works (should making it fail, the admin prints again
 *   and gets yet another link; the one lost in between was never shown to anyone).
 * - Every change is audited with the office holder as subject, in the same transaction.
 */

export interface HandoverDeps {
  config: Config;
  keyring: Keyring;
}

/** How long a printed short code can be exchanged for an activation link. */
export const ACTIVATION_CODE_TTL_DAYS = 60;
const DAY_MS = 86_400_000;

export const emailTaken = () => conflict('email_taken', 'Another account already uses this e-mail address.');
export const activationCodeInvalid = () =>
  badRequest('activation_code_invalid', 'This code is not valid (any more). Check it, or ask for a new package.');

function actorIdOf(ctx: ServiceContext): string | null {
  return ctx.actor?.personId ?? null;
}

async function addEvent(
  tx: Tx,
  ctx: ServiceContext,
  handoverId: string,
  kind: HandoverEventKind,
  details: Record<string, string | number | boolean | null> = {},
) {
  await tx.insert(handoverEvents).values({ handoverId, kind, actorPersonId: actorIdOf(ctx), details });
}

// ---------------------------------------------------------------------------------------------------
// Registering
// ---------------------------------------------------------------------------------------------------

export interface RegisterInput extends Appointment {
  source: 'form' | 'import';
  sendInvitationMail: boolean;
}

/** One appointment: the person, their invitation, the handover record; all audited. */
export async function registerHandover(
  tx: Tx,
  ctx: ServiceContext,
  deps: HandoverDeps,
  input: RegisterInput,
): Promise<{ handoverId: string; personId: string }> {
  if (await findPersonByEmail(tx, input.email)) throw emailTaken();
  let person: PersonRow;
  try {
    person = await insertInvitedPerson(
      tx,
      {
        email: input.email,
        roles: ['officeholder'],
        displayName: input.name,
        office: input.office,
        region: input.region,
      },
      actorIdOf(ctx),
    );
  } catch (error) {
    // Two admins registering the same address at once: the unique index decides, the loser gets a 409.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  await recordAudit(tx, ctx, {
    action: 'person.invited',
    subjectPersonId: person.id,
    recordType: 'person',
    recordId: person.id,
    details: { roles: 'officeholder', via: 'handover' },
  });
  await issueInvitation(tx, ctx, deps, { person, sendMail: input.sendInvitationMail });
  const [row] = await tx
    .insert(handovers)
    .values({
      personId: person.id,
      registeredName: input.name,
      office: input.office,
      regionKind: input.regionKind,
      region: input.region,
      installationDate: input.installationDate,
      source: input.source,
      createdBy: actorIdOf(ctx),
    })
    .returning({ id: handovers.id });
  if (!row) throw new Error('handover insert returned nothing');
  await addEvent(tx, ctx, row.id, 'registered', { source: input.source, mailed: input.sendInvitationMail });
  await recordAudit(tx, ctx, {
    action: 'handover.registered',
    subjectPersonId: person.id,
    recordType: 'handover',
    recordId: row.id,
    details: { source: input.source, office: input.office, mailed: input.sendInvitationMail },
  });
  return { handoverId: row.id, personId: person.id };
}

// ---------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------

type HandoverRow = typeof handovers.$inferSelect;
type PersonFacts = Pick<PersonRow, 'id' | 'email' | 'displayName' | 'status' | 'activatedAt'>;

export function stageOf(handover: HandoverRow, person: PersonFacts): HandoverStage {
  if (person.activatedAt) return 'activated';
  if (handover.handedOverOn) return 'handed_over';
  if (handover.preparedAt) return 'prepared';
  return 'registered';
}

function summaryOf(
  handover: HandoverRow,
  person: PersonFacts,
  invitation: InvitationStatusRow | null | undefined,
): HandoverSummary {
  return {
    id: handover.id,
    personId: person.id,
    name: person.displayName ?? handover.registeredName,
    email: person.email,
    office: handover.office as Office,
    regionKind: handover.regionKind,
    region: handover.region,
    installationDate: handover.installationDate,
    createdAt: handover.createdAt.toISOString(),
    stage: stageOf(handover, person),
    open: person.status !== 'deactivated' && (!handover.handedOverOn || !person.activatedAt),
    personStatus: person.status,
    activatedAt: person.activatedAt?.toISOString() ?? null,
    invitation: invitationSummary(invitation),
    preparedAt: handover.preparedAt?.toISOString() ?? null,
    lastPrintedAt: handover.lastPrintedAt?.toISOString() ?? null,
    printCount: handover.printCount,
    handedOver:
      handover.handedOverOn && handover.handedOverBy && handover.handedOverMethod
        ? { on: handover.handedOverOn, by: handover.handedOverBy, method: handover.handedOverMethod }
        : null,
  };
}

const personColumns = {
  id: people.id,
  email: people.email,
  displayName: people.displayName,
  status: people.status,
  activatedAt: people.activatedAt,
};

/**
 * The admin list. `open`: not yet handed over or not yet activated, leaving out deactivated accounts.
 * Oldest installation first (then by name, then the oldest registration), so what waits longest comes first.
 */
export async function listHandovers(db: DbOrTx, query: HandoverListQuery): Promise<HandoverListResponse> {
  const conditions: (SQL | undefined)[] = [];
  if (query.view === 'open') {
    conditions.push(ne(people.status, 'deactivated'), or(isNull(handovers.handedOverOn), isNull(people.activatedAt)));
  }
  if (query.q) {
    const pattern = containsPattern(query.q);
    conditions.push(
      or(
        ilike(handovers.registeredName, pattern),
        ilike(people.displayName, pattern),
        ilike(people.email, pattern),
        ilike(handovers.region, pattern),
      ),
    );
  }
  const where = and(...conditions);
  const [{ n: total } = { n: 0 }] = await db
    .select({ n: count() })
    .from(handovers)
    .innerJoin(people, eq(people.id, handovers.personId))
    .where(where);
  const rows = await db
    .select({ handover: handovers, person: personColumns })
    .from(handovers)
    .innerJoin(people, eq(people.id, handovers.personId))
    .where(where)
    // Same installation date (a CSV import often has many): alphabetical, so the list does not reshuffle.
    .orderBy(
      asc(handovers.installationDate),
      asc(handovers.registeredName),
      asc(handovers.createdAt),
      asc(handovers.id),
    )
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const invitations = await latestInvitationsOf(
    db,
    rows.map((row) => row.person.id),
  );
  return {
    handovers: rows.map((row) => summaryOf(row.handover, row.person, invitations.get(row.person.id))),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function requireHandover(db: DbOrTx, id: string, options: { lock?: boolean } = {}) {
  const query = db.select().from(handovers).where(eq(handovers.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}

async function detailOf(db: DbOrTx, handover: HandoverRow): Promise<HandoverDetail> {
  const person = await findPersonById(db, handover.personId);
  if (!person) throw notFound();
  const actor = aliasedTable(people, 'actor');
  const events = await db
    .select({
      at: handoverEvents.at,
      kind: handoverEvents.kind,
      details: handoverEvents.details,
      actorName: actor.displayName,
    })
    .from(handoverEvents)
    .leftJoin(actor, eq(actor.id, handoverEvents.actorPersonId))
    .where(eq(handoverEvents.handoverId, handover.id))
    .orderBy(asc(handoverEvents.at), asc(handoverEvents.id));
  const edition = handover.printedEditionId ? await findEdition(db, handover.printedEditionId) : null;
  const [code] =
    person.status === 'invited'
      ? await db
          .select({ expiresAt: activationCodes.expiresAt })
          .from(activationCodes)
          .where(
            and(
              eq(activationCodes.handoverId, handover.id),
              isNull(activationCodes.revokedAt),
              gt(activationCodes.expiresAt, new Date()),
            ),
          )
      : [];
  return {
    ...summaryOf(handover, person, await latestInvitation(db, person.id)),
    printedEdition: edition
      ? { id: edition.id, version: edition.version, publishedAt: edition.publishedAt.toISOString() }
      : null,
    activationCodeExpiresAt: code?.expiresAt.toISOString() ?? null,
    history: events.map((event) => ({
      at: event.at.toISOString(),
      kind: event.kind as HandoverEventKind,
      actorName: event.actorName,
      details: event.details,
    })),
  };
}

/** One handover with its history. Audited as a read of the person's data, like the people pages. */
export async function viewHandover(tx: Tx, ctx: ServiceContext, id: string): Promise<HandoverDetail> {
  const handover = await requireHandover(tx, id);
  await recordAudit(tx, ctx, {
    action: 'handover.viewed',
    subjectPersonId: handover.personId,
    recordType: 'handover',
    recordId: handover.id,
  });
  return detailOf(tx, handover);
}

// ---------------------------------------------------------------------------------------------------
// Handing over
// ---------------------------------------------------------------------------------------------------

/** Records (or corrects) when, by whom and how the package was handed over. */
export async function recordHandedOver(
  tx: Tx,
  ctx: ServiceContext,
  id: string,
  body: HandedOverBody,
  today = new Date(),
): Promise<HandoverDetail> {
  const handover = await requireHandover(tx, id, { lock: true });
  if (body.date > dutchToday(today)) {
    throw badRequest('date_in_future', 'A handover cannot be recorded before it happened.', [
      { field: 'body/date', code: 'date_in_future', message: 'Not after today.' },
    ]);
  }
  const [updated] = await tx
    .update(handovers)
    .set({
      handedOverOn: body.date,
      handedOverBy: body.by,
      handedOverMethod: body.method,
      handedOverRecordedBy: actorIdOf(ctx),
      handedOverRecordedAt: new Date(),
    })
    .where(eq(handovers.id, id))
    .returning();
  if (!updated) throw notFound();
  await addEvent(tx, ctx, id, 'handed_over', {
    on: body.date,
    by: body.by,
    method: body.method,
    correction: Boolean(handover.handedOverOn),
  });
  await recordAudit(tx, ctx, {
    action: 'handover.handed_over',
    subjectPersonId: handover.personId,
    recordType: 'handover',
    recordId: id,
    details: { on: body.date, method: body.method, correction: Boolean(handover.handedOverOn) },
  });
  return detailOf(tx, updated);
}

/** Takes back a recorded handover (recorded by mistake); the history keeps both. */
export async function undoHandedOver(tx: Tx, ctx: ServiceContext, id: string): Promise<HandoverDetail> {
  const handover = await requireHandover(tx, id, { lock: true });
  if (!handover.handedOverOn) throw conflict('not_handed_over', 'No handover is recorded for this package.');
  const [updated] = await tx
    .update(handovers)
    .set({
      handedOverOn: null,
      handedOverBy: null,
      handedOverMethod: null,
      handedOverRecordedBy: null,
      handedOverRecordedAt: null,
    })
    .where(eq(handovers.id, id))
    .returning();
  if (!updated) throw notFound();
  await addEvent(tx, ctx, id, 'handover_undone', { on: handover.handedOverOn });
  await recordAudit(tx, ctx, {
    action: 'handover.handover_undone',
    subjectPersonId: handover.personId,
    recordType: 'handover',
    recordId: id,
  });
  return detailOf(tx, updated);
}

function dutchToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

// ---------------------------------------------------------------------------------------------------
// The printable package
// ---------------------------------------------------------------------------------------------------

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
  db: Db,
  ctx: ServiceContext,
  deps: HandoverDeps,
  id: string,
  lang: Locale,
): Promise<PrintedPackage> {
  const prepared = await db.transaction((tx) => preparePrint(tx, ctx, deps, id, lang));
  return { ...prepared, pdf: await renderPackagePdf(prepared.input) };
}

/** The print's changes (new link and code while unused, counters, history, audit), in one transaction. */
async function preparePrint(
  tx: Tx,
  ctx: ServiceContext,
  deps: HandoverDeps,
  id: string,
  lang: Locale,
): Promise<{ input: PackagePdfInput; fileName: string; linkIssued: boolean }> {
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
    const issued = await issueInvitation(tx, ctx, deps, { person, sendMail: false });
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
  await addEvent(tx, ctx, id, 'package_printed', { lang, version: edition.version, linkIssued });
  await recordAudit(tx, ctx, {
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
// The short code
// ---------------------------------------------------------------------------------------------------

/**
 * Exchanges a printed code for a fresh activation token (which replaces any earlier link). The code
 * keeps working until it expires, a newer print replaces it, or the person has activated: someone who
 * exchanges it and then stops halfway can start again with the same paper. Null for any code that
 * cannot be used, the same for all, so a guess learns nothing.
 */
export async function exchangeActivationCode(
  tx: Tx,
  ctx: ServiceContext,
  deps: HandoverDeps,
  typed: string,
): Promise<{ token: string } | null> {
  const code = normaliseActivationCode(typed);
  if (!code) return null;
  const now = new Date();
  const [row] = await tx
    .select({ id: activationCodes.id, handoverId: activationCodes.handoverId, personId: handovers.personId })
    .from(activationCodes)
    .innerJoin(handovers, eq(handovers.id, activationCodes.handoverId))
    .where(
      and(
        eq(activationCodes.codeHash, activationCodeHash(deps.keyring, code)),
        isNull(activationCodes.revokedAt),
        gt(activationCodes.expiresAt, now),
      ),
    )
    .for('update', { of: activationCodes });
  if (!row) return null;
  const person = await lockPersonById(tx, row.personId);
  if (person?.status !== 'invited') return null;
  const issued = await issueInvitation(tx, ctx, deps, { person, sendMail: false });
  await tx.update(activationCodes).set({ lastExchangedAt: now }).where(eq(activationCodes.id, row.id));
  await addEvent(tx, ctx, row.handoverId, 'code_exchanged');
  await recordAudit(tx, ctx, {
    action: 'handover.code_exchanged',
    subjectPersonId: person.id,
    recordType: 'handover',
    recordId: row.handoverId,
  });
  return { token: issued.token };
}

// ---------------------------------------------------------------------------------------------------
// The office holder's own package
// ---------------------------------------------------------------------------------------------------

async function handoverOf(db: DbOrTx, personId: string): Promise<HandoverRow | null> {
  const [row] = await db.select().from(handovers).where(eq(handovers.personId, personId));
  return row ?? null;
}

export async function myPackage(db: DbOrTx, personId: string): Promise<MyPackageResponse> {
  const handover = await handoverOf(db, personId);
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
  db: DbOrTx,
  deps: HandoverDeps,
  personId: string,
  editionId: string,
  lang: Locale,
): Promise<{ pdf: Buffer; fileName: string }> {
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
