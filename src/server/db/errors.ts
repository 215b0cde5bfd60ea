/**
 * Telling "the database is not there right now" from every other failure, whichever driver reported it
 * and however deep it is wrapped (Drizzle wraps driver errors in `cause`). Such a failure is the
 * service's, not the request's: it answers 503 and the next request may well succeed.
 */

/** SQLSTATE classes and codes that mean the server is going, gone or refusing connections. */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up or shutting down)
  '53300', // too_many_connections
]);

/** Node socket errors on the way to the server. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);

/** node-postgres says these in words only. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
  'Client was closed and is not queryable',
];

function* causes(error: unknown): Generator<unknown> {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (const candidate of causes(error)) {
    if (candidate instanceof AggregateError && candidate.errors.some((inner) => isDatabaseUnavailable(inner))) {
      return true;
    }
    const code = (candidate as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08')) return true;
      if (UNAVAILABLE_SOCKET_CODES.has(code)) return true;
    }
    const message = (candidate as { message?: unknown }).message;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((known) => message.includes(known))) return true;
  }
  return false;
}

/**
 * The driver's error behind a Drizzle wrapper: Drizzle's own message carries the SQL text and its
 * parameters, which must never reach a log line (see lib/logger.ts).
 */
export function isDatabaseError(error: unknown): boolean {
  const fields = error as { code?: unknown; severity?: unknown; routine?: unknown };
  return (
    typeof fields.code === 'string' &&
    /^[0-9A-Z]{5}$/.test(fields.code) &&
    (fields.severity !== undefined || fields.routine !== undefined)
  );
}
