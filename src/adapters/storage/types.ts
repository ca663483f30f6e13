import type { HarmCategory, RefusalLabel } from '../../core/classify/types.js';
import type { EventAnalysis, EventRecord, EventSource, StoredEvent } from '../../core/events/event.js';
import { ArgusError } from '../../core/errors.js';
import type { AggregateResolutionMs } from './rollups.js';

/** `seq` is the stored event's sequence number (for a duplicate: absent). */
export interface InsertOutcome {
  status: 'accepted' | 'duplicate';
  seq?: number;
}

export interface EventQuery {
  deployment?: string | undefined;
  source?: EventSource | undefined;
  /** Inclusive lower bound on the event timestamp, ms since the epoch. */
  sinceMs?: number | undefined;
  /** Exclusive upper bound on the event timestamp. */
  untilMs?: number | undefined;
  limit: number;
  /** Opaque: the `nextCursor` of the previous page (of the same order). */
  cursor?: string | undefined;
  /**
   * 'asc' / 'desc': by insertion order (seq), the default 'desc'. 'time': by (timestamp, seq)
   * ascending, which a time window pages through on the (deployment, timestamp) index without
   * re-sorting the window for every page (what detection and baselines read).
   */
  order?: 'asc' | 'desc' | 'time' | undefined;
}

/** An event's place and analysis state, without its texts (see EventStore.listAnalysisStates). */
export interface EventAnalysisState {
  seq: number;
  id: string;
  deployment: string;
  timestampMs: number;
  receivedMs: number;
  /** Undefined while the event has no analysis. */
  status: EventAnalysis['status'] | undefined;
  scores: EventAnalysis['scores'];
}

/** One deployment's events of one source with timestamps in [sinceMs, untilMs). */
export interface EventWindow {
  deployment: string;
  source: EventSource;
  sinceMs: number;
  untilMs: number;
}

/**
 * What the detection engine reads of one analysed ('done') event: context, texts, output features
 * and the five score fields the detectors use, which the store picks out of the stored scores.
 * A busy minute is 140,000 events; parsing each event's whole scores object (about 1.3 kB of JSON,
 * 50 numbers) was most of the cost of reading it and hundreds of MiB of garbage a minute.
 */
export interface DetectionRow {
  seq: number;
  timestampMs: number;
  model: string | null;
  latencyMs: number | null;
  input: EventRecord['input'];
  output: string;
  /** metadata.tools when it is a string (comma-separated tool names), else null. */
  tools: string | null;
  features: EventAnalysis['features'];
  harmCategory: HarmCategory | null;
  refusal: RefusalLabel | null;
  policyScore: number | null;
  toxicity: number | null;
  /** How many jailbreak triggers the classifier found (0 when it did not run). */
  jailbreakTriggers: number;
}

export interface DetectionPage {
  rows: DetectionRow[];
  nextCursor: string | null;
}

export interface EventPage {
  events: Array<StoredEvent & { analysis?: EventAnalysis | undefined }>;
  nextCursor: string | null;
}

/**
 * A per-deployment, per-source, per-minute aggregate. `data` is opaque to the store. Read at a
 * coarser resolution, `minuteMs` is the start of the hour or UTC day the row covers.
 */
export interface AggregateRow {
  deployment: string;
  source: EventSource;
  minuteMs: number;
  data: unknown;
}

/**
 * The slice of storage the pipeline and the API need. Every adapter (SQLite, PostgreSQL) runs the
 * same contract suite in test/storage/. Methods are async so that a networked store fits.
 */
export interface EventStore {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Inserts in one transaction; committed when the promise resolves. Duplicates (by id) are
   * skipped. `durable` (the default) means synced to disk before resolving, so an acknowledged
   * event survives power loss; `false` survives a crash of Argus but not of the machine (used for
   * gateway captures, where nothing was promised to a client).
   */
  insertEvents(events: readonly EventRecord[], options?: { durable?: boolean }): Promise<InsertOutcome[]>;
  getEvent(id: string): Promise<(StoredEvent & { analysis?: EventAnalysis | undefined }) | undefined>;
  listEvents(query: EventQuery): Promise<EventPage>;
  countEvents(query?: Omit<EventQuery, 'limit' | 'cursor' | 'order'>): Promise<number>;
  /**
   * Events after `afterSeq` in insertion order with their analysis status and scores, but not their
   * texts, metadata or features: the review feeder walks every event this way, and reading and
   * parsing whole rows was the largest cost on the server's event loop during bulk ingest.
   */
  listAnalysisStates(afterSeq: number, limit: number): Promise<EventAnalysisState[]>;
  /**
   * The analysed ('done') events of a window in (timestamp, seq) order, projected for detection,
   * a page at a time; `cursor` is the previous page's `nextCursor`.
   */
  listDetectionRows(window: EventWindow, page: { limit: number; cursor?: string | undefined }): Promise<DetectionPage>;
  /** The earliest timestamp in the window of an event with no analysis yet, if there is one. */
  firstUnanalysedMs(window: EventWindow): Promise<number | undefined>;
  /** Events with no analysis yet, in insertion order, after `afterSeq` (recovery after a restart). */
  pendingAnalysis(afterSeq: number, limit: number): Promise<StoredEvent[]>;
  /**
   * Saves analyses and folds aggregate deltas into the stored aggregates in one transaction.
   * `merge(stored, delta)` combines two aggregate values; the store never looks inside them.
   * `settings` are written in the same transaction (the analysis cursor). Derived data, so not
   * synced to disk at once: it can be rebuilt from the events. The hourly and daily rollups are
   * folded in the same transaction.
   */
  saveAnalyses(analyses: readonly EventAnalysis[], deltas: readonly AggregateRow[], merge: (a: unknown, b: unknown) => unknown, settings?: Record<string, string>): Promise<void>;
  /**
   * Rows whose start lies in [fromMs, toMs), oldest first. `resolutionMs` 60,000 (default) reads
   * the minutes; 3,600,000 or 86,400,000 the hourly or daily rollups, which hold the merge of
   * their minutes once the setting ROLLUPS_READY_SETTING is '1' (see rebuildRollups).
   */
  readAggregates(query: { deployment?: string; source?: EventSource; fromMs: number; toMs: number; resolutionMs?: AggregateResolutionMs }): Promise<AggregateRow[]>;
  /**
   * Recomputes the hourly and daily rollups from the minute aggregates (for a store that had
   * minutes before rollups existed), then sets ROLLUPS_READY_SETTING. Returns the minutes read.
   * Optional so that test doubles need not implement it; both real adapters do.
   */
  rebuildRollups?(merge: (a: unknown, b: unknown) => unknown): Promise<number>;
  listDeployments(): Promise<Array<{ deployment: string; events: number; lastMs: number }>>;
  /**
   * The names of every deployment with stored events, sorted, without counting them: a loose
   * index scan (one index probe per deployment), so its cost does not grow with the events
   * stored, unlike listDeployments' count. Optional for test doubles; both real adapters have it.
   */
  listDeploymentNames?(): Promise<string[]>;
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

/** Where the next page starts: after `seq`, and for order 'time' after (`tsMs`, `seq`). */
export interface PagePosition { seq: number; tsMs?: number | undefined }

/** The opaque `nextCursor` after the event at `last`, for a listing in `order`. */
export function cursorAfter(order: EventQuery['order'], last: { tsMs: number; seq: number }): string {
  return Buffer.from(order === 'time' ? `t:${last.tsMs}:${last.seq}` : `s:${last.seq}`).toString('base64url');
}

/**
 * One page out of the `limit + 1` rows a list query reads: the first `limit` of them, and a cursor
 * after the last of those when the extra row shows there is more.
 */
export function pageOfRows<R extends { ts_ms: number | string; seq: number | string }>(
  rows: readonly R[], limit: number, order: EventQuery['order'],
): { rows: R[]; nextCursor: string | null } {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return { rows: kept, nextCursor: rows.length > limit && last ? cursorAfter(order, { tsMs: Number(last.ts_ms), seq: Number(last.seq) }) : null };
}

/** Reads a cursor that `cursorAfter` issued for the same order; anything else is an invalid query. */
export function readCursor(order: EventQuery['order'], cursor: string): PagePosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = order === 'time' ? /^t:(-?\d+):(\d+)$/.exec(text) : /^s:(\d+)$/.exec(text);
  if (!m) throw new ArgusError('ARGUS_ERR_INVALID_QUERY', `cursor: not a cursor this server issued for this order: '${cursor}'`);
  return order === 'time' ? { tsMs: Number(m[1]), seq: Number(m[2]) } : { seq: Number(m[1]) };
}
