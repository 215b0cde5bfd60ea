import { z } from 'zod';

/**
 * The path from an incident onward, in the order a person usually walks it (domain.md §5a–§7): tell the
 * organisation first, then the police (melding or aangifte), then the conversation about protection, the
 * damage claim, and aftercare. Each step belongs to the module that does it; the incident only shows them.
 */
export const INCIDENT_PATH_STEPS = ['internal_report', 'police', 'protection', 'damages', 'aftercare'] as const;
export type IncidentPathStep = (typeof INCIDENT_PATH_STEPS)[number];

/** `todo`: nothing yet; `started`: begun, not finished; `done`: finished (or decided against, by the person). */
export const INCIDENT_PATH_STATES = ['todo', 'started', 'done'] as const;
export type IncidentPathState = (typeof INCIDENT_PATH_STATES)[number];

export const incidentPathStepSchema = z.object({
  step: z.enum(INCIDENT_PATH_STEPS),
  state: z.enum(INCIDENT_PATH_STATES),
  /** When the step last moved (ISO); null while it is `todo`. */
  since: z.string().nullable(),
});
export type IncidentPathStepStatus = z.infer<typeof incidentPathStepSchema>;

export const incidentPathResponseSchema = z.object({
  /** The steps the portal offers, in path order; a step whose module is not installed is absent. */
  steps: z.array(incidentPathStepSchema),
  /** The first step that is not done: the one the page suggests next; null when all are done. */
  next: z.enum(INCIDENT_PATH_STEPS).nullable(),
});
export type IncidentPath = z.infer<typeof incidentPathResponseSchema>;
