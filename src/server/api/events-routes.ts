import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EventStore } from '../../adapters/storage/types.js';
import { toEventRecord } from '../../app/normalize-event.js';
import type { Pipeline } from '../../app/pipeline/pipeline.js';
import type { HashUser } from '../../app/user-hash.js';
import { EVENT_SOURCES, formatIssues } from '../../contracts/event.js';
import type { EventParser } from '../../contracts/event-fast.js';
import { parseTimeMs } from '../../contracts/duration.js';
import { toWireEvent } from '../../contracts/event-wire.js';
import type { Clock } from '../../core/clock.js';
import { ArgusError } from '../../core/errors.js';
import type { EventRecord } from '../../core/events/event.js';
import { describeType, parseJsonBody } from '../body.js';

export interface EventsRouteDeps {
  pipeline: Pipeline;
  store: EventStore;
  /** Validates one wire event (createEventParser: a fast path, zod for anything it is unsure of). */
  parseEvent: EventParser;
  hashUser: HashUser;
  clock: Clock;
  maxBatchEvents: number;
  maxBodyBytes: number;
  onInvalid: (count: number) => void;
}

type Result = { id: string | null; status: 'accepted' | 'duplicate' | 'invalid'; error?: string };

const timeParam = z.string().transform((v, ctx) => {
  const ms = parseTimeMs(v);
  if (ms === undefined) { ctx.addIssue({ code: 'custom', message: `expected an RFC 3339 time or epoch milliseconds, got '${v}'` }); return z.NEVER; }
  return ms;
});
const listQuery = z.object({
  deployment: z.string().min(1).optional(),
  source: z.enum(EVENT_SOURCES).optional(),
  since: timeParam.optional(),
  until: timeParam.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().min(1).optional(),
  order: z.enum(['asc', 'desc', 'time']).default('desc'),
}).strict();

export function registerEventsRoutes(app: FastifyInstance, d: EventsRouteDeps): void {
  app.post('/api/v1/events', { bodyLimit: d.maxBodyBytes }, async (request) => {
    const body = parseJsonBody(request.body);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ArgusError('ARGUS_ERR_INVALID_BODY', `the body must be an object {"events": [...]}, got ${describeType(body)}`);
    }
    const events = (body as { events?: unknown }).events;
    if (!Array.isArray(events)) {
      throw new ArgusError('ARGUS_ERR_INVALID_BODY', `events: expected an array of events, got ${events === undefined ? 'nothing' : describeType(events)}`);
    }
    if (events.length > d.maxBatchEvents) {
      throw new ArgusError('ARGUS_ERR_BATCH_TOO_LARGE', `events: ${events.length} events in one batch; the limit is ${d.maxBatchEvents}`);
    }
    const results: Result[] = new Array(events.length);
    const valid: EventRecord[] = [];
    const validIndex: number[] = [];
    const nowMs = d.clock.now();
    events.forEach((raw, i) => {
      const rawId = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : null;
      const parsed = d.parseEvent(raw);
      if (!parsed.success) {
        results[i] = { id: rawId, status: 'invalid', error: formatIssues(parsed.error, `events[${i}]`).slice(0, 5).join('; ') };
        return;
      }
      const record = toEventRecord(parsed.data, nowMs, d.hashUser);
      valid.push(record);
      validIndex.push(i);
    });
    if (valid.length < events.length) d.onInvalid(events.length - valid.length);
    const outcomes = await d.pipeline.ingest(valid, 'api');
    outcomes.forEach((o, k) => {
      const i = validIndex[k] as number;
      results[i] = { id: (valid[k] as EventRecord).id, status: o.status };
    });
    return { results };
  });

  app.get('/api/v1/events', async (request) => {
    const parsed = listQuery.safeParse(request.query);
    if (!parsed.success) throw new ArgusError('ARGUS_ERR_INVALID_QUERY', formatIssues(parsed.error).join('; '));
    const q = parsed.data;
    const page = await d.store.listEvents({
      deployment: q.deployment, source: q.source, sinceMs: q.since, untilMs: q.until, limit: q.limit, cursor: q.cursor, order: q.order,
    });
    return { events: page.events.map(toWireEvent), next_cursor: page.nextCursor };
  });

  app.get<{ Params: { id: string } }>('/api/v1/events/:id', async (request) => {
    const e = await d.store.getEvent(request.params.id);
    if (!e) throw new ArgusError('ARGUS_ERR_NOT_FOUND', `no event with id '${request.params.id}'`);
    return toWireEvent(e);
  });
}
