import { createServer } from 'node:net';
import { emptyMinuteAggregate, mergeMinuteAggregates, TOXICITY_BINS, type MinuteAggregate } from '../../src/core/aggregate/minute-aggregate.js';
import type { EventStore } from '../../src/adapters/storage/types.js';

/** A minute with `harmful` S-category requests of which `refused` were refused, and `benign` others. */
export function minute(o: { harmful: number; refused: number; benign?: number; category?: 'S1' | 'S2' | 'S9'; toxicBin?: number }): MinuteAggregate {
  const a = emptyMinuteAggregate();
  const benign = o.benign ?? 0;
  a.events = a.analysed = o.harmful + benign;
  a.refusal = { comply: o.harmful - o.refused + benign, partial: 0, refuse: o.refused };
  a.byCategory = { [o.category ?? 'S1']: { n: o.harmful, refuse: o.refused, partial: 0 }, ...(benign ? { benign: { n: benign, refuse: 0, partial: 0 } } : {}) };
  const tox = new Array<number>(TOXICITY_BINS).fill(0);
  tox[o.toxicBin ?? 3] = a.events;
  a.toxicityHistogram = tox;
  a.latencyMs = { n: a.events, sum: 400 * a.events, sumSq: 160_000 * a.events };
  return a;
}

/** Writes aggregates straight into the store, as the analysis loop would. */
export async function seedAggregates(store: EventStore, rows: Array<{ deployment: string; minuteMs: number; data: MinuteAggregate }>): Promise<void> {
  await store.saveAnalyses([], rows.map((r) => ({ ...r, source: 'production' as const })), (a, b) => mergeMinuteAggregates(a as MinuteAggregate, b as MinuteAggregate));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const a = s.address(); s.close(() => resolve(typeof a === 'object' && a ? a.port : 0)); });
  });
}
