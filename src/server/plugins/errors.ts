import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ProblemCode } from '../../shared/catalogue/index.ts';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../../shared/problem.ts';
import { isDatabaseUnavailable } from '../db/errors.ts';
import { AppError } from '../lib/errors.ts';

/** How long a client is asked to wait when the database is away (seconds). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Fastify's own error codes that are the client's fault, mapped to our stable codes. */
const FASTIFY_CLIENT_ERRORS: Record<string, { status: number; code: ProblemCode; title: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'body_too_large',
    title: 'Content Too Large',
    detail: 'The request body is larger than this endpoint accepts.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    title: 'Unsupported Media Type',
    detail: 'This endpoint does not accept this content type.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'invalid_json',
    title: 'Bad Request',
    detail: 'The body is empty but the content type says JSON.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'invalid_json',
    title: 'Bad Request',
    detail: 'The body is not valid JSON.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'invalid_content_length',
    title: 'Bad Request',
    detail: 'The Content-Length header does not match the body.',
  },
  FST_ERR_CTP_INVALID_TYPE: {
    status: 400,
    code: 'invalid_content_type',
    title: 'Bad Request',
    detail: 'The Content-Type header is not valid.',
  },
};

/** A problem as a route or the handler builds it; its code comes from the typed catalogue. */
export type ProblemInput = Omit<Problem, 'type' | 'requestId' | 'instance' | 'code'> & { code: ProblemCode };

export function sendProblem(reply: FastifyReply, problem: ProblemInput) {
  const body: Problem = {
    type: `urn:weerbaar:problem:${problem.code}`,
    ...problem,
    instance: reply.request.url.split('?')[0],
    requestId: reply.request.id,
  };
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

function toProblem(error: FastifyError | AppError | Error, request: FastifyRequest): ProblemInput {
  if (error instanceof AppError) {
    return {
      status: error.status,
      code: error.code,
      title: error.title,
      detail: error.detail,
      errors: error.fieldErrors,
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext ?? 'body';
    return {
      status: 400,
      code: 'validation_failed',
      title: 'Bad Request',
      detail: 'One or more fields are not valid.',
      errors: error.validation.map((issue) => ({
        field: `${context}${issue.instancePath === '/' ? '' : issue.instancePath}`,
        message: issue.message ?? 'Invalid value',
        code: issue.keyword,
      })),
    };
  }
  const fastifyError = error as FastifyError;
  const known = fastifyError.code ? FASTIFY_CLIENT_ERRORS[fastifyError.code] : undefined;
  if (known) return known;
  if (fastifyError.statusCode === 429) {
    return {
      status: 429,
      code: 'rate_limited',
      title: 'Too Many Requests',
      detail: 'Too many requests. Wait a moment and try again.',
    };
  }
  // Any other 4xx that Fastify raises (e.g. a malformed URL) keeps its status, with a generic text.
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return {
      status: fastifyError.statusCode,
      code: 'bad_request',
      title: 'Bad Request',
      detail: 'The request could not be processed.',
    };
  }
  if (isDatabaseUnavailable(error)) {
    // The service's trouble, not the request's, and expected during a restart or failover: a calm 503.
    request.log.warn({ err: error }, 'database unavailable');
    return {
      status: 503,
      code: 'service_unavailable',
      title: 'Service Unavailable',
      detail: 'Weerbaar cannot reach its database for a moment. Please try again shortly.',
    };
  }
  const level = isResponseSerializationError(error as FastifyError)
    ? 'response does not match its schema'
    : 'unhandled error';
  request.log.error({ err: error }, level);
  return {
    status: 500,
    code: 'internal_error',
    title: 'Internal Server Error',
    detail: 'Something went wrong on our side. Please try again later.',
  };
}

async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error as FastifyError, request);
    if (error instanceof AppError) reply.headers(error.headers);
    if (problem.status < 500) request.log.info({ code: problem.code, status: problem.status }, 'request rejected');
    if (problem.status === 503) reply.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    return sendProblem(reply, problem);
  });
}

export default fp(errorsPlugin, { name: 'errors' });
