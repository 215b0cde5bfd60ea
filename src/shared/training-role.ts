/**
 * The one role that manages offerings, sessions, participants and attendance. In a file of its own because the
 * web's route table needs it in the first load, and src/shared/training.ts would bring zod along.
 */
export const TRAINING_COORDINATOR_ROLE = 'training_coordinator' as const;
