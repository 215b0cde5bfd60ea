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

/** Structured JSON logs; every line of a request carries its requestId (set in app.ts). */
export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.NODE_ENV === 'test' ? 'silent' : config.LOG_LEVEL,
    redact: { paths: redactionPaths(), censor: '[redacted]' },
    // Query strings may one day carry something personal; log the path only.
    serializers: {
      req: (request: { method: string; url: string; id: string }) => ({
        method: request.method,
        path: request.url.split('?')[0],
      }),
    },
  };
}
