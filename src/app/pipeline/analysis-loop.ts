import type { Logger } from 'pino';
import type { EventStore } from '../../adapters/storage/types.js';
import { addToMinuteAggregate, emptyMinuteAggregate, mergeMinuteAggregates, minuteOf, type MinuteAggregate } from '../../core/aggregate/minute-aggregate.js';
import type { Clock } from '../../core/clock.js';
import type { EventAnalysis, StoredEvent } from '../../core/events/event.js';
import type { Sampler } from '../../core/sampling/sampler.js';
import type { Analyzer } from './analyzer.js';

/** What the loop reports, so the metrics can live in another process. */
export interface AnalysisObserver {
  analysed(status: EventAnalysis['status'], count: number): void;
  stage(stage: 'classify' | 'aggregate', seconds: number): void;
  error(stage: 'analyse', err: unknown): void;
  progress(cursorSeq: number): void;
  idle(): void;
}

export interface AnalysisLoopOptions {
  store: EventStore;
  analyzer: Analyzer;
  sampler: Sampler;
  clock: Clock;
  logger: Logger;
  observer: AnalysisObserver;
  batchSize: number;
  pollIntervalMs?: number;
  /** Time slice the analyser may hold the event loop before yielding. */
  sliceMs?: number;
}

export interface AnalysisLoop {
  kick(): void;
  stop(): Promise<void>;
}

/**
 * Pulls events that have no analysis yet, in sequence order, and analyses them in batches:
 * sampling, features, classifiers, minute aggregates; one transaction per batch, with the
 * cursor. Sleeps when there is nothing to do until kicked or until the poll interval passes.
 */
export function startAnalysisLoop(o: AnalysisLoopOptions): AnalysisLoop {
  const pollIntervalMs = o.pollIntervalMs ?? 1_000;
  const sliceMs = o.sliceMs ?? 4;
  let running = true;
  let wake: (() => void) | undefined;
  let kicked = false;

  const sleepOrWake = (ms: number) => new Promise<void>((resolve) => {
    if (kicked) { kicked = false; resolve(); return; }
    const t = setTimeout(() => { wake = undefined; resolve(); }, ms);
    wake = () => { clearTimeout(t); wake = undefined; resolve(); };
  });

  async function analyseBatch(events: StoredEvent[], nextCursorSeq: number): Promise<void> {
    const analyses: EventAnalysis[] = [];
    const buckets = new Map<string, { deployment: string; source: StoredEvent['source']; minuteMs: number; agg: MinuteAggregate }>();
    const counts = { done: 0, skipped: 0, failed: 0 };
    let sliceStart = performance.now();
    const t0 = performance.now();
    for (const e of events) {
      const nowMs = o.clock.now();
      const minuteMs = minuteOf(e.timestampMs);
      const key = `${e.deployment}\u0000${e.source}\u0000${minuteMs}`;
      let bucket = buckets.get(key);
      if (!bucket) { bucket = { deployment: e.deployment, source: e.source, minuteMs, agg: emptyMinuteAggregate() }; buckets.set(key, bucket); }
      if (!o.sampler.shouldAnalyse(e.deployment)) {
        analyses.push({ seq: e.seq, status: 'skipped', analyzedMs: nowMs });
        addToMinuteAggregate(bucket.agg, e);
        counts.skipped++;
        continue;
      }
      const result = await o.analyzer.analyze(e);
      const status = result.error === undefined ? 'done' : 'failed';
      analyses.push({ seq: e.seq, status, analyzedMs: nowMs, features: { ...result.features }, scores: result.scores, error: result.error });
      addToMinuteAggregate(bucket.agg, { ...e, features: result.features, scores: result.scores });
      counts[status]++;
      if (performance.now() - sliceStart > sliceMs) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    const t1 = performance.now();
    const deltas = [...buckets.values()].map((b) => ({ deployment: b.deployment, source: b.source, minuteMs: b.minuteMs, data: b.agg }));
    await o.store.saveAnalyses(analyses, deltas, (a, b) => mergeMinuteAggregates(a as MinuteAggregate, b as MinuteAggregate),
      { analysis_cursor_seq: String(nextCursorSeq) });
    o.observer.stage('classify', (t1 - t0) / 1000);
    o.observer.stage('aggregate', (performance.now() - t1) / 1000);
    for (const [status, n] of Object.entries(counts) as Array<[EventAnalysis['status'], number]>) if (n > 0) o.observer.analysed(status, n);
  }

  async function loop(): Promise<void> {
    const saved = await o.store.getSetting('analysis_cursor_seq').catch(() => undefined);
    let cursorSeq = saved === undefined ? 0 : Number(saved);
    o.observer.progress(cursorSeq);
    while (running) {
      let events: StoredEvent[];
      try {
        events = await o.store.pendingAnalysis(cursorSeq, o.batchSize);
        if (events.length > 0) {
          const lastSeq = (events.at(-1) as StoredEvent).seq;
          await analyseBatch(events, lastSeq);
          cursorSeq = lastSeq;
          o.observer.progress(cursorSeq);
          continue;
        }
      } catch (err) {
        o.observer.error('analyse', err);
        o.logger.error({ err }, 'analysis batch failed; retrying after a pause');
        await sleepOrWake(pollIntervalMs);
        continue;
      }
      o.observer.idle();
      await sleepOrWake(pollIntervalMs);
    }
  }

  const done = loop().catch((err: unknown) => { o.logger.fatal({ err }, 'analysis loop stopped'); });
  return {
    kick() { if (wake) wake(); else kicked = true; },
    async stop() { running = false; wake?.(); await done; },
  };
}
