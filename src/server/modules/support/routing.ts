import { eq, sql } from 'drizzle-orm';
import type { AssociationRouting, AssociationRoutingResponse } from '../../../shared/association-routing.ts';
import { type Association, associationSchema, OFFICES, type Office, officeSchema } from '../../../shared/people.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { supportAssociationRouting } from './db.ts';

/**
 * Which association's confidants a support request goes to, by the office of the person it is about.
 * Admins change it (Beheer → Routering hulpvragen): for Statenleden and gedeputeerden it is not known for
 * certain which association receives them (the IPO represents the provinces as employers), so it is a
 * setting rather than code. A change applies to new requests only: a case keeps the association stored
 * with it when it was made.
 */

/**
 * What Weerbaar ships with, and where an office without a row in the table goes (the migration seeds
 * these rows). Issue #5 sent Statenleden and gedeputeerden to the IPO's confidants.
 */
export const DEFAULT_ASSOCIATION_ROUTING: AssociationRouting = {
  burgemeester: 'ngb',
  wethouder: 'wethoudersvereniging',
  raadslid: 'nvvr',
  statenlid: 'ipo',
  gedeputeerde: 'ipo',
  commissaris_van_de_koning: 'bzk',
  waterschapsbestuurder: 'bzk',
};

/** A person without a (known) office: the ministry's confidants. */
const WITHOUT_OFFICE: Association = 'bzk';

/** The routing as it stands: the table's rows over the defaults (a row that no longer parses is ignored). */
export async function currentAssociationRouting(db: DbOrTx): Promise<AssociationRouting> {
  const rows = await db.select().from(supportAssociationRouting);
  const routing = { ...DEFAULT_ASSOCIATION_ROUTING };
  for (const row of rows) {
    const office = officeSchema.safeParse(row.office);
    const association = associationSchema.safeParse(row.association);
    if (office.success && association.success) routing[office.data] = association.data;
  }
  return routing;
}

/** Where a new request goes, read in the transaction that creates it. */
export async function routeToAssociation(tx: Tx, office: string | null | undefined): Promise<Association> {
  const known = officeSchema.safeParse(office);
  if (!known.success) return WITHOUT_OFFICE;
  const [row] = await tx
    .select({ association: supportAssociationRouting.association })
    .from(supportAssociationRouting)
    .where(eq(supportAssociationRouting.office, known.data));
  const stored = associationSchema.safeParse(row?.association);
  return stored.success ? stored.data : DEFAULT_ASSOCIATION_ROUTING[known.data];
}

export async function associationRoutingView(db: DbOrTx): Promise<AssociationRoutingResponse> {
  return { routing: await currentAssociationRouting(db), defaults: DEFAULT_ASSOCIATION_ROUTING };
}

/**
 * An admin sets the routing of every office. Each office whose association changes gets its own audit
 * entry (from, to); saving what stands changes nothing and records nothing.
 */
export function saveAssociationRouting(uow: UnitOfWork, ctx: ServiceContext, routing: AssociationRouting) {
  return uow.run(ctx, async (w) => {
    // One admin's save at a time: the "from" of each audit entry is what the save replaced.
    await w.tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended('support-association-routing', 0))`);
    const before = await currentAssociationRouting(w.tx);
    const changed = OFFICES.filter((office: Office) => before[office] !== routing[office]);
    for (const office of changed) {
      await w.tx
        .insert(supportAssociationRouting)
        .values({ office, association: routing[office], updatedAt: w.now })
        .onConflictDoUpdate({
          target: supportAssociationRouting.office,
          set: { association: routing[office], updatedAt: w.now },
        });
      await recordAudit(w.tx, w, {
        action: 'support.association_routing_changed',
        recordType: 'support_association_routing',
        details: { office, from: before[office], to: routing[office] },
      });
    }
    return { changed: changed.length };
  });
}
