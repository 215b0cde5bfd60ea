import { aliasedTable, and, asc, count, eq, gt, ilike, isNull, ne, or, type SQL } from 'drizzle-orm';
import type {
  HandoverDetail,
  HandoverEventKind,
  HandoverListQuery,
  HandoverListResponse,
  HandoverStage,
  HandoverSummary,
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
import { invitationSummary } from '../people/views.ts';
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
