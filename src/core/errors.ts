/**
 * One error type for all of Argus. Each code lives in the catalogue below with its HTTP status and
 * a hint on how to fix it; `docs/errors.md` is generated from the same table and a test checks
 * that every code is unique and documented.
 */
export const ERROR_CATALOGUE = {
  ARGUS_ERR_INVALID_EVENT: { status: 400, meaning: 'An event failed validation.', fix: 'Read the path and message in the error; see docs/api.md for the event schema.' },
  ARGUS_ERR_INVALID_BODY: { status: 400, meaning: 'A request body is not the JSON object the endpoint expects.', fix: 'Send a JSON object with Content-Type: application/json.' },
  ARGUS_ERR_BODY_TOO_LARGE: { status: 413, meaning: 'A request body is larger than the configured limit.', fix: 'Split the batch, or raise ingest.max_body_bytes.' },
  ARGUS_ERR_BATCH_TOO_LARGE: { status: 413, meaning: 'A batch holds more events than ingest.max_batch_events.', fix: 'Split the batch, or raise ingest.max_batch_events.' },
  ARGUS_ERR_SATURATED: { status: 429, meaning: 'The pipeline queue is full.', fix: 'Retry after the Retry-After header; add workers or lower the sampling rate.' },
  ARGUS_ERR_INVALID_QUERY: { status: 400, meaning: 'A query parameter is malformed.', fix: 'Read the path and message in the error.' },
  ARGUS_ERR_NOT_FOUND: { status: 404, meaning: 'The resource does not exist.', fix: 'Check the id or path.' },
  ARGUS_ERR_CONFLICT: { status: 409, meaning: 'The request conflicts with the current state.', fix: 'Read the current state and retry.' },
  ARGUS_ERR_UNAUTHORIZED: { status: 401, meaning: 'No valid API key or session.', fix: 'Send Authorization: Bearer <key>.' },
  ARGUS_ERR_FORBIDDEN: { status: 403, meaning: 'The key lacks the role this action needs.', fix: 'Use a key with the required role.' },
  ARGUS_ERR_CONFIG: { status: 500, meaning: 'The configuration is invalid.', fix: 'Run `argus config check FILE` and fix each listed path.' },
  ARGUS_ERR_UPSTREAM: { status: 502, meaning: 'The upstream model endpoint could not be reached.', fix: 'Check gateway.upstream.url and that the model server is up.' },
  ARGUS_ERR_UPSTREAM_TIMEOUT: { status: 504, meaning: 'The upstream model did not answer in time.', fix: 'Raise gateway.upstream.timeout_ms or check the model server.' },
  ARGUS_ERR_STORAGE: { status: 503, meaning: 'The store failed to read or write.', fix: 'Check the data directory or database connection; see the logs.' },
  ARGUS_ERR_INVALID_INPUT: { status: 400, meaning: 'An argument to a function or command is out of its domain.', fix: 'Read the message: it names the argument and the value.' },
  ARGUS_ERR_INVALID_DATA: { status: 400, meaning: 'A data file could not be parsed.', fix: 'Read the message: it names the file, line and problem.' },
  ARGUS_ERR_MODEL: { status: 500, meaning: 'A classifier model file is missing or malformed.', fix: 'Re-run `argus train` or restore models/ from the repository.' },
  ARGUS_ERR_INTERNAL: { status: 500, meaning: 'An unexpected internal failure.', fix: 'Report it with the log line that carries the same request id.' },
} as const satisfies Record<string, { status: number; meaning: string; fix: string }>;

export type ArgusErrorCode = keyof typeof ERROR_CATALOGUE;

export class ArgusError extends Error {
  readonly code: ArgusErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ArgusErrorCode, message: string, options: { details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ArgusError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.details = options.details;
  }
}

/** Throws ARGUS_ERR_INVALID_INPUT naming the argument and the value, in the way of prom-client. */
export function invalidInput(message: string, details?: Record<string, unknown>): ArgusError {
  return new ArgusError('ARGUS_ERR_INVALID_INPUT', message, details === undefined ? {} : { details });
}
