import { z } from 'zod';
import { ROLES } from './roles.ts';

/** The session's schemas; re-exported by session.ts, which the web app's first load reads without zod. */
export const roleSchema = z.enum(ROLES);

/** What the web app learns about the current visitor on every page load. */
export const sessionInfoSchema = z.object({
  environment: z.object({
    /** A DEMO banner on every page. */
    demo: z.boolean(),
    /** Mail is not sent but kept in the outbox (admin page) and printed on the console. */
    localMail: z.boolean(),
  }),
  person: z
    .object({
      id: z.uuid(),
      displayName: z.string().nullable(),
      email: z.string(),
      roles: z.array(roleSchema),
      office: z.string().nullable(),
      region: z.string().nullable(),
    })
    .nullable(),
  /** Send back in `X-CSRF-Token` on every state-changing request. */
  csrfToken: z.string().nullable(),
  /** When the session ends if nothing happens, and at the latest. */
  idleExpiresAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const liveSessionSchema = z.object({
  id: z.uuid(),
  method: z.string(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export const liveSessionsResponseSchema = z.object({ sessions: z.array(liveSessionSchema) });
export type LiveSession = z.infer<typeof liveSessionSchema>;

/**
 * Who did it: a person (their name and roles at the time), Weerbaar itself (a scheduled job, the first
 * start, the demo's example data, the command line: work outside any request), or someone who was not
 * signed in (a failed sign-in on the account).
 */
export const ACCESS_LOG_ACTOR_KINDS = ['person', 'system', 'anonymous'] as const;

export const accessLogEntrySchema = z.object({
  at: z.iso.datetime(),
  action: z.string(),
  /** What happened, in Dutch and English, from the typed audit catalogue; null for an action no longer in use. */
  description: z.object({ nl: z.string(), en: z.string() }).nullable(),
  recordType: z.string().nullable(),
  /** The record as the person knows it (a case: its reference and type); null when it names none. */
  record: z.object({ reference: z.string(), kind: z.string().nullable() }).nullable(),
  actorKind: z.enum(ACCESS_LOG_ACTOR_KINDS),
  actorName: z.string().nullable(),
  actorRoles: z.array(z.string()),
});
export const accessLogResponseSchema = z.object({ entries: z.array(accessLogEntrySchema) });
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;
