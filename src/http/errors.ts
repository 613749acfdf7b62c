// Every failure leaves as {"error":{code,message,messages,correlationId,details}} from one catalogue.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, ERROR_CATALOGUE, errorMessages, type ErrorCode } from '../core/errors.js';

export function preferredLanguage(req: FastifyRequest): 'th' | 'en' {
  const header = req.headers['accept-language'];
  return typeof header === 'string' && /^en\b/i.test(header.trim()) ? 'en' : 'th';
}

export function errorBody(req: FastifyRequest, code: ErrorCode, details?: unknown) {
  const messages = errorMessages(code, details);
  return {
    error: {
      code,
      message: messages[preferredLanguage(req)],
      messages,
      correlationId: req.id,
      ...(details === undefined ? {} : { details }),
    },
  };
}

export function sendError(req: FastifyRequest, reply: FastifyReply, code: ErrorCode, details?: unknown) {
  // A refusal that says when to come back says it in the header clients and proxies read too.
  const retry = typeof details === 'object' && details !== null ? (details as { retryAfterSeconds?: unknown }).retryAfterSeconds : undefined;
  if (typeof retry === 'number') reply.header('retry-after', String(retry));
  return reply.code(ERROR_CATALOGUE[code].status).send(errorBody(req, code, details));
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_CSRF_INVALID_TOKEN: 'csrf_invalid',
  FST_CSRF_MISSING_SECRET: 'csrf_invalid',
};

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) return sendError(req, reply, err.code, err.details);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      path: `${err.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`,
      message: v.message,
    }));
    const dateIssue = issues.some((i) => /^body\.(items\.\d+\.)?(occurredAt|effectiveFrom)$/.test(i.path));
    const idIssue = issues.some((i) => /^body\.(items\.\d+\.)?(subject\.)?nationalId$/.test(i.path));
    return sendError(req, reply, idIssue ? 'invalid_national_id' : dateIssue ? 'invalid_date' : 'validation_failed', { issues });
  }
  const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (mapped) return sendError(req, reply, mapped);
  if (err instanceof SyntaxError && err.statusCode === 400) return sendError(req, reply, 'invalid_json');
  if (err.statusCode === 429) return sendError(req, reply, 'rate_limited');
  if (isResponseSerializationError(err)) req.log.error({ err: err.cause }, 'response did not match its schema');
  else req.log.error({ err }, 'unhandled error');
  return sendError(req, reply, 'internal_error');
}
