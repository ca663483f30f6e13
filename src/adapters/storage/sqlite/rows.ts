import type { EventAnalysis, StoredEvent } from '../../../core/events/event.js';

/** Column names as stored; the same in SQLite and PostgreSQL. */
export interface EventRow {
  seq: number;
  id: string;
  ts_ms: number;
  received_ms: number;
  deployment: string;
  model: string | null;
  source: StoredEvent['source'];
  user_hash: string | null;
  session: string | null;
  input_json: string | null;
  output: string;
  latency_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  metadata_json: string | null;
}

export interface AnalysisRow {
  status: EventAnalysis['status'] | null;
  analyzed_ms: number | null;
  features_json: string | null;
  scores_json: string | null;
  error: string | null;
}

export function rowToEvent(r: EventRow): StoredEvent {
  return {
    seq: Number(r.seq),
    id: r.id,
    timestampMs: Number(r.ts_ms),
    receivedMs: Number(r.received_ms),
    deployment: r.deployment,
    model: r.model,
    source: r.source,
    userHash: r.user_hash,
    session: r.session,
    input: r.input_json === null ? null : (JSON.parse(r.input_json) as StoredEvent['input']),
    output: r.output,
    latencyMs: r.latency_ms,
    inputTokens: r.input_tokens === null ? null : Number(r.input_tokens),
    outputTokens: r.output_tokens === null ? null : Number(r.output_tokens),
    metadata: r.metadata_json === null ? {} : (JSON.parse(r.metadata_json) as StoredEvent['metadata']),
  };
}

export function rowToAnalysis(r: EventRow & AnalysisRow): EventAnalysis | undefined {
  if (r.status === null || r.analyzed_ms === null) return undefined;
  return {
    seq: Number(r.seq),
    status: r.status,
    analyzedMs: Number(r.analyzed_ms),
    features: r.features_json === null ? undefined : (JSON.parse(r.features_json) as EventAnalysis['features']),
    scores: r.scores_json === null ? undefined : (JSON.parse(r.scores_json) as EventAnalysis['scores']),
    error: r.error ?? undefined,
  };
}
