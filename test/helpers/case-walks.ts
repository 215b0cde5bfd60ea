import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { CaseTypeDefinition } from '../../src/server/modules/cases/registry.ts';
import { sipaCases } from '../../src/server/modules/sipa/db.ts';
import { woningscanCases } from '../../src/server/modules/woningscan/db.ts';
import type { Role } from '../../src/shared/roles.ts';
import { dutchDay } from '../../src/shared/woningscan-schemes.ts';
import { createActor, type TestActor } from './actors.ts';
import { call, sipaDetails, submitSipa, submitSupport } from './cases.ts';
import type { TestApp } from './test-app.ts';
import { woningscanRequest } from './woningscan.ts';

/**
 * The walk kits of the case state machine's property test (test/integration/case-state-machine.test.ts):
 * per registered case type, how a walk opens a case, the type's own API calls, which calls are plausible
 * and what the type's own bookkeeping must say in each status. The test runs over the registry; a type
 * without a kit here fails it, so every new type brings one.
 */

export type People = Record<string, TestActor>;
/** One API call of a walk: method, URL and body, decided when the call is made (it may read the case). */
export type WalkAction = (t: TestApp, caseId: string, people: People) => Promise<[string, string, unknown?]>;
type Moves = [actor: string, action: string][];

export interface WalkKit {
  /** Opens a case of the type for a walk; `requester` when the walk needs a requester of its own. */
  submit(t: TestApp, people: People): Promise<{ caseId: string; requester?: TestActor }>;
  /** The staff member an `assignee` command falls back to when nobody is assigned. */
  defaultStaff: string;
  /** The type's own calls (the core's — take, close, status, … — come from the definition). */
  actions: Record<string, WalkAction>;
  /** Sequences most walks start with, to get past the queue and into the type's own work. */
  openings: Moves[];
  /** Calls someone might plausibly make; the rest of a walk's commands are anything. */
  plausible: Moves;
  /** The type's own bookkeeping that must follow the status, checked after every call. */
  check?(t: TestApp, caseId: string, status: string): Promise<void>;
}

/** The staff every walk may use (each kit uses its type's), made once per test app. */
export const WALK_STAFF: Record<string, { roles: Role[]; association?: 'ngb' }> = {
  confidant: { roles: ['confidant'], association: 'ngb' },
  confidant2: { roles: ['confidant'], association: 'ngb' },
  coordinator: { roles: ['ot_coordinator'] },
  advisor: { roles: ['sipa_advisor'] },
  advisor2: { roles: ['sipa_advisor'] },
  ccv: { roles: ['ccv_advisor'] },
  ccv2: { roles: ['ccv_advisor'] },
};

const fixed =
  (method: string, path: (id: string) => string, body?: unknown): WalkAction =>
  async (_t, id) => [method, path(id), body];

/** The core's calls, for any type: from its definition (every outcome; a status move to every status). */
export function coreActions(
  allStatuses: readonly string[],
  definition: CaseTypeDefinition,
): Record<string, WalkAction> {
  return {
    take: fixed('POST', (id) => `/api/cases/${id}/take`, {}),
    release: fixed('POST', (id) => `/api/cases/${id}/release`, {}),
    assign: async (_t, id, people) => [
      'POST',
      `/api/cases/${id}/assign`,
      { personId: (people.confidant2 ?? people.ccv2)?.personId },
    ],
    reopen: fixed('POST', (id) => `/api/cases/${id}/reopen`, { reason: 'Het speelt weer.' }),
    message: fixed('POST', (id) => `/api/cases/${id}/messages`, { body: 'Bericht' }),
    urgent: fixed('POST', (id) => `/api/cases/${id}/urgency`, { urgency: 'urgent' }),
    ...Object.fromEntries(
      definition.outcomes.map((outcome) => [
        `close:${outcome}`,
        fixed('POST', (id) => `/api/cases/${id}/close`, { outcome }),
      ]),
    ),
    ...Object.fromEntries(
      allStatuses.map((to) => [`status:${to}`, fixed('POST', (id) => `/api/cases/${id}/status`, { to })]),
    ),
  };
}

const statusMoves = (actor: string, statuses: readonly string[]): Moves =>
  statuses.map((status) => [actor, `status:${status}`]);

const supportKit: WalkKit = {
  submit: async (t, people) => submitSupport(t, people.requester as TestActor),
  defaultStaff: 'confidant',
  actions: {
    supportAdvice: fixed('PUT', (id) => `/api/cases/${id}/support/advice`, {
      advice: [
        { kind: 'woningscan', explanation: 'Vraag een woningscan aan.', linkKey: 'package.woningscan-en-zelfscan' },
      ],
    }),
  },
  openings: [[['confidant', 'take']], [['coordinator', 'take']], [['coordinator', 'assign']]],
  plausible: [
    ['confidant', 'take'],
    ['coordinator', 'assign'],
    ['assignee', 'release'],
    ['coordinator', 'release'],
    ['assignee', 'message'],
    ['requester', 'message'],
    ['assignee', 'supportAdvice'],
    ['assignee', 'close:advice_given'],
    ['coordinator', 'close:advice_given'],
    ['requester', 'close:withdrawn'],
    ['requester', 'reopen'],
    ['coordinator', 'urgent'],
    ['assignee', 'status:waiting_for_requester'],
    ['assignee', 'status:in_progress'],
  ],
};

/** The intake was held just now: a time taken when the call is made (between the request and now). */
const sipaIntake =
  (agreement: string, message: string): WalkAction =>
  async (_t, id) => ['POST', `/api/cases/${id}/sipa/intake`, { heldAt: new Date().toISOString(), agreement, message }];

const sipaKit: WalkKit = {
  submit: async (t, people) => submitSipa(t, people.requester as TestActor),
  defaultStaff: 'advisor',
  actions: {
    sipaAdvice: fixed('PUT', (id) => `/api/cases/${id}/sipa/advice`, {
      advice: {
        preliminaryInquiry: 'a',
        assignment: 'b',
        researchQuestions: ['c'],
        investigatorChoice: 'd',
        safeguards: 'e',
        privacy: 'f',
        communication: 'g',
      },
    }),
    sipaIntake: sipaIntake('share_details', ''),
    sipaGuidance: sipaIntake('guidance_only', 'Zo doet u het.'),
    sipaDetails: async (_t, id) => ['PUT', `/api/cases/${id}/sipa/details`, sipaDetails()],
    noConflict: fixed('POST', (id) => `/api/cases/${id}/sipa/conflict-check`, { decision: 'no_conflict' }),
    conflict: fixed('POST', (id) => `/api/cases/${id}/sipa/conflict-check`, { decision: 'conflict' }),
  },
  openings: [
    [['advisor', 'take']],
    [['advisor2', 'take']],
    [
      ['advisor', 'take'],
      ['assignee', 'sipaIntake'],
      ['requester', 'sipaDetails'],
    ],
    [
      ['advisor', 'take'],
      ['assignee', 'sipaIntake'],
      ['requester', 'sipaDetails'],
      ['assignee', 'noConflict'],
    ],
    [
      ['advisor2', 'take'],
      ['assignee', 'sipaGuidance'],
    ],
  ],
  plausible: [
    ['advisor', 'take'],
    ['advisor2', 'take'],
    ['assignee', 'sipaIntake'],
    ['assignee', 'sipaIntake'],
    ['assignee', 'sipaGuidance'],
    ['requester', 'sipaDetails'],
    ['requester', 'sipaDetails'],
    ['assignee', 'noConflict'],
    ['assignee', 'noConflict'],
    ['assignee', 'conflict'],
    ['assignee', 'message'],
    ['requester', 'message'],
    ['assignee', 'sipaAdvice'],
    ['assignee', 'close:advice_given'],
    ['assignee', 'release'],
    ['requester', 'close:withdrawn'],
    ['requester', 'reopen'],
    ['assignee', 'status:waiting_for_requester'],
    ['assignee', 'status:in_progress'],
  ],
  check: async (t, caseId, status) => {
    const [sipa] = await t.app.db.select().from(sipaCases).where(eq(sipaCases.caseId, caseId));
    expect(sipa?.conflictCheck === 'pending', 'a pending conflict check exactly in conflict_check').toBe(
      status === 'conflict_check',
    );
  },
};

const HOUR = 60 * 60 * 1000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
/** Today in the Netherlands, where the woningscan's days are counted. */
const today = () => dutchDay(new Date());

/** The first open proposed time of a case, as its requester sees it (a made-up id when there is none). */
async function openSlot(t: TestApp, caseId: string, people: People): Promise<string> {
  const response = await call(t, people.requester ?? null, 'GET', `/api/cases/${caseId}`);
  const slots: { id: string; state: string }[] = response.statusCode === 200 ? response.json().typeDetail.slots : [];
  return slots.find((slot) => slot.state === 'open')?.id ?? '00000000-0000-4000-8000-000000000000';
}

const woningscanKit: WalkKit = {
  // One open request per person, and a few a day: each walk's requester is a bestuurder of its own.
  submit: async (t) => {
    const requester = await createActor(t, ['officeholder'], { office: 'wethouder' });
    const response = await call(t, requester, 'POST', '/api/woningscan/requests', woningscanRequest(today()));
    if (response.statusCode !== 201)
      throw new Error(`woningscan request failed: ${response.statusCode} ${response.body}`);
    return { caseId: response.json().caseId, requester };
  },
  defaultStaff: 'ccv',
  actions: {
    // Times taken when the call is made, so they lie ahead however long the walks run.
    propose: async (_t, id) => [
      'POST',
      `/api/cases/${id}/woningscan/slots`,
      {
        slots: [
          { startsAt: inHours(48), endsAt: inHours(49.5) },
          { startsAt: inHours(72), endsAt: inHours(73.5) },
        ],
      },
    ],
    pick: async (t, id, people) => ['POST', `/api/cases/${id}/woningscan/slots/${await openSlot(t, id, people)}/pick`],
    decline: fixed('POST', (id) => `/api/cases/${id}/woningscan/slots/decline`),
    move: async (_t, id) => [
      'PUT',
      `/api/cases/${id}/woningscan/appointment`,
      { startsAt: inHours(96), endsAt: inHours(97) },
    ],
    rescheduleRequest: fixed('POST', (id) => `/api/cases/${id}/woningscan/appointment/reschedule-request`),
    cancel: fixed('POST', (id) => `/api/cases/${id}/woningscan/appointment/cancel`),
    visit: async (_t, id) => ['POST', `/api/cases/${id}/woningscan/visit`, { visitedOn: today() }],
    advice: fixed('PUT', (id) => `/api/cases/${id}/woningscan/advice`, {
      advice: { home: 'Brievenbus verplaatsen.', work: '', digital: '', travel: '' },
      measures: [{ domain: 'home', description: 'Buitenbrievenbus' }],
    }),
  },
  openings: [
    [['ccv', 'take']],
    [
      ['ccv', 'take'],
      ['assignee', 'propose'],
    ],
    [
      ['ccv2', 'take'],
      ['assignee', 'propose'],
      ['requester', 'pick'],
    ],
    [
      ['ccv', 'take'],
      ['assignee', 'propose'],
      ['requester', 'pick'],
      ['assignee', 'visit'],
    ],
  ],
  plausible: [
    ['ccv', 'take'],
    ['ccv2', 'take'],
    ['assignee', 'propose'],
    ['assignee', 'propose'],
    ['requester', 'pick'],
    ['requester', 'pick'],
    ['requester', 'decline'],
    ['assignee', 'move'],
    ['requester', 'rescheduleRequest'],
    ['requester', 'cancel'],
    ['assignee', 'cancel'],
    ['assignee', 'visit'],
    ['assignee', 'visit'],
    ['assignee', 'advice'],
    ['assignee', 'advice'],
    ['assignee', 'message'],
    ['requester', 'message'],
    ['assignee', 'release'],
    ['assignee', 'close:measures_in_place'],
    ['assignee', 'close:no_visit'],
    ['requester', 'close:withdrawn'],
    ['requester', 'reopen'],
    ...statusMoves('assignee', ['accepted', 'scheduled', 'visited']),
  ],
  check: async (t, caseId, status) => {
    const [row] = await t.app.db.select().from(woningscanCases).where(eq(woningscanCases.caseId, caseId));
    if (!row) throw new Error('woningscan row vanished');
    if (status === 'closed') {
      expect(row.addressEnvelope, 'no address stays behind a closed case').toBeNull();
      expect(row.appointmentState, 'no appointment stands for a closed case').not.toBe('booked');
    }
    if (status === 'scheduled') expect(row.appointmentState, 'scheduled means booked').toBe('booked');
    if (status === 'requested' || status === 'accepted') {
      expect(row.appointmentState, `no booking while ${status}`).not.toBe('booked');
    }
    if (['visited', 'advised', 'closed'].includes(status)) {
      expect(row.addressEnvelope, `the address is gone once ${status}`).toBeNull();
    }
  },
};

/** The kits by case type. */
export const WALK_KITS: Readonly<Record<string, WalkKit>> = {
  support: supportKit,
  sipa: sipaKit,
  woningscan: woningscanKit,
};
