import type { EventRecord } from '../../src/core/events/event.js';

/** A valid event record with overridable fields, for store and pipeline tests. */
export function makeEvent(overrides: Partial<EventRecord> = {}): EventRecord {
  return {
    id: overrides.id ?? `evt-${Math.random().toString(36).slice(2)}`,
    timestampMs: 1_700_000_000_000,
    receivedMs: 1_700_000_000_500,
    deployment: 'support-bot',
    model: 'ft:llama-3-8b:acme',
    source: 'production',
    userHash: null,
    session: null,
    input: [{ role: 'user', content: 'How do I reset my password?' }],
    output: 'Go to Settings, then Security, then Reset password.',
    latencyMs: 420,
    inputTokens: 12,
    outputTokens: 14,
    metadata: { region: 'eu', beta: true, tier: 2 },
    ...overrides,
  };
}
