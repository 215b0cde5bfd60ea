import { eq, inArray, sql } from 'drizzle-orm';
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db, DbOrTx } from '../../../src/server/db/index.ts';
import { contextOf } from '../../../src/server/lib/context.ts';
import { notFound } from '../../../src/server/lib/errors.ts';
import {
  type CaseTypeDefinition,
  type CaseTypeHandle,
  caseTypeKey,
  hasTransition,
} from '../../../src/server/modules/cases/facade.ts';
import { caseActionResponseSchema, caseIdParamsSchema } from '../../../src/shared/cases.ts';
import { sensitive } from '../../../src/shared/sensitive.ts';

/**
 * A third case type that lives entirely in this test folder, to prove the case core is a seam: a
 * "home visit" an officeholder asks for, which a CCV advisor takes, plans and closes. Everything
 * type-specific is here: its statuses and transitions, its staff role, its own action (`plan_visit`)
 * with its route, its own table keyed by case_id, its audit record type, its presenter, its hook on
 * erasure, and its module that registers it all (passed to buildApp as `caseTypes`).
 *
 * A real type adds its table to its module's db.ts and a migration; this one creates it in the test
 * (createVisitTable), since a test may not add migrations.
 */

export const VISIT_TYPE = 'test_visit';

// ---------------------------------------------------------------------------------------------------
// Its own table
// ---------------------------------------------------------------------------------------------------

export const visitCases = pgTable('test_visit_cases', {
  caseId: caseTypeKey(),
  topic: text('topic').notNull(),
  plannedFor: timestamp('planned_for', { withTimezone: true }),
});

type VisitData = { topic: string; plannedFor: Date | null };

export async function createVisitTable(db: Db): Promise<void> {
  await db.execute(sql`
    CREATE TABLE IF NOT EXISTS test_visit_cases (
      case_id uuid PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
      topic text NOT NULL,
      planned_for timestamp with time zone
    )`);
}

async function loadVisits(db: DbOrTx, caseIds: readonly string[]): Promise<Map<string, VisitData>> {
  const rows = await db
    .select()
    .from(visitCases)
    .where(inArray(visitCases.caseId, [...caseIds]));
  return new Map(rows.map(({ caseId, ...data }) => [caseId, data]));
}

// ---------------------------------------------------------------------------------------------------
// Its API shapes (a real type keeps these in src/shared/<type>.ts)
// ---------------------------------------------------------------------------------------------------

export const VISIT_TOPICS = ['home', 'office'] as const;

export const visitRequestSchema = z.strictObject({
  topic: z.enum(VISIT_TOPICS),
  question: sensitive(z.string().trim().min(1).max(2_000)),
});

export const visitTypeDetailSchema = z.object({
  intake: sensitive(z.object({ question: z.string() }).nullable()),
  topic: z.enum(VISIT_TOPICS),
  plannedFor: z.iso.datetime().nullable(),
});

// ---------------------------------------------------------------------------------------------------
// Its definition
// ---------------------------------------------------------------------------------------------------

const OPEN = ['accepted', 'planned', 'waiting'];

export const visitCaseType: CaseTypeDefinition<VisitData> = {
  type: VISIT_TYPE,
  recordType: 'test_visit_case',
  auditActions: { personConcernedRead: 'test_visit.person_concerned_read' },
  // Defined outside src/shared, the type brings the texts of its own audit actions.
  auditTexts: {
    'test_visit.person_concerned_read': { nl: 'las wie er thuis woont', en: 'read who lives in the house' },
    'test_visit.planned': { nl: 'plande het bezoek', en: 'planned the visit' },
  },
  statuses: ['requested', 'accepted', 'planned', 'waiting', 'done'],
  initialStatus: 'requested',
  pausedStatus: 'waiting',
  closedStatus: 'done',
  transitions: [
    { from: ['requested'], to: 'accepted', via: 'take', by: ['eligible_staff'] },
    { from: OPEN, to: 'requested', via: 'release', by: ['assigned'] },
    { from: ['accepted', 'planned'], to: 'waiting', via: 'status', by: ['assigned'] },
    { from: ['waiting'], to: 'accepted', via: 'requester_message', by: ['system'] },
    { from: ['accepted', 'waiting'], to: 'planned', via: 'plan', by: ['assigned'] },
    { from: OPEN, to: 'done', via: 'close', by: ['assigned'] },
    { from: ['requested', ...OPEN], to: 'done', via: 'close', by: ['owner'] },
    { from: ['done'], to: 'accepted', via: 'reopen', by: ['owner'] },
    { from: ['done'], to: 'requested', via: 'reopen', by: ['owner'] },
  ],
  outcomes: ['visited', 'withdrawn'],
  requesterOutcome: 'withdrawn',
  coordinatorRoles: [],
  assignableRoles: ['ccv_advisor'],
  mayTake: (staff) => staff.roles.includes('ccv_advisor'),
  mayTakeWhere: (staff) => staff.roles.includes('ccv_advisor'),
  grantableRoles: [],
  grantScopes: [],
  actions: {
    plan_visit: { relations: ['assigned'], when: (state) => hasTransition(state.definition, state.row.status, 'plan') },
  },
  personConcernedRelations: ['owner', 'assigned'],
  attachments: { allowedIn: OPEN, evidence: false },
  nextStep: {
    requested: 'wait_for_advisor',
    accepted: 'advisor_will_plan',
    planned: 'visit_planned',
    waiting: 'your_answer_needed',
    done: 'closed',
  },
  settings: {
    firstResponse: { urgent: { amount: 120, unit: 'minutes' }, normal: { amount: 2, unit: 'working_days' } },
    reminderLeadMs: { urgent: 30 * 60_000, normal: 4 * 60 * 60_000 },
    reopenDays: 14,
    retentionDays: 90,
    attachmentsMaxTotalBytes: 10 * 1024 * 1024,
  },
  tombstoneKeeps: [],
  data: { load: loadVisits },
  hooks: {
    onErase: async ({ tx, state }) => void (await tx.delete(visitCases).where(eq(visitCases.caseId, state.row.id))),
  },
  present: ({ state, intake }) =>
    visitTypeDetailSchema.parse({
      intake: intake ? { question: (intake as { question: string }).question } : null,
      topic: state.data.topic,
      plannedFor: state.data.plannedFor?.toISOString() ?? null,
    }),
  queueSummary: ({ data }) => ({ topic: data.topic }),
};

// ---------------------------------------------------------------------------------------------------
// Its services and routes, through the façade only
// ---------------------------------------------------------------------------------------------------

type Visits = CaseTypeHandle<VisitData>;

const visitRoutes: FastifyPluginAsyncZod<{ visits: Visits }> = async (app, { visits }) => {
  app.post(
    '/api/test-visits/requests',
    {
      config: { access: { roles: ['officeholder'] } },
      schema: {
        body: visitRequestSchema,
        response: { 201: z.object({ caseId: z.uuid(), reference: z.string() }) },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      if (!ctx.actor) throw notFound();
      const created = await visits.create(
        ctx,
        {
          requesterId: ctx.actor.personId,
          urgency: 'normal',
          officeType: null,
          region: null,
          intake: { question: request.body.question },
        },
        async (tx, caseId) => void (await tx.insert(visitCases).values({ caseId, topic: request.body.topic })),
      );
      return reply.status(201).send({ caseId: created.id, reference: created.reference });
    },
  );

  app.put(
    '/api/cases/:caseId/test-visit/plan',
    {
      config: { access: { roles: visitCaseType.assignableRoles } },
      schema: {
        params: caseIdParamsSchema,
        body: z.strictObject({ plannedFor: z.iso.datetime() }),
        response: { 200: caseActionResponseSchema },
      },
    },
    async (request) =>
      visits.withCase(contextOf(request), request.params.caseId, 'plan_visit', async (c) => {
        await c.tx
          .update(visitCases)
          .set({ plannedFor: new Date(request.body.plannedFor) })
          .where(eq(visitCases.caseId, c.caseId));
        await c.recordFirstResponse();
        await c.transition({ to: 'planned', via: 'plan', event: { kind: 'visit_planned', visibility: 'requester' } });
        await c.audit('test_visit.planned');
        await c.notifyRequester('case_update');
        return c.result();
      }),
  );
};

/** The case-type module, as buildApp takes it (`caseTypes: [visitCaseTypeModule]`). */
export async function visitCaseTypeModule(app: FastifyInstance): Promise<void> {
  const visits = app.cases.registerType(visitCaseType);
  await app.register(visitRoutes, { visits });
}

/** The routes this module adds, with who may call them (for the access table). */
export const VISIT_ROUTES = {
  'POST /api/test-visits/requests': { roles: ['officeholder'] },
  'PUT /api/cases/:caseId/test-visit/plan': { roles: ['ccv_advisor'] },
} as const;
