import type { EventAnalysis, StoredEvent } from '../core/events/event.js';

/** A stored event as the API returns it: the ingest names, plus what Argus added. */
export function toWireEvent(e: StoredEvent & { analysis?: EventAnalysis | undefined }): Record<string, unknown> {
  return {
    id: e.id,
    seq: e.seq,
    timestamp: new Date(e.timestampMs).toISOString(),
    received_at: new Date(e.receivedMs).toISOString(),
    deployment: e.deployment,
    model: e.model,
    source: e.source,
    user_hash: e.userHash,
    session: e.session,
    input: e.input,
    output: e.output,
    latency_ms: e.latencyMs,
    usage: { input_tokens: e.inputTokens, output_tokens: e.outputTokens },
    metadata: e.metadata,
    analysis: e.analysis
      ? { status: e.analysis.status, analyzed_at: new Date(e.analysis.analyzedMs).toISOString(), features: e.analysis.features ?? null, scores: e.analysis.scores ?? null, ...(e.analysis.error ? { error: e.analysis.error } : {}) }
      : null,
  };
}
