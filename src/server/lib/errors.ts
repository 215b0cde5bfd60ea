import type { ProblemCode } from '../../shared/catalogue/index.ts';
import type { FieldError } from '../../shared/problem.ts';

/**
 * The one error type of the API. Services throw an AppError with a stable code from the typed
 * catalogue (src/shared/catalogue: a code that is not there does not compile); the errors plugin
 * (plugins/errors.ts) turns it, and everything Fastify or zod throws, into RFC 9457 problem details.
 * Nothing else reaches a client: no stack, no SQL, no internal message.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: ProblemCode;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldError[] | undefined;
  /** Response headers that belong to the problem (e.g. Retry-After on a 429); the errors plugin sets them. */
  readonly headers: Record<string, string> = {};

  constructor(status: number, code: ProblemCode, title: string, detail?: string, fieldErrors?: FieldError[]) {
    super(detail ?? title);
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.fieldErrors = fieldErrors;
  }

  withHeader(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }
}

/** A missing record and a forbidden one answer the same, so existence never leaks. */
export const notFound = (detail = 'There is nothing at this address, or you may not see it.') =>
  new AppError(404, 'not_found', 'Not Found', detail);
export const unauthorized = () => new AppError(401, 'unauthenticated', 'Unauthorized', 'Sign in to continue.');
export const forbidden = () => new AppError(403, 'forbidden', 'Forbidden', 'You may not do this.');
export const badRequest = (code: ProblemCode, detail: string, fieldErrors?: FieldError[]) =>
  new AppError(400, code, 'Bad Request', detail, fieldErrors);
export const conflict = (code: ProblemCode, detail: string) => new AppError(409, code, 'Conflict', detail);
