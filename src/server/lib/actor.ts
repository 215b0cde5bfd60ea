import type { Role } from '../../shared/roles.ts';

/** Who is calling. The sessions module fills this in; until someone signs in, it is anonymous. */
export interface Actor {
  personId: string;
  roles: readonly Role[];
  /** The session the request came with (absent for actors made outside HTTP, e.g. the CLI). */
  sessionId?: string;
  /** When this session last fully (re-)authenticated; for step-up checks. */
  authenticatedAt?: Date;
}
