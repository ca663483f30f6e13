import type { ArgusScores, ChatMessage } from '../classify/types.js';

export const EVENT_SOURCES = ['production', 'canary', 'evaluation', 'shadow'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export type MetadataValue = string | number | boolean;

/** One interaction as Argus keeps it: validated, user id already keyed-hashed. */
export interface EventRecord {
  id: string;
  timestampMs: number;
  receivedMs: number;
  deployment: string;
  model: string | null;
  source: EventSource;
  /** HMAC-SHA256 of the client's user id (hex); the raw id is never kept. */
  userHash: string | null;
  session: string | null;
  input: string | ChatMessage[] | null;
  output: string;
  latencyMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  metadata: Record<string, MetadataValue>;
}

/** An event as read back from a store: with its insertion sequence number. */
export interface StoredEvent extends EventRecord {
  seq: number;
}

export type AnalysisStatus = 'done' | 'skipped' | 'failed';

/** What the pipeline derived from one event; rebuildable from the event itself. */
export interface EventAnalysis {
  seq: number;
  status: AnalysisStatus;
  analyzedMs: number;
  features?: Record<string, number | string> | undefined;
  scores?: Partial<ArgusScores> | undefined;
  error?: string | undefined;
}

/** The text of an input, for features and classifiers that want one string. */
export function inputText(input: EventRecord['input']): string {
  if (input === null) return '';
  if (typeof input === 'string') return input;
  return input.map((m) => m.content).join('\n');
}

/** The last user turn of a chat input (what the harm-category classifier reads). */
export function lastUserText(input: EventRecord['input']): string {
  if (input === null) return '';
  if (typeof input === 'string') return input;
  for (let i = input.length - 1; i >= 0; i--) {
    const m = input[i];
    if (m && m.role === 'user') return m.content;
  }
  return input.at(-1)?.content ?? '';
}
