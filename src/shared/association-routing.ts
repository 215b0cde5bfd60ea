import { z } from 'zod';
import { associationSchema, officeSchema } from './people.ts';

/**
 * Which association's confidants receive a support request, by the office of the person it is about: a
 * setting admins keep (Beheer → Routering hulpvragen), because it is not known for certain for every office
 * (Statenleden and gedeputeerden: the IPO represents the provinces as employers). A change applies to new
 * requests only; a case keeps the association it was routed to.
 *
 * Routes (admins only; no case content)
 * - GET /api/admin/support/association-routing   the routing as it stands, and the defaults
 * - PUT /api/admin/support/association-routing   the routing for every office (audited per change)
 */

/** One association for every office (exactly the known offices: a missing or unknown one is a field error). */
export const associationRoutingSchema = z.record(officeSchema, associationSchema);
export type AssociationRouting = z.infer<typeof associationRoutingSchema>;

export const associationRoutingResponseSchema = z.object({
  routing: associationRoutingSchema,
  /** What Weerbaar ships with: an office the deployment never set routes here. */
  defaults: associationRoutingSchema,
});
export type AssociationRoutingResponse = z.infer<typeof associationRoutingResponseSchema>;

export const putAssociationRoutingSchema = z.strictObject({ routing: associationRoutingSchema });
export type PutAssociationRouting = z.infer<typeof putAssociationRoutingSchema>;
