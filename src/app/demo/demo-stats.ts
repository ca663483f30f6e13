import type { EventStore } from '../../adapters/storage/types.js';
import type { HarmCategory } from '../../core/classify/types.js';
import { confirmedCounts, emptyMinuteAggregate, mergeMinuteAggregates, type MinuteAggregate } from '../../core/aggregate/minute-aggregate.js';

export interface LiveStats {
  events: number;
  analysed: number;
  /** Share of harmful requests (any S-category) refused or partly refused, in the window. */
  harmfulRefusalRate: number | null;
  harmfulN: number;
  categoryRefusalRate: number | null;
  categoryN: number;
  triggerEvents: number;
}

/**
 * Reads production aggregates of a deployment over [fromMs, toMs) and summarises them for the live
 * view. The refusal rates are over the sample the detectors count (the aggregates' confirmed
 * counts: countsTowardRefusal and isRefusal, docs/detection.md).
 */
export async function readLiveStats(store: EventStore, deployment: string, category: HarmCategory | undefined, fromMs: number, toMs: number): Promise<LiveStats> {
  const rows = await store.readAggregates({ deployment, source: 'production', fromMs, toMs });
  const agg = rows.reduce<MinuteAggregate>((acc, r) => mergeMinuteAggregates(acc, r.data as MinuteAggregate), emptyMinuteAggregate());
  let n = 0;
  let refused = 0;
  for (const [cat, c] of Object.entries(agg.byCategory)) {
    if (cat === 'benign' || !c) continue;
    const k = confirmedCounts(c);
    n += k.counted;
    refused += k.refused;
  }
  const entry = category ? agg.byCategory[category] : undefined;
  const cat = entry ? confirmedCounts(entry) : undefined;
  return {
    events: agg.events,
    analysed: agg.analysed,
    harmfulRefusalRate: n > 0 ? refused / n : null,
    harmfulN: n,
    categoryRefusalRate: cat && cat.counted > 0 ? cat.refused / cat.counted : null,
    categoryN: cat?.counted ?? 0,
    triggerEvents: agg.triggerEvents,
  };
}
