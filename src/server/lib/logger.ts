import type { FastifyServerOptions } from 'fastify';
import { SENSITIVE_FIELD_NAMES } from '../../shared/sensitive.ts';
import type { Config } from '../config.ts';

/** Paths pino replaces with [redacted]: credentials always, and every field a schema marks sensitive. */
export function redactionPaths(): string[] {
  const fields = SENSITIVE_FIELD_NAMES.flatMap((name) => [name, `*.${name}`, `*.*.${name}`]);
  return [
    'req.headers.cookie',
    'req.headers.authorization',
    'req.headers["x-csrf-token"]',
    'res.headers["set-cookie"]',
    'headers.cookie',
    'headers.authorization',
    ...fields,
  ];
}

/** Fields of a database error that name a place or a kind, never a value. */
const SAFE_DATABASE_FIELDS = ['code', 'severity', 'routine', 'schema', 'table', 'column', 'constraint', 'dataType'];

function isDatabaseError(error: Record<string, unknown>): boolean {
  return (
    typeof error.code === 'string' &&
    /^[0-9A-Z]{5}$/.test(error.code) &&
    (error.severity !== undefined || error.routine !== undefined)
  );
}

/** Only the "at …" lines of a stack: the first line repeats the message. */
function framesOf(stack: unknown): string {
  if (typeof stack !== 'string') return '';
  return stack
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
}

/**
 * The `err` of a log line, without what may carry personal data. Drizzle wraps every failed query in an
 * error whose message (and stack) holds the SQL text and its parameters, and PGlite puts both on its
 * errors too (`query`, `params`); a database's own message may quote a value (`invalid input syntax for
 * type uuid: "…"`), and `detail` does (`Key (email)=(…) already exists`). So a database error is logged
 * by its SQLSTATE, routine and the names of the table/column/constraint, with stack frames only; the
 * wrapper is unwrapped. Other errors keep type, code and stack frames (their `message` is redacted like
 * every `message` field, see redactionPaths); causes are serialised alike.
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (typeof error !== 'object' || error === null) return { type: typeof error, message: String(error), stack: '' };
  const fields = error as Record<string, unknown>;
  const wrapsQuery = 'query' in fields && 'params' in fields && !isDatabaseError(fields);
  if (wrapsQuery) {
    // Drizzle's wrapper: nothing of it but where it was thrown; the driver's error is the cause.
    const out: SerializedError = {
      type: 'DatabaseQueryFailed',
      message: 'a database query failed',
      stack: framesOf(fields.stack),
    };
    if (fields.cause !== undefined && depth < 3) out.cause = serializeError(fields.cause, depth + 1);
    return out;
  }
  if (isDatabaseError(fields)) {
    const out: SerializedError = {
      type: 'DatabaseError',
      message: `database error ${String(fields.code)}${typeof fields.routine === 'string' ? ` in ${fields.routine}` : ''}`,
      stack: framesOf(fields.stack),
    };
    for (const name of SAFE_DATABASE_FIELDS) if (typeof fields[name] === 'string') out[name] = fields[name];
    return out;
  }
  // The message is redacted by the `*.message` path anyway; the stack's first line repeats it, so frames only.
  const out: SerializedError = {
    type: (error as Error).constructor?.name ?? 'Error',
    message: String((error as Error).message ?? ''),
    stack: framesOf((error as Error).stack),
  };
  if (typeof fields.code === 'string') out.code = fields.code;
  if (typeof fields.statusCode === 'number') out.statusCode = fields.statusCode;
  if (fields.cause !== undefined && depth < 3) out.cause = serializeError(fields.cause, depth + 1);
  return out;
}

export interface SerializedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

/** Structured JSON logs; every line of a request carries its requestId (set in app.ts). */
export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.NODE_ENV === 'test' ? 'silent' : config.LOG_LEVEL,
    redact: { paths: redactionPaths(), censor: '[redacted]' },
    // Query strings may one day carry something personal; log the path only.
    serializers: {
      err: serializeError,
      error: serializeError,
      req: (request: { method: string; url: string; id: string }) => ({
        method: request.method,
        path: request.url.split('?')[0],
      }),
    },
  };
}
