/**
 * Sent (value `1`) by requests a page makes on its own, on a timer, while nobody uses it: they are
 * answered as usual but do not count as activity, so an unattended screen still reaches its idle timeout.
 */
export const BACKGROUND_REFRESH_HEADER = 'x-background-refresh';

// The schemas live in their own module (with zod): the web client's first load imports the header name
// above and must not carry zod for it; the server and the pages that validate import them through here.
export {
  ACCESS_LOG_ACTOR_KINDS,
  type AccessLogEntry,
  accessLogEntrySchema,
  accessLogResponseSchema,
  type LiveSession,
  liveSessionSchema,
  liveSessionsResponseSchema,
  roleSchema,
  type SessionInfo,
  sessionInfoSchema,
} from './session-schemas.ts';
