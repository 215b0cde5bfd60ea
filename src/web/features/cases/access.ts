import type { Role } from '../../../shared/roles.ts';

/** Who may use which page (the server checks again on every call). */
export const PAGE_ROLES = {
  askSupport: ['officeholder', 'relative'],
  myCases: ['officeholder', 'relative'],
  sipa: ['officeholder'],
  workQueue: ['confidant', 'ot_coordinator', 'peer', 'expert', 'ccv_advisor', 'sipa_advisor'],
} as const satisfies Record<string, readonly Role[]>;

/** Staff roles that work on each case type's queue. */
export const QUEUE_ROLES = {
  support: ['confidant', 'ot_coordinator', 'peer', 'expert'],
  sipa: ['sipa_advisor'],
  woningscan: ['ccv_advisor'],
} as const satisfies Record<string, readonly Role[]>;
