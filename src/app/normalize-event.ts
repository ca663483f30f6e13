import { randomUUID } from 'node:crypto';
import type { EventIn } from '../contracts/event.js';
import type { EventRecord } from '../core/events/event.js';
import type { HashUser } from './user-hash.js';

/** Turns a validated wire event into the record Argus stores: ids filled, times parsed, user hashed. */
export function toEventRecord(e: EventIn, nowMs: number, hashUser: HashUser, newId: () => string = randomUUID): EventRecord {
  return {
    id: e.id ?? newId(),
    timestampMs: e.timestamp === undefined ? nowMs : Date.parse(e.timestamp),
    receivedMs: nowMs,
    deployment: e.deployment,
    model: e.model ?? null,
    source: e.source,
    userHash: e.user === undefined ? null : hashUser(e.user),
    session: e.session ?? null,
    input: e.input ?? null,
    output: e.output,
    latencyMs: e.latency_ms ?? null,
    inputTokens: e.usage?.input_tokens ?? null,
    outputTokens: e.usage?.output_tokens ?? null,
    metadata: e.metadata ?? {},
  };
}
