import type { Logger } from 'pino';
import type { EventStore, InsertOutcome } from '../../adapters/storage/types.js';
import { addToMinuteAggregate, emptyMinuteAggregate, mergeMinuteAggregates, minuteOf, type MinuteAggregate } from '../../core/aggregate/minute-aggregate.js';
import type { Clock } from '../../core/clock.js';
import { ArgusError } from '../../core/errors.js';
import type { EventAnalysis, EventRecord, StoredEvent } from '../../core/events/event.js';
import type { Sampler } from '../../core/sampling/sampler.js';
import type { Metrics } from '../metrics.js';
import type { Analyzer } from './analyzer.js';

export interface PipelineOptions {
  store: EventStore;
  analyzer: Analyzer;
  sampler: Sampler;
  clock: Clock;
  metrics: Metrics;
  logger: Logger;
  /** Most events that may wait for analysis (stored but not analysed) before ingest answers 429. */
  queueCapacity: number;
  batchSize: number;
  /** Longest a gateway capture waits in memory before it is written. */
  flushIntervalMs: number;
  /** How often the worker looks for events written by other processes (argus import), when idle. */
  pollIntervalMs?: number;
  /** Time slice the analyser may hold the event loop before yielding to requests. */
  sliceMs?: number;
}

export interface Pipeline {
  /** Stores a batch in one transaction (committed before it resolves). Throws ARGUS_ERR_SATURATED when the backlog is full. */
  ingest(records: readonly EventRecord[], iface: 'api' | 'import' | 'otlp'): Promise<InsertOutcome[]>;
  /** Queues a gateway capture; never throws and never waits. Returns false if it was dropped. */
  capture(record: EventRecord): boolean;
  /** Backlog of events waiting to be stored or analysed, as far as this process knows. */
  depth(): number;
  /** Resolves when nothing is waiting: every captured event stored and every stored event analysed. */
  idle(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Ingest and gateway captures are written to the store first; a worker then pulls events that
 * have no analysis yet, in sequence order, and analyses them in batches: sampling, features,
 * classifiers, minute aggregates, one transaction per batch. The backlog lives on disk, so memory
 * stays bounded, a crash loses nothing, and events written by another process are picked up.
 */
export function createPipeline(o: PipelineOptions): Pipeline {
  const pollIntervalMs = o.pollIntervalMs ?? 1_000;
  const sliceMs = o.sliceMs ?? 4;
  const writeBuffer: EventRecord[] = [];
  let flushTimer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();
  let cursorSeq = 0;
  let highestSeq = 0;
  let running = false;
  let wake: (() => void) | undefined;
  let loopDone: Promise<void> = Promise.resolve();
  let idleWaiters: Array<() => void> = [];

  const backlog = () => Math.max(0, highestSeq - cursorSeq);
  const updateGauges = () => {
    o.metrics.queueDepth.set({ queue: 'write' }, writeBuffer.length);
    o.metrics.queueDepth.set({ queue: 'analyse' }, backlog());
  };
  const kick = () => { wake?.(); };
  const noteStored = (records: readonly EventRecord[], outcomes: readonly InsertOutcome[]) => {
    outcomes.forEach((out, i) => {
      if (out.status === 'accepted') {
        o.metrics.eventsStored.inc();
        const r = records[i] as EventRecord;
        o.metrics.deploymentEvents.inc({ deployment: o.metrics.deploymentLabel(r.deployment), source: r.source });
        if (out.seq !== undefined && out.seq > highestSeq) highestSeq = out.seq;
      } else {
        o.metrics.eventsDuplicate.inc();
      }
    });
    updateGauges();
    kick();
  };

  async function flush(): Promise<void> {
    flushTimer = undefined;
    while (writeBuffer.length > 0) {
      const batch = writeBuffer.splice(0, o.batchSize);
      const end = o.metrics.stageDuration.startTimer({ stage: 'store' });
      try {
        noteStored(batch, await o.store.insertEvents(batch, { durable: false }));
      } catch (err) {
        o.metrics.internalErrors.inc({ stage: 'store' }, 1);
        o.metrics.eventsDropped.inc({ reason: 'store_failed' }, batch.length);
        o.logger.error({ err, events: batch.length }, 'could not store captured events; they are dropped');
      } finally {
        end();
      }
    }
    updateGauges();
  }
  const scheduleFlush = () => {
    if (writeBuffer.length >= o.batchSize) {
      if (flushTimer) clearTimeout(flushTimer);
      flushing = flushing.then(flush);
    } else if (!flushTimer) {
      flushTimer = setTimeout(() => { flushing = flushing.then(flush); }, o.flushIntervalMs);
    }
  };

  async function analyseBatch(events: StoredEvent[], nextCursorSeq: number): Promise<void> {
    const analyses: EventAnalysis[] = [];
    const aggregates = new Map<string, { deployment: string; source: StoredEvent['source']; minuteMs: number; agg: MinuteAggregate }>();
    let sliceStart = performance.now();
    const endClassify = o.metrics.stageDuration.startTimer({ stage: 'classify' });
    for (const e of events) {
      const nowMs = o.clock.now();
      const key = `${e.deployment}\u0000${e.source}\u0000${minuteOf(e.timestampMs)}`;
      let bucket = aggregates.get(key);
      if (!bucket) { bucket = { deployment: e.deployment, source: e.source, minuteMs: minuteOf(e.timestampMs), agg: emptyMinuteAggregate() }; aggregates.set(key, bucket); }
      if (!o.sampler.shouldAnalyse()) {
        analyses.push({ seq: e.seq, status: 'skipped', analyzedMs: nowMs });
        addToMinuteAggregate(bucket.agg, e);
        o.metrics.eventsAnalysed.inc({ status: 'skipped' });
        continue;
      }
      const result = await o.analyzer.analyze(e);
      const status = result.error === undefined ? 'done' : 'failed';
      analyses.push({ seq: e.seq, status, analyzedMs: nowMs, features: { ...result.features }, scores: result.scores, error: result.error });
      addToMinuteAggregate(bucket.agg, { ...e, features: result.features, scores: result.scores });
      o.metrics.eventsAnalysed.inc({ status });
      if (performance.now() - sliceStart > sliceMs) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    endClassify();
    const endAgg = o.metrics.stageDuration.startTimer({ stage: 'aggregate' });
    const deltas = [...aggregates.values()].map((b) => ({ deployment: b.deployment, source: b.source, minuteMs: b.minuteMs, data: b.agg }));
    await o.store.saveAnalyses(analyses, deltas, (a, b) => mergeMinuteAggregates(a as MinuteAggregate, b as MinuteAggregate),
      { analysis_cursor_seq: String(nextCursorSeq) });
    endAgg();
  }

  async function loop(): Promise<void> {
    const saved = await o.store.getSetting('analysis_cursor_seq').catch(() => undefined);
    cursorSeq = saved === undefined ? 0 : Number(saved);
    while (running) {
      let events: StoredEvent[];
      try {
        events = await o.store.pendingAnalysis(cursorSeq, o.batchSize);
        if (events.length > 0) {
          const lastSeq = (events.at(-1) as StoredEvent).seq;
          await analyseBatch(events, lastSeq);
          cursorSeq = lastSeq;
          if (cursorSeq > highestSeq) highestSeq = cursorSeq;
          updateGauges();
        }
      } catch (err) {
        o.metrics.internalErrors.inc({ stage: 'analyse' });
        o.logger.error({ err }, 'analysis batch failed; retrying after a pause');
        await sleepOrWake(pollIntervalMs);
        continue;
      }
      if (events.length === 0) {
        if (writeBuffer.length === 0) { const waiters = idleWaiters; idleWaiters = []; waiters.forEach((w) => w()); }
        await sleepOrWake(pollIntervalMs);
      }
    }
  }
  const sleepOrWake = (ms: number) => new Promise<void>((resolve) => {
    const t = setTimeout(() => { wake = undefined; resolve(); }, ms);
    wake = () => { clearTimeout(t); wake = undefined; resolve(); };
  });

  return {
    async ingest(records, iface) {
      o.metrics.eventsReceived.inc({ interface: iface }, records.length);
      if (backlog() + writeBuffer.length + records.length > o.queueCapacity) {
        o.metrics.eventsDropped.inc({ reason: 'saturated' }, records.length);
        throw new ArgusError('ARGUS_ERR_SATURATED', `the analysis backlog is full (${backlog()} events waiting, capacity ${o.queueCapacity}); retry later`,
          { details: { retryAfterSeconds: 1 } });
      }
      if (records.length === 0) return [];
      const end = o.metrics.stageDuration.startTimer({ stage: 'store' });
      try {
        const outcomes = await o.store.insertEvents(records);
        noteStored(records, outcomes);
        return outcomes;
      } finally {
        end();
      }
    },
    capture(record) {
      o.metrics.eventsReceived.inc({ interface: 'gateway' });
      if (backlog() + writeBuffer.length >= o.queueCapacity) {
        o.metrics.eventsDropped.inc({ reason: 'saturated' });
        return false;
      }
      writeBuffer.push(record);
      scheduleFlush();
      return true;
    },
    depth: () => backlog() + writeBuffer.length,
    idle() {
      if (!running) return Promise.resolve();
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        if (flushTimer) { clearTimeout(flushTimer); flushing = flushing.then(flush); }
        void flushing.then(kick);
      });
    },
    start() {
      if (running) return;
      running = true;
      loopDone = loop().catch((err: unknown) => { o.logger.fatal({ err }, 'pipeline loop stopped'); });
    },
    async stop() {
      if (flushTimer) clearTimeout(flushTimer);
      flushing = flushing.then(flush);
      await flushing;
      running = false;
      wake?.();
      await loopDone;
    },
  };
}
