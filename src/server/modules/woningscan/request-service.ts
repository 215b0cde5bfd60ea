import { eq } from 'drizzle-orm';
import type { FieldError } from '../../../shared/problem.ts';
import type { WoningscanIntake, WoningscanRequest } from '../../../shared/woningscan.ts';
import {
  BESTUURDER_OFFICES,
  dutchDay,
  type Eligibility,
  type EligibilityReason,
  offersVisitTo,
  schemesOn,
} from '../../../shared/woningscan-schemes.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import type { CaseTypeHandle } from '../cases/facade.ts';
import { people } from '../people/db.ts';
import type { WoningscanData } from './repository.ts';
import { insertWoningscanCase, otherOpenRequest } from './repository.ts';
import { currentSchemes } from './schemes.ts';
import { addressAad } from './type.ts';

export type WoningscanCases = CaseTypeHandle<WoningscanData>;

/** What the services need: the type's handle on the case core, and the app's clock. */
export interface WoningscanDeps {
  cases: WoningscanCases;
  now(): Date;
  publicUrl: string;
  /** The organizer address of calendar invitations (the mail sender's, MAIL_FROM). */
  organizerEmail: string;
}

const COUNCIL_MEMBERS: readonly string[] = ['raadslid', 'statenlid'];

function reasonFor(office: string | null, eligible: boolean): EligibilityReason {
  if (office === null) return 'no_office';
  if (eligible) return COUNCIL_MEMBERS.includes(office) ? 'council_member_scan' : 'bestuurder';
  return (BESTUURDER_OFFICES as readonly string[]).includes(office) ? 'no_scheme' : 'not_a_bestuurder';
}

/**
 * What the person can get, and why, on a day: the schemes of that day, which of them cover their
 * office, and — when none offers a CCV visit — what they can do instead.
 */
export async function eligibilityOf(db: DbOrTx, personId: string, now: Date): Promise<Eligibility> {
  const [me] = await db.select({ office: people.office }).from(people).where(eq(people.id, personId));
  const office = (me?.office ?? null) as Eligibility['office'];
  const on = dutchDay(now);
  const schemes = schemesOn(await currentSchemes(db), on);
  const eligible = schemes.some((scheme) => offersVisitTo(scheme.content, office));
  const reason = reasonFor(office, eligible);
  return {
    on,
    office,
    eligible,
    reason,
    schemes: schemes.map((scheme) => ({
      ...scheme,
      forYou: office !== null && scheme.content.eligibleOffices.includes(office),
    })),
    alternatives: eligible ? [] : ['zelfscan', 'support_team', 'municipality'],
    openCaseId: await otherOpenRequest(db, personId),
  };
}

export async function myEligibility(deps: WoningscanDeps, ctx: ServiceContext): Promise<Eligibility> {
  if (!ctx.actor) throw notFound();
  return eligibilityOf(deps.cases.db, ctx.actor.personId, deps.now());
}

/** Every date rule of a request: periods from today, each ending on or after its start. */
function periodErrors(request: WoningscanRequest, today: string): FieldError[] {
  const errors: FieldError[] = [];
  request.preferredPeriods.forEach((period, index) => {
    const at = `body/preferredPeriods/${index}`;
    if (period.from < today) {
      errors.push({ field: `${at}/from`, code: 'woningscan_date_in_past', message: 'Not before today.' });
    }
    if (period.to < period.from) {
      errors.push({ field: `${at}/to`, code: 'woningscan_end_before_start', message: 'Not before the start.' });
    }
  });
  return errors;
}

/**
 * An office holder asks for a veiligheidsgesprek / woningscan: only when a scheme of today offers a CCV
 * visit to their office, and only one open request at a time (the database's unique index decides a race).
 */
export async function submitWoningscanRequest(deps: WoningscanDeps, ctx: ServiceContext, request: WoningscanRequest) {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  const { cases } = deps;
  const now = deps.now();
  const errors = periodErrors(request, dutchDay(now));
  const [first] = errors;
  if (first) throw badRequest(first.code as 'woningscan_date_in_past', 'Check the preferred periods.', errors);
  const eligibility = await eligibilityOf(cases.db, actor.personId, now);
  if (!eligibility.eligible) {
    throw new AppError(403, 'woningscan_not_eligible', 'Forbidden', 'No scheme offers a CCV visit for your office.');
  }
  if (eligibility.openCaseId) throw requestOpen();
  const [me] = await cases.db
    .select({ office: people.office, region: people.region })
    .from(people)
    .where(eq(people.id, actor.personId));
  const intake: WoningscanIntake = {
    preferredPeriods: request.preferredPeriods,
    household: request.household,
    pkvwStatusAtRequest: request.pkvwStatus,
  };
  try {
    const created = await cases.create(
      ctx,
      {
        requesterId: actor.personId,
        urgency: 'normal',
        officeType: me?.office ?? null,
        region: me?.region ?? null,
        intake,
      },
      (tx, caseId, at) =>
        insertWoningscanCase(tx, {
          caseId,
          requesterId: actor.personId,
          requestedOn: dutchDay(at),
          addressEnvelope: cases.keyring.encrypt(JSON.stringify(request.address), addressAad(caseId)),
          pkvwStatus: request.pkvwStatus,
        }),
    );
    return { caseId: created.id, reference: created.reference };
  } catch (error) {
    if (isUniqueViolation(error)) throw requestOpen();
    throw error;
  }
}

const requestOpen = () => conflict('woningscan_request_open', 'You already have an open woningscan request.');

/** PostgreSQL's unique_violation (23505), as node-postgres and PGlite report it (possibly wrapped by Drizzle). */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
