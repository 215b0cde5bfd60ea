import { z } from 'zod';
import { caseKeySchema, caseReferenceSchema, caseTypeSchema, urgencySchema } from './case-keys.ts';

/** The staff queue (part of the case core's API, src/shared/cases.ts, which re-exports this). */

const isoDateTime = z.iso.datetime();

// ---------------------------------------------------------------------------------------------------
// Staff queue: GET /api/cases/queue
// ---------------------------------------------------------------------------------------------------

export const QUEUE_VIEWS = ['unassigned', 'mine', 'due_soon', 'late', 'shared', 'closed'] as const;
/** How far a list pages: beyond this offset a reader narrows the list (a filter) rather than paging on. */
export const QUEUE_MAX_OFFSET = 10_000;
export const QUEUE_MAX_LIMIT = 200;
export const queueQuerySchema = z.object({
  type: caseTypeSchema,
  view: z.enum(QUEUE_VIEWS).default('unassigned'),
  urgency: urgencySchema.optional(),
  status: caseKeySchema.optional(),
  sort: z.enum(['due', 'created', 'updated']).default('due'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(QUEUE_MAX_LIMIT).default(50),
  offset: z.coerce.number().int().min(0).max(QUEUE_MAX_OFFSET).default(0),
});
export type QueueQuery = z.infer<typeof queueQuerySchema>;

/** A queue row: no case content at all (no intake, no names of people concerned). */
export const queueItemSchema = z.object({
  id: z.uuid(),
  reference: caseReferenceSchema,
  type: caseTypeSchema,
  status: caseKeySchema,
  urgency: urgencySchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  firstResponseDueAt: isoDateTime.nullable(),
  firstResponseAt: isoDateTime.nullable(),
  paused: z.boolean(),
  dueSoon: z.boolean(),
  late: z.boolean(),
  officeType: z.string().nullable(),
  region: z.string().nullable(),
  /**
   * Plain routing facts the type shows in its queue (never content), e.g. support's association and
   * whether a colleague raised the concern.
   */
  typeSummary: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  assignees: z.array(z.object({ personId: z.uuid(), displayName: z.string().nullable() })),
  assignedToMe: z.boolean(),
  /**
   * Whether the reader may open the case now (assigned, coordinator, or let in by the requester). An
   * unassigned case that the reader may take opens only once taken: the queue then offers no link.
   */
  mayOpen: z.boolean(),
  unread: z.number().int().min(0),
});
export const queueResponseSchema = z.object({
  items: z.array(queueItemSchema),
  counts: z.object({
    unassigned: z.number().int(),
    mine: z.number().int(),
    dueSoon: z.number().int(),
    late: z.number().int(),
    shared: z.number().int(),
  }),
  total: z.number().int(),
  /**
   * True when counting stopped at the cap, so the list holds at least `total`: the closed cases (a whole
   * history) are counted only as far as paging reaches, so a refresh costs the same at a million cases as
   * at ten thousand.
   */
  totalCapped: z.boolean(),
});
export type QueueItem = z.infer<typeof queueItemSchema>;
