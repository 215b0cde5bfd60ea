import { aftercareCheckIns, aftercareParticipants, aftercareSteps } from './db.ts';

/** The encrypted columns of the aftercare module (health data), spread into the key-rotation registry. */
export const AFTERCARE_ENCRYPTED_COLUMNS = [
  {
    name: 'aftercare_check_ins.answers_envelope',
    table: aftercareCheckIns,
    column: aftercareCheckIns.answersEnvelope,
    primaryKey: aftercareCheckIns.id,
  },
  {
    name: 'aftercare_steps.note_envelope',
    table: aftercareSteps,
    column: aftercareSteps.noteEnvelope,
    primaryKey: aftercareSteps.id,
  },
  {
    name: 'aftercare_participants.prompt_envelope',
    table: aftercareParticipants,
    column: aftercareParticipants.promptEnvelope,
    primaryKey: aftercareParticipants.id,
  },
  {
    name: 'aftercare_participants.referral_envelope',
    table: aftercareParticipants,
    column: aftercareParticipants.referralEnvelope,
    primaryKey: aftercareParticipants.id,
  },
] as const;
