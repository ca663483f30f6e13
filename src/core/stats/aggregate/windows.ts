import { invalidInput } from '../../errors.js';
import type { Aggregator } from './aggregator.js';

/**
 * Tumbling and sliding windows over any mergeable aggregator, keyed by a timestamp passed in
 * with each record (no clock is read here).
 *  - Tumbling: window i covers [i w, (i + 1) w) for width w = windowMs; each record goes to
 *    exactly one window.
 *  - Sliding: records are kept in panes of slideMs; the window ending at time t covers
 *    [t - windowMs, t) and is the merge of the panes inside it (windowMs must be a multiple of
 *    slideMs). Merging panes equals replaying their records, so a sliding snapshot is exact.
 * `evictBefore(tMs)` drops state older than tMs, bounding memory on long streams.
 *
 * Example: a tumbling moments window of 60_000 ms fed (0, 1), (30_000, 3), (61_000, 10) yields
 * windows starting at 0 (mean 2) and 60_000 (mean 10).
 *
 * Reference: the panes technique of J. Li et al., "No pane, no gain", SIGMOD Record 34(1), 2005.
 */
export interface WindowSnapshot<Snap> {
  startMs: number;
  endMs: number;
  snapshot: Snap;
}

function checkTimestamp(tMs: number): void {
  if (!Number.isFinite(tMs)) throw invalidInput(`Invalid timestamp: ${tMs}`);
}

export interface TumblingWindows<V, Snap> {
  add(timestampMs: number, value: V): void;
  windows(): WindowSnapshot<Snap>[];
  evictBefore(timestampMs: number): void;
}

export function createTumblingWindows<S, V, Snap>(aggregator: Aggregator<S, V, Snap>, windowMs: number): TumblingWindows<V, Snap> {
  if (!(windowMs > 0)) throw invalidInput(`windowMs must be > 0, got ${windowMs}`);
  const buckets = new Map<number, S>();
  return {
    add(timestampMs, value) {
      checkTimestamp(timestampMs);
      const key = Math.floor(timestampMs / windowMs);
      let state = buckets.get(key);
      if (state === undefined) {
        state = aggregator.create();
        buckets.set(key, state);
      }
      aggregator.add(state, value);
    },
    windows() {
      return [...buckets.keys()].sort((a, b) => a - b).map((key) => ({ startMs: key * windowMs, endMs: (key + 1) * windowMs, snapshot: aggregator.snapshot(buckets.get(key) as S) }));
    },
    evictBefore(timestampMs) {
      for (const key of buckets.keys()) if ((key + 1) * windowMs <= timestampMs) buckets.delete(key);
    },
  };
}

export interface SlidingWindow<V, Snap> {
  add(timestampMs: number, value: V): void;
  /** The window [endMs - windowMs, endMs). */
  at(endMs: number): WindowSnapshot<Snap>;
  evictBefore(timestampMs: number): void;
}

export function createSlidingWindow<S, V, Snap>(aggregator: Aggregator<S, V, Snap>, options: { windowMs: number; slideMs: number }): SlidingWindow<V, Snap> {
  const { windowMs, slideMs } = options;
  if (!(slideMs > 0) || !(windowMs > 0) || windowMs % slideMs !== 0) throw invalidInput(`windowMs (${windowMs}) must be a positive multiple of slideMs (${slideMs})`);
  const panes = new Map<number, S>();
  return {
    add(timestampMs, value) {
      checkTimestamp(timestampMs);
      const key = Math.floor(timestampMs / slideMs);
      let state = panes.get(key);
      if (state === undefined) {
        state = aggregator.create();
        panes.set(key, state);
      }
      aggregator.add(state, value);
    },
    at(endMs) {
      checkTimestamp(endMs);
      const startMs = endMs - windowMs;
      let merged = aggregator.create();
      for (const [key, state] of panes) {
        const paneStart = key * slideMs;
        if (paneStart >= startMs && paneStart + slideMs <= endMs) merged = aggregator.merge(merged, state);
      }
      return { startMs, endMs, snapshot: aggregator.snapshot(merged) };
    },
    evictBefore(timestampMs) {
      for (const key of panes.keys()) if ((key + 1) * slideMs <= timestampMs) panes.delete(key);
    },
  };
}
