import { randomUUID } from 'node:crypto';
import type { EventLimits } from '../contracts/event.js';
import type { EventRecord } from '../core/events/event.js';
import type { GatewayExchange } from '../server/gateway/gateway-routes.js';
import type { HashUser } from './user-hash.js';

/** Builds the stored event from a gateway exchange: user hashed, texts cut to the configured limits. */
export function exchangeToEvent(x: GatewayExchange, nowMs: number, hashUser: HashUser, limits: EventLimits): EventRecord {
  const cut = (s: string) => (s.length > limits.maxTextChars ? s.slice(0, limits.maxTextChars) : s);
  const input = x.input === null ? null
    : typeof x.input === 'string' ? cut(x.input)
      : x.input.slice(-limits.maxMessages).map((m) => ({ role: m.role.slice(0, 64), content: cut(m.content) }));
  const user = x.headerUser ?? x.user;
  const metadata: EventRecord['metadata'] = { route: x.route, stream: x.stream, status: x.status };
  if (x.finishReason) metadata.finish_reason = x.finishReason.slice(0, 64);
  if (x.truncated || x.output.length > limits.maxTextChars) metadata.truncated = true;
  return {
    id: randomUUID(),
    timestampMs: x.startedMs,
    receivedMs: nowMs,
    deployment: x.deployment,
    model: x.model,
    source: 'production',
    userHash: user ? hashUser(user) : null,
    session: null,
    input,
    output: cut(x.output),
    latencyMs: Math.round(x.latencyMs * 1000) / 1000,
    inputTokens: x.inputTokens,
    outputTokens: x.outputTokens,
    metadata,
  };
}
