import type { FastifyInstance } from 'fastify';
import { toEventRecord } from '../../app/normalize-event.js';
import type { Pipeline } from '../../app/pipeline/pipeline.js';
import type { HashUser } from '../../app/user-hash.js';
import { formatIssues, type EventSchema } from '../../contracts/event.js';
import type { Clock } from '../../core/clock.js';
import { ArgusError } from '../../core/errors.js';
import type { EventRecord } from '../../core/events/event.js';
import { spansToEvents } from '../../core/otlp/genai-spans.js';
import { parseJsonBody } from '../body.js';

export interface OtlpRouteDeps {
  pipeline: Pipeline;
  schema: EventSchema;
  hashUser: HashUser;
  clock: Clock;
  maxBodyBytes: number;
  onInvalid: (count: number) => void;
}

/**
 * OTLP/HTTP trace ingest (`POST /v1/traces`, JSON encoding). GenAI spans become events; other
 * spans are ignored. Answers with OTLP's partial-success shape when spans are rejected.
 */
export function registerOtlpRoutes(app: FastifyInstance, d: OtlpRouteDeps): void {
  app.post('/v1/traces', { bodyLimit: d.maxBodyBytes }, async (request, reply) => {
    const type = String(request.headers['content-type'] ?? '');
    if (!type.includes('json')) {
      throw new ArgusError('ARGUS_ERR_INVALID_BODY', `OTLP over HTTP is accepted as JSON (Content-Type: application/json); got '${type || 'none'}'. Set the exporter's protocol to http/json.`);
    }
    const { events, skipped } = spansToEvents(parseJsonBody(request.body));
    const records: EventRecord[] = [];
    const problems: string[] = [];
    const nowMs = d.clock.now();
    for (const { path, event } of events) {
      const parsed = d.schema.safeParse(event);
      if (parsed.success) records.push(toEventRecord(parsed.data, nowMs, d.hashUser));
      else problems.push(`${path}: ${formatIssues(parsed.error).slice(0, 2).join('; ')}`);
    }
    if (problems.length > 0) d.onInvalid(problems.length);
    await d.pipeline.ingest(records, 'otlp');
    request.log.debug({ accepted: records.length, skipped, rejected: problems.length }, 'otlp export');
    return reply.send(problems.length === 0 ? {} : { partialSuccess: { rejectedSpans: problems.length, errorMessage: problems.slice(0, 5).join(' | ') } });
  });
}
