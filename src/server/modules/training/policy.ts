import { TRAINING_COORDINATOR_ROLE } from '../../../shared/training.ts';
import type { Actor } from '../../lib/actor.ts';
import { unauthorized } from '../../lib/errors.ts';
import { type AccessRules, type AccessSubject, authorize } from '../../lib/policy.ts';

/**
 * Who may do what in the training module, through the one policy helper:
 * - an enrolment is its person's own (`owner`): only they see it, cancel it, get its calendar file and
 *   its certificate. Coordinators see participants only through the session (name, office,
 *   municipality), never the enrolment itself; nobody else sees anything.
 * - offerings and sessions are managed by training coordinators (`coordinator`). An admin is not a
 *   coordinator by being admin: without the role they manage nothing here. Training coordinators read
 *   no case: the case rules never name their role.
 */

type EnrolmentAction = 'read' | 'cancel' | 'calendar' | 'certificate';
type ProgrammeAction = 'manage' | 'listParticipants' | 'recordAttendance';

export const ENROLMENT_RULES: AccessRules<EnrolmentAction> = {
  read: { relations: ['owner'] },
  cancel: { relations: ['owner'] },
  calendar: { relations: ['owner'] },
  certificate: { relations: ['owner'] },
};

export const PROGRAMME_RULES: AccessRules<ProgrammeAction> = {
  manage: { relations: ['coordinator'] },
  listParticipants: { relations: ['coordinator'] },
  recordAttendance: { relations: ['coordinator'] },
};

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw unauthorized();
  return actor;
}

/** An enrolment as the policy helper sees it; null for one that does not exist. */
export function enrolmentSubject(enrolment: { personId: string } | null): AccessSubject | null {
  return enrolment ? { ownerIds: [enrolment.personId] } : null;
}

/** An offering or session: nobody owns it; coordinators manage it. Null for one that does not exist. */
export function programmeSubject(record: object | null): AccessSubject | null {
  return record ? { ownerIds: [], coordinatorRoles: [TRAINING_COORDINATOR_ROLE] } : null;
}

export function authorizeEnrolment(
  actor: Actor | null,
  action: EnrolmentAction,
  enrolment: { personId: string } | null,
) {
  authorize(actor, action, enrolmentSubject(enrolment), ENROLMENT_RULES);
}

export function authorizeProgramme(actor: Actor | null, action: ProgrammeAction, record: object | null) {
  authorize(actor, action, programmeSubject(record), PROGRAMME_RULES);
}
