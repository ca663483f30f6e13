import type { FastifyError, FastifyInstance } from 'fastify';
import { ArgusError, type ArgusErrorCode } from '../core/errors.js';

/** The only place where errors become HTTP: `{ "error": { "code", "message", "details"? } }`. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ArgusError | Error, request, reply) => {
    const mapped = toArgusError(err);
    if (mapped.status >= 500) request.log.error({ err }, 'request failed');
    if (mapped.code === 'ARGUS_ERR_SATURATED') {
      void reply.header('retry-after', String(mapped.details?.retryAfterSeconds ?? 1));
    }
    void reply.status(mapped.status).send({
      error: { code: mapped.code, message: mapped.message, ...(mapped.details ? { details: mapped.details } : {}) },
    });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'ARGUS_ERR_NOT_FOUND', message: `no route for ${request.method} ${request.url.split('?')[0]}` } });
  });
}

const FASTIFY_CODES: Record<string, ArgusErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'ARGUS_ERR_BODY_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'ARGUS_ERR_INVALID_BODY',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'ARGUS_ERR_INVALID_BODY',
};

function toArgusError(err: FastifyError | ArgusError | Error): ArgusError {
  if (err instanceof ArgusError) return err;
  const code = (err as FastifyError).code;
  if (code && FASTIFY_CODES[code]) {
    const argusCode = FASTIFY_CODES[code] as ArgusErrorCode;
    const message = argusCode === 'ARGUS_ERR_BODY_TOO_LARGE' ? 'the request body is larger than the configured limit' : err.message;
    return new ArgusError(argusCode, message, { cause: err });
  }
  const status = (err as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return new ArgusError(status === 415 ? 'ARGUS_ERR_INVALID_BODY' : 'ARGUS_ERR_INVALID_QUERY', err.message, { cause: err });
  }
  return new ArgusError('ARGUS_ERR_INTERNAL', 'internal error', { cause: err });
}
