// The training module keeps its audit actions beside its schemas (src/shared/training.ts), where the
// web app's access-log texts are checked against them; this is its entry in the typed catalogue.
export { TRAINING_AUDIT_ACTIONS } from '../training.ts';
