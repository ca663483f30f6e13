import type { Logger } from 'pino';
import type { EventStore, InsertOutcome } from '../../adapters/storage/types.js';
import { ArgusError } from '../../core/errors.js';
import type { EventRecord } from '../../core/events/event.js';
import type { Metrics } from '../metrics.js';
import type { AnalysisObserver } from './analysis-loop.js';
import type { AnalysisRunner } from './analysis-runner.js';
import { createGroupCommitter } from './group-commit.js';

export interface PipelineOptions {
  store: EventStore;
  runner: AnalysisRunner;
  metrics: Metrics;
  logger: Logger;
  /** Most events that may wait for analysis (stored but not analysed) before ingest answers 429. */
  queueCapacity: number;
  batchSize: number;
  /** Longest a gateway capture waits in memory before it is written. */
  flushIntervalMs: number;
}

export interface Pipeline {
  /**
   * Stores a batch durably (committed before it resolves; batches handed in during the same
   * event-loop turn share one transaction, see group-commit.ts). Throws ARGUS_ERR_SATURATED
   * when the backlog is full.
   */
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
 * Ingest and gateway captures are written to the store first; the analysis runner then pulls
 * events that have no analysis yet, in sequence order (see analysis-loop.ts). The backlog lives
 * on disk, so memory stays bounded, a crash loses nothing, and events written by another
 * process are picked up. Captures wait in a bounded write buffer for at most flushIntervalMs.
 */
/** Most events in one group commit: bounds how long one transaction holds the event loop. */
const GROUP_COMMIT_MAX_EVENTS = 5_000;

export function createPipeline(o: PipelineOptions): Pipeline {
  const writeBuffer: EventRecord[] = [];
  let flushTimer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();
  let cursorSeq = 0;
  let highestSeq = 0;
  let running = false;
  let idleWaiters: Array<() => void> = [];
  const committer = createGroupCommitter((records) => o.store.insertEvents(records), GROUP_COMMIT_MAX_EVENTS);

  const backlog = () => Math.max(0, highestSeq - cursorSeq);
  const updateGauges = () => {
    o.metrics.queueDepth.set({ queue: 'write' }, writeBuffer.length);
    o.metrics.queueDepth.set({ queue: 'analyse' }, backlog());
  };
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
    o.runner.kick();
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
  const flushSoon = () => { if (flushTimer) clearTimeout(flushTimer); flushTimer = undefined; flushing = flushing.then(flush); };
  const scheduleFlush = () => {
    if (writeBuffer.length >= o.batchSize) flushSoon();
    else flushTimer ??= setTimeout(flushSoon, o.flushIntervalMs);
  };

  const observer: AnalysisObserver = {
    analysed: (status, count) => o.metrics.eventsAnalysed.inc({ status }, count),
    stage: (stage, seconds) => o.metrics.stageDuration.observe({ stage }, seconds),
    error: (stage, err) => {
      o.metrics.internalErrors.inc({ stage });
      o.logger.error({ err }, 'analysis failed');
    },
    progress: (seq) => {
      cursorSeq = seq;
      if (seq > highestSeq) highestSeq = seq;
      updateGauges();
    },
    idle: () => {
      if (writeBuffer.length > 0 || flushTimer) return;
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((w) => w());
    },
  };

  return {
    async ingest(records, iface) {
      o.metrics.eventsReceived.inc({ interface: iface }, records.length);
      if (backlog() + writeBuffer.length + committer.pending() + records.length > o.queueCapacity) {
        o.metrics.eventsDropped.inc({ reason: 'saturated' }, records.length);
        throw new ArgusError('ARGUS_ERR_SATURATED', `the analysis backlog is full (${backlog()} events waiting, capacity ${o.queueCapacity}); retry later`,
          { details: { retryAfterSeconds: 1 } });
      }
      if (records.length === 0) return [];
      const end = o.metrics.stageDuration.startTimer({ stage: 'store' });
      try {
        const outcomes = await committer.insert(records);
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
    depth: () => backlog() + writeBuffer.length + committer.pending(),
    idle() {
      if (!running) return Promise.resolve();
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        if (flushTimer) flushSoon();
        void flushing.then(() => o.runner.kick());
      });
    },
    start() {
      if (running) return;
      running = true;
      o.runner.start(observer);
    },
    async stop() {
      if (flushTimer) flushSoon();
      await flushing;
      running = false;
      await o.runner.stop();
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((w) => w());
    },
  };
}
