import { type HandoverDetail, type HandoverRegisterBody, OFFICE_REGION_KIND } from '../../../shared/handover.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest } from '../../lib/errors.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { emailTaken } from '../people/admin-service.ts';
import { issueInvitation } from '../people/invitations.ts';
import {
  findPersonByEmail,
  insertInvitedPerson,
  isUniqueViolation,
  normaliseEmail,
  type PersonRow,
} from '../people/repository.ts';
import { handovers } from './db.ts';
import type { HandoverDeps } from './deps.ts';
import type { Appointment } from './import-check.ts';
import { viewHandoverIn } from './read-service.ts';
import { actorIdOf, addEvent } from './records.ts';
import type { RegionIndex } from './regions.ts';

/**
 * Registering an appointment makes the person through the people module (invited, role officeholder,
 * the registered name, office and region), their invitation (mailed only on request, after the commit)
 * and the handover record, with `person.invited`, `invitation.issued` and `handover.registered` in the
 * audit trail — all in one unit of work.
 */

export interface RegisterInput extends Appointment {
  source: 'form' | 'import';
  sendInvitationMail: boolean;
}

/** The admin's form: the region checked against the reference list, then registered and shown. */
export async function registerFromForm(
  deps: HandoverDeps,
  ctx: ServiceContext,
  regions: RegionIndex,
  body: HandoverRegisterBody,
): Promise<HandoverDetail> {
  const regionKind = OFFICE_REGION_KIND[body.office];
  const region = regions.match(regionKind, body.region);
  if (!region.ok) {
    throw badRequest(region.problem, `Not a ${regionKind} in the reference list.`, [
      { field: 'body/region', code: region.problem, message: `Not a ${regionKind} in the reference list.` },
    ]);
  }
  return deps.uow.run(ctx, async (w) => {
    const { handoverId } = await registerHandover(w, deps, {
      name: body.name,
      office: body.office,
      regionKind,
      region: region.name,
      installationDate: body.installationDate,
      email: normaliseEmail(body.email),
      source: 'form',
      sendInvitationMail: body.sendInvitationMail ?? false,
    });
    return viewHandoverIn(w, handoverId);
  });
}

/** One appointment: the person, their invitation, the handover record; all audited, in the caller's unit. */
export async function registerHandover(
  w: Work,
  deps: Pick<HandoverDeps, 'config' | 'keyring'>,
  input: RegisterInput,
): Promise<{ handoverId: string; personId: string }> {
  if (await findPersonByEmail(w.tx, input.email)) throw emailTaken();
  let person: PersonRow;
  try {
    person = await insertInvitedPerson(
      w.tx,
      {
        email: input.email,
        roles: ['officeholder'],
        displayName: input.name,
        office: input.office,
        region: input.region,
      },
      actorIdOf(w),
    );
  } catch (error) {
    // Two admins registering the same address at once: the unique index decides, the loser gets a 409.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  await recordAudit(w.tx, w, {
    action: 'person.invited',
    subjectPersonId: person.id,
    recordType: 'person',
    recordId: person.id,
    details: { roles: 'officeholder', via: 'handover' },
  });
  await issueInvitation(w, deps, { person, sendMail: input.sendInvitationMail });
  const [row] = await w.tx
    .insert(handovers)
    .values({
      personId: person.id,
      registeredName: input.name,
      office: input.office,
      regionKind: input.regionKind,
      region: input.region,
      installationDate: input.installationDate,
      source: input.source,
      createdBy: actorIdOf(w),
    })
    .returning({ id: handovers.id });
  if (!row) throw new Error('handover insert returned nothing');
  await addEvent(w, row.id, 'registered', { source: input.source, mailed: input.sendInvitationMail });
  await recordAudit(w.tx, w, {
    action: 'handover.registered',
    subjectPersonId: person.id,
    recordType: 'handover',
    recordId: row.id,
    details: { source: input.source, office: input.office, mailed: input.sendInvitationMail },
  });
  return { handoverId: row.id, personId: person.id };
}
