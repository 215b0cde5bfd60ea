import { aliasedTable, and, asc, count, eq, gt, ilike, inArray, isNull, max, ne, or, type SQL } from 'drizzle-orm';
import type {
  HandoverDetail,
  HandoverEventKind,
  HandoverListQuery,
  HandoverListResponse,
  HandoverStage,
  HandoverSummary,
  HandoverWayInView,
} from '../../../shared/handover.ts';
import type { Office } from '../../../shared/people.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { containsPattern } from '../../lib/text-search.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { people } from '../people/db.ts';
import { type InvitationStatusRow, latestInvitation, latestInvitationsOf } from '../people/invitations.ts';
import { findPersonById, type PersonRow } from '../people/repository.ts';
import { invitationState, invitationSummary } from '../people/views.ts';
import { activationCodes, handoverEvents, handovers } from './db.ts';
import type { HandoverDeps } from './deps.ts';
import { findEdition } from './editions.ts';
import { type HandoverRow, requireHandover } from './records.ts';

/**
 * Reading handovers: the admin's list (no change, so outside the unit of work) and one handover with
 * its history, which is audited as a read of the person's data (so it runs in a unit of work).
 */

type PersonFacts = Pick<PersonRow, 'id' | 'email' | 'displayName' | 'status' | 'activatedAt'>;

export function stageOf(handover: HandoverRow, person: PersonFacts): HandoverStage {
  if (person.activatedAt) return 'activated';
  if (handover.handedOverOn) return 'handed_over';
  if (handover.preparedAt) return 'prepared';
  return 'registered';
}

/**
 * The one way in while the person has not activated, from their latest invitation and the package's
 * open short code: the e-mailed link while it is open; the printed package while its QR link or its
 * code works (a link mailed after the print ends the code: see activation-code.ts); otherwise none.
 */
export function wayInOf(
  person: Pick<PersonFacts, 'status'>,
  invitation: InvitationStatusRow | null | undefined,
  codeExpiresAt: Date | null | undefined,
  now = new Date(),
): HandoverWayInView | null {
  if (person.status !== 'invited') return null;
  const linkOpen = invitation ? invitationState(invitation, now) === 'pending' : false;
  if (invitation?.delivery === 'mail' && linkOpen) {
    return { kind: 'mail', since: invitation.createdAt.toISOString(), until: invitation.expiresAt.toISOString() };
  }
  // Invitations from before deliveries were recorded (null) count as the package's when its code is open.
  const fromPackage = invitation?.delivery === 'package' || (invitation?.delivery === null && codeExpiresAt);
  if (invitation && fromPackage && !invitation.usedAt && (linkOpen || codeExpiresAt)) {
    const ends = [linkOpen ? invitation.expiresAt : null, codeExpiresAt ?? null].filter((d): d is Date => d !== null);
    const until = new Date(Math.max(...ends.map((d) => d.getTime())));
    return { kind: 'package', since: invitation.createdAt.toISOString(), until: until.toISOString() };
  }
  return { kind: 'none', since: null, until: null };
}

/** The open short code of each of these handovers (the latest print's), by handover id. */
async function openCodesOf(db: DbOrTx, handoverIds: string[]): Promise<Map<string, Date>> {
  const map = new Map<string, Date>();
  if (handoverIds.length === 0) return map;
  const rows = await db
    .select({ handoverId: activationCodes.handoverId, expiresAt: max(activationCodes.expiresAt) })
    .from(activationCodes)
    .where(
      and(
        inArray(activationCodes.handoverId, handoverIds),
        isNull(activationCodes.revokedAt),
        gt(activationCodes.expiresAt, new Date()),
      ),
    )
    .groupBy(activationCodes.handoverId);
  for (const row of rows) if (row.expiresAt) map.set(row.handoverId, new Date(row.expiresAt));
  return map;
}

function summaryOf(
  handover: HandoverRow,
  person: PersonFacts,
  invitation: InvitationStatusRow | null | undefined,
  codeExpiresAt: Date | null | undefined,
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
    wayIn: wayInOf(person, invitation, codeExpiresAt),
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
  const codes = await openCodesOf(
    db,
    rows.map((row) => row.handover.id),
  );
  return {
    handovers: rows.map((row) =>
      summaryOf(row.handover, row.person, invitations.get(row.person.id), codes.get(row.handover.id)),
    ),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function detailOf(db: DbOrTx, handover: HandoverRow): Promise<HandoverDetail> {
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
  const codeExpiresAt = person.status === 'invited' ? (await openCodesOf(db, [handover.id])).get(handover.id) : null;
  const invitation = await latestInvitation(db, person.id);
  const summary = summaryOf(handover, person, invitation, codeExpiresAt);
  // A code a later e-mailed link replaced is no way in any more (activation-code.ts refuses it).
  const code = summary.wayIn?.kind === 'package' ? codeExpiresAt : null;
  return {
    ...summary,
    printedEdition: edition
      ? { id: edition.id, version: edition.version, publishedAt: edition.publishedAt.toISOString() }
      : null,
    activationCodeExpiresAt: code?.toISOString() ?? null,
    history: events.map((event) => ({
      at: event.at.toISOString(),
      kind: event.kind as HandoverEventKind,
      actorName: event.actorName,
      details: event.details,
    })),
  };
}

/** One handover with its history. Audited as a read of the person's data, like the people pages. */
export async function viewHandover(deps: HandoverDeps, ctx: ServiceContext, id: string): Promise<HandoverDetail> {
  return deps.uow.run(ctx, (w) => viewHandoverIn(w, id));
}

export async function viewHandoverIn(w: Work, id: string): Promise<HandoverDetail> {
  const handover = await requireHandover(w.tx, id);
  await recordAudit(w.tx, w, {
    action: 'handover.viewed',
    subjectPersonId: handover.personId,
    recordType: 'handover',
    recordId: handover.id,
  });
  return detailOf(w.tx, handover);
}
