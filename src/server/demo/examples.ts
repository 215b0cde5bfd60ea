import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { handedOverBodySchema, OFFICE_REGION_KIND } from '../../shared/handover.ts';
import { sipaRequestSchema } from '../../shared/sipa.ts';
import { supportRequestSchema } from '../../shared/support.ts';
import { DJI_TRAINING_DEFAULTS } from '../../shared/training.ts';
import { SHIPPED_QUESTIONNAIRE } from '../../shared/zelfscan/shipped.ts';
import type { UpdateActionBody } from '../../shared/zelfscan-api.ts';
import type { Actor } from '../lib/actor.ts';
import { type ServiceContext, systemContext } from '../lib/context.ts';
import type { Work } from '../lib/unit-of-work.ts';
import { assignCase } from '../modules/cases/assignment.ts';
import { postMessage } from '../modules/cases/conversation.ts';
import { cases } from '../modules/cases/db.ts';
import { changeStatus } from '../modules/cases/lifecycle.ts';
import type { HandoverDeps } from '../modules/handover/deps.ts';
import { recordHandedOverIn } from '../modules/handover/handed-over.ts';
import { registerHandover } from '../modules/handover/register.ts';
import { invitations } from '../modules/people/db.ts';
import { consumeInvitation, pendingInvitationIds } from '../modules/people/invitations.ts';
import { findPersonById } from '../modules/people/repository.ts';
import { submitSipaRequest } from '../modules/sipa/service.ts';
import { sipaCaseType } from '../modules/sipa/type.ts';
import { submitSupportRequest } from '../modules/support/service.ts';
import { supportCaseType } from '../modules/support/type.ts';
import { trainingOfferings } from '../modules/training/db.ts';
import { enrol } from '../modules/training/enrolment.ts';
import { createOffering } from '../modules/training/offerings.ts';
import { createSession } from '../modules/training/sessions.ts';
import { zelfscanResults } from '../modules/zelfscan/db.ts';
import { zelfscanResultProvider } from '../modules/zelfscan/index.ts';
import { saveResultIn, updateActionIn, type ZelfscanContent } from '../modules/zelfscan/service.ts';
import { seedAftercarePlan } from './aftercare-example.ts';
import { seedIncident } from './incident-example.ts';
import type { DemoAccount, SeededAccount } from './seed.ts';
import { seedWoningscanRequest } from './woningscan-example.ts';

/**
 * A few plain example records, so whoever signs in to the demo sees something real. Everything goes
 * through the modules' own services, acting as the demo person a real run would record (the requester
 * asks, the coordinator assigns, the confidant writes their own message), so it is validated against the
 * route schemas, encrypted, audited, notified and gets its service-target checks like any other record.
 *
 * - Sanne de Vries (wethouder): a saved zelfscan result, one tip done and one planned; a support request
 *   that shares that result, assigned by the OT coordinator to Ahmed El Idrissi (Wethoudersvereniging),
 *   in progress, with one message from him and one from her.
 * - On that support request, an aftercare plan Ahmed opened with her consent, her partner included
 *   (aftercare-example.ts).
 * - Sanne de Vries also has an incident: a threatening e-mail kept as evidence, with a screenshot and a
 *   follow-up (incident-example.ts).
 * - Jan Bosman (burgemeester): made through the package handover (registered by the demo admin, handed
 *   over, invitation accepted: registerDemoAppointment, called by seedDemoAccounts), and an advice request
 *   waiting unassigned in SIPA's queue for its phone intake (no signal or person yet: that comes after
 *   the call, in SIPA's process).
 * - Sanne de Vries also asked for a veiligheidsgesprek with woningscan, waiting in the CCV adviser's queue
 *   (woningscan-example.ts).
 * - The training "Omgaan met intimidatie en bedreiging", added by training coordinator Ruud de Boer, with
 *   a session in Utrecht five weeks ahead (12 seats) in which Sanne de Vries and Jan Bosman have a seat.
 *
 * Each example is added once: only while its owner has none of that kind (no saved result, no support
 * case, no SIPA case, no training offering). What demo users did with them later (closed, withdrawn, released) stays as it is.
 * The texts are made up; the names are the demo's own.
 */

const DAY_MS = 86_400_000;

/** A calendar date (YYYY-MM-DD) in the Netherlands, `days` from today. */
export function dutchDate(days: number, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(now.getTime() + days * DAY_MS));
}

/** A wethouder who locked up well and keeps her devices safe, but whose name is on the door. */
export const DEMO_ZELFSCAN_ANSWERS: Readonly<Record<string, string>> = {
  'home-nameplate': 'yes',
  'home-locks': 'certified',
  'home-letterbox': 'protected',
  'home-door-view': 'viewer',
  'home-lighting': 'partly',
  'home-alarm': 'local',
  'family-plan': 'partly',
  'family-doorstep': 'no',
  'family-social-media': 'sometimes',
  'family-school': 'yes',
  'digital-findable': 'no',
  'digital-social-privacy': 'yes',
  'digital-devices': 'yes',
  'digital-smart-devices': 'secured',
  'digital-threats': 'yes',
  'road-routine': 'fixed',
  'road-car-locks': 'yes',
  'road-suspicious': 'yes',
};

/** Her action plan so far: the name is off the door, the plan at home is set for two weeks from now. */
const DEMO_ZELFSCAN_ACTIONS: readonly { tipId: string; body: () => UpdateActionBody }[] = [
  { tipId: 'home-nameplate', body: () => ({ done: true }) },
  { tipId: 'family-plan', body: () => ({ plannedFor: dutchDate(14) }) },
];

const SUPPORT_REQUEST = {
  concernFor: 'self',
  situation: ['online_harassment', 'intimidation'],
  since: 'this_month',
  acuteDanger: false,
  affected: ['me', 'partner'],
  contact: { channel: 'in_app', when: 'office_hours' },
  body:
    'Sinds het raadsdebat over het nieuwe fietspad krijg ik op sociale media steeds vaker boze berichten, ' +
    'een paar keer met de naam van mijn straat erbij. Er is verder niets gebeurd, maar mijn partner en ik ' +
    'voelen ons er niet prettig bij. Ik wil graag overleggen wat verstandig is.',
} as const;

const CONFIDANT_MESSAGE =
  'Goedemiddag Sanne, ik ben Ahmed, vertrouwenspersoon van de Wethoudersvereniging. Dank voor uw bericht ' +
  'en fijn dat u de zelfscan meestuurt. Wilt u de berichten bewaren, met een schermafbeelding waarop datum ' +
  'en tijd te zien zijn? Zullen we deze week bellen? Dan bespreken we wat u met de berichten kunt doen en ' +
  'wat u thuis samen kunt afspreken.';

const REQUESTER_MESSAGE = 'Dank u, Ahmed. De schermafbeeldingen heb ik gemaakt. Donderdagochtend kan ik goed bellen.';

/** What SIPA's process asks first: who asks, the topic, a number and times to call (nothing confidential). */
const SIPA_REQUEST = {
  capacity: 'burgemeester',
  organisation: 'Gemeente Waadhoeke',
  topic: 'conflict_of_interest',
  // A number of the 06 12 34 56 xx range, which the telecom regulator keeps for examples.
  phone: '06 12 34 56 78',
  callTimes: ['morning', 'afternoon'],
  urgent: false,
} as const;

/**
 * A new office holder as an admin registers one (handover module: person invited, invitation, handover
 * record), the package handed over on the day of installation, and the invitation accepted by the office
 * holder (the demo has no token to follow a link with, so it takes the pending invitation; the demo
 * signs in by link, so no sign-in method is set up). All in the caller's unit of work, each step acting
 * as the person a real run would record; audited throughout.
 */
export async function registerDemoAppointment(
  w: Work,
  deps: Pick<HandoverDeps, 'config' | 'keyring'>,
  account: DemoAccount,
  admin: { personId: string; displayName: string },
): Promise<string> {
  if (!account.handover || !account.office || !account.region) {
    throw new Error(`Demo account ${account.key} needs handover, office and region.`);
  }
  const asAdmin = actingAs(w, { personId: admin.personId, roles: ['admin'] });
  const installationDate = dutchDate(-account.handover.installedDaysAgo);
  const { handoverId, personId } = await registerHandover(asAdmin, deps, {
    name: account.displayName,
    office: account.office,
    regionKind: OFFICE_REGION_KIND[account.office],
    region: account.region,
    installationDate,
    email: account.email,
    source: 'form',
    sendInvitationMail: false,
  });
  await recordHandedOverIn(
    asAdmin,
    handoverId,
    handedOverBodySchema.parse({ date: installationDate, by: admin.displayName, method: account.handover.method }),
  );
  const person = await findPersonById(w.tx, personId);
  const [invitationId] = await pendingInvitationIds(w.tx, personId);
  const [invitation] = invitationId
    ? await w.tx.select().from(invitations).where(eq(invitations.id, invitationId))
    : [];
  if (!person || !invitation) throw new Error('The demo appointment has no pending invitation.');
  const accepted = await consumeInvitation(
    actingAs(w, { personId, roles: account.roles }),
    { id: invitation.id, kind: invitation.kind, expiresAt: invitation.expiresAt, person },
    { displayName: account.displayName },
  );
  if (!accepted) throw new Error('The demo appointment could not accept its invitation.');
  return personId;
}

/** The same unit of work, with another person acting (the demo plays several people in one change). */
function actingAs(w: Work, actor: Actor): Work {
  return { ...w, actor };
}

/** Adds the examples that are missing; returns what it added (nothing on a second run). */
export async function seedDemoExamples(app: FastifyInstance, accounts: readonly SeededAccount[]): Promise<string[]> {
  const as = (key: string): { personId: string; ctx: ServiceContext } => {
    const account = accounts.find((candidate) => candidate.key === key);
    if (!account) throw new Error(`No demo account ${key}`);
    return {
      personId: account.personId,
      ctx: systemContext({ personId: account.personId, roles: account.roles }),
    };
  };
  const examples: [string, () => Promise<boolean>][] = [
    ['zelfscan result (Sanne de Vries)', () => seedZelfscanResult(app, as('officeholder'))],
    [
      'support request (Sanne de Vries, Ahmed El Idrissi)',
      () => seedSupportRequest(app, as('officeholder'), as('ot-coordinator'), as('confidant-wethouders')),
    ],
    [
      'aftercare plan (Sanne de Vries and her partner, Ahmed El Idrissi)',
      () => seedAftercarePlan(app, as('officeholder'), as('confidant-wethouders'), as('relative')),
    ],
    ['SIPA advice request (Jan Bosman)', () => seedSipaRequest(app, as('burgemeester'))],
    ['incident with evidence (Sanne de Vries)', () => seedIncident(app, as('officeholder'))],
    ['woningscan request (Sanne de Vries)', () => seedWoningscanRequest(app, as('officeholder'))],
    [
      'training session (Ruud de Boer; Sanne de Vries, Jan Bosman)',
      () => seedTraining(app, as('training-coordinator'), [as('officeholder'), as('burgemeester')]),
    ],
  ];
  const added: string[] = [];
  for (const [name, seed] of examples) {
    // One example failing (say, the questionnaire changed) leaves the demo usable with the others.
    try {
      if (await seed()) added.push(name);
    } catch (error) {
      app.log.error({ err: error }, `demo: could not add the example ${name}`);
    }
  }
  return added;
}

type Person = { personId: string; ctx: ServiceContext };

async function seedZelfscanResult(app: FastifyInstance, owner: Person): Promise<boolean> {
  const [existing] = await app.db
    .select({ id: zelfscanResults.id })
    .from(zelfscanResults)
    .where(eq(zelfscanResults.personId, owner.personId))
    .limit(1);
  if (existing) return false;
  const content: ZelfscanContent = { keyring: app.keyring, questionnaire: SHIPPED_QUESTIONNAIRE };
  await app.unitOfWork.run(owner.ctx, async (w) => {
    const result = await saveResultIn(w, content, {
      questionnaireVersion: SHIPPED_QUESTIONNAIRE.version,
      answers: { ...DEMO_ZELFSCAN_ANSWERS },
    });
    for (const action of DEMO_ZELFSCAN_ACTIONS) {
      // A later questionnaire may not give this tip for these answers; then it is simply not in the plan.
      if (result.tips.some((tip) => tip.id === action.tipId)) {
        await updateActionIn(w, content, result.id, action.tipId, action.body());
      }
    }
  });
  return true;
}

async function hasCase(app: FastifyInstance, requesterId: string, type: 'support' | 'sipa'): Promise<boolean> {
  const [row] = await app.db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.requesterId, requesterId), eq(cases.type, type)))
    .limit(1);
  return Boolean(row);
}

async function seedSupportRequest(
  app: FastifyInstance,
  requester: Person,
  coordinator: Person,
  confidant: Person,
): Promise<boolean> {
  if (await hasCase(app, requester.personId, 'support')) return false;
  const [latest] = await app.db
    .select({ id: zelfscanResults.id })
    .from(zelfscanResults)
    .where(eq(zelfscanResults.personId, requester.personId))
    .orderBy(desc(zelfscanResults.createdAt))
    .limit(1);
  const core = app.cases;
  const request = supportRequestSchema.parse({
    ...SUPPORT_REQUEST,
    ...(latest ? { zelfscanResultId: latest.id } : {}),
  });
  const support = core.of(supportCaseType);
  const { caseId } = await submitSupportRequest(support, requester.ctx, request, zelfscanResultProvider(app));
  await assignCase(core, coordinator.ctx, caseId, confidant.personId);
  await changeStatus(core, confidant.ctx, caseId, 'in_progress');
  await postMessage(core, confidant.ctx, caseId, CONFIDANT_MESSAGE);
  await postMessage(core, requester.ctx, caseId, REQUESTER_MESSAGE);
  return true;
}

async function seedSipaRequest(app: FastifyInstance, requester: Person): Promise<boolean> {
  if (await hasCase(app, requester.personId, 'sipa')) return false;
  await submitSipaRequest(app.cases.of(sipaCaseType), requester.ctx, sipaRequestSchema.parse(SIPA_REQUEST));
  return true;
}

/** The DJI training, one session five weeks ahead, and two demo office holders with a seat in it. */
async function seedTraining(app: FastifyInstance, coordinator: Person, participants: Person[]): Promise<boolean> {
  const [existing] = await app.db.select({ id: trainingOfferings.id }).from(trainingOfferings).limit(1);
  if (existing) return false;
  const deps = app.training;
  const offering = await createOffering(deps, coordinator.ctx, {
    ...DJI_TRAINING_DEFAULTS,
    audience: [...DJI_TRAINING_DEFAULTS.audience],
  });
  const session = await createSession(deps, coordinator.ctx, {
    offeringId: offering.id,
    parts: [
      { date: dutchDate(35), start: '09:00', end: '17:00' },
      { date: dutchDate(36), start: '09:00', end: '12:30' },
    ],
    city: 'Utrecht',
    venue: 'Opleidingsinstituut DJI, zaal De Vecht (voorbeeld)',
    capacity: 12,
    enrolmentDeadline: { date: dutchDate(28), time: '17:00' },
  });
  for (const participant of participants) await enrol(deps, participant.ctx, session.id);
  return true;
}
