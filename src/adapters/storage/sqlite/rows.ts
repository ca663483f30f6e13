import { HARM_CATEGORIES, type HarmCategory, type RefusalLabel } from '../../../core/classify/types.js';
import type { EventAnalysis, EventRecord, StoredEvent } from '../../../core/events/event.js';
import type { DetectionRow, EventAnalysisState } from '../types.js';

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

/**
 * The values of one events-table insert, in the column order of INSERT_EVENT_SQL, with the JSON
 * columns already encoded. A flat array of strings and numbers is what the writer thread is
 * handed: structured-cloning it costs about a third of cloning the EventRecord object (no
 * property names, no nested input messages), and the thread then only binds and steps.
 */
export type EventInsertRow = [
  id: string, tsMs: number, receivedMs: number, deployment: string, model: string | null, source: string,
  userHash: string | null, session: string | null, inputJson: string | null, output: string,
  latencyMs: number | null, inputTokens: number | null, outputTokens: number | null, metadataJson: string | null,
];

export const INSERT_EVENT_SQL = `INSERT OR IGNORE INTO events
    (id, ts_ms, received_ms, deployment, model, source, user_hash, session, input_json, output, latency_ms, input_tokens, output_tokens, metadata_json)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function eventToInsertRow(e: EventRecord): EventInsertRow {
  let hasMetadata = false;
  for (const _ in e.metadata) { hasMetadata = true; break; }
  return [e.id, e.timestampMs, e.receivedMs, e.deployment, e.model, e.source, e.userHash, e.session,
    e.input === null ? null : JSON.stringify(e.input), e.output, e.latencyMs, e.inputTokens, e.outputTokens,
    hasMetadata ? JSON.stringify(e.metadata) : null];
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

export type AnalysisStateRow = Pick<EventRow, 'seq' | 'id' | 'deployment' | 'ts_ms' | 'received_ms'> & Pick<AnalysisRow, 'status' | 'scores_json'>;

export function rowToAnalysisState(r: AnalysisStateRow): EventAnalysisState {
  return {
    seq: Number(r.seq),
    id: r.id,
    deployment: r.deployment,
    timestampMs: Number(r.ts_ms),
    receivedMs: Number(r.received_ms),
    status: r.status ?? undefined,
    scores: r.scores_json === null ? undefined : (JSON.parse(r.scores_json) as EventAnalysis['scores']),
  };
}

/** The columns of a detection read (DETECTION_PAGE_SQL in SQLite, DETECTION_SELECT in PostgreSQL). */
export interface DetectionSqlRow {
  seq: number | string;
  ts_ms: number | string;
  model: string | null;
  latency_ms: number | string | null;
  input_json: string | null;
  output: string;
  tools: string | null;
  features_json: string | null;
  harm_category: string | null;
  refusal: string | null;
  policy_score: number | null;
  toxicity: number | null;
  jailbreak_triggers: number | string | null;
}

const CATEGORIES: ReadonlySet<string> = new Set(HARM_CATEGORIES);
const REFUSAL_LABELS: ReadonlySet<string> = new Set(['comply', 'partial', 'refuse']);
const numberOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A detection read's row as the engine takes it; a score field of an unexpected type reads as absent. */
export function rowToDetection(r: DetectionSqlRow): DetectionRow {
  return {
    seq: Number(r.seq),
    timestampMs: Number(r.ts_ms),
    model: r.model,
    latencyMs: r.latency_ms === null ? null : Number(r.latency_ms),
    input: r.input_json === null ? null : (JSON.parse(r.input_json) as StoredEvent['input']),
    output: r.output,
    tools: typeof r.tools === 'string' ? r.tools : null,
    features: r.features_json === null ? undefined : (JSON.parse(r.features_json) as EventAnalysis['features']),
    harmCategory: r.harm_category !== null && CATEGORIES.has(r.harm_category) ? (r.harm_category as HarmCategory) : null,
    refusal: r.refusal !== null && REFUSAL_LABELS.has(r.refusal) ? (r.refusal as RefusalLabel) : null,
    policyScore: numberOrNull(r.policy_score),
    toxicity: numberOrNull(r.toxicity),
    jailbreakTriggers: r.jailbreak_triggers === null ? 0 : Number(r.jailbreak_triggers),
  };
}
