import { invalidInput } from '../../errors.js';
import type { Aggregator } from './aggregator.js';

/**
 * Mergeable histograms.
 *  - Fixed edges e_0 < ... < e_k: bin i counts e_i <= x < e_(i+1); values below e_0 go to
 *    `underflow`, values >= e_k to `overflow` (so nothing is lost), NaN to `nanCount`.
 *  - Categorical: a count per label; labels need not be known in advance.
 * merge adds counts cell by cell (fixed histograms must share edges), so merging equals replay
 * exactly.
 *
 * Example: edges [0, 0.5, 1] and values 0.1, 0.7, 1, -1 give counts [1, 1], overflow 1,
 * underflow 1.
 */
export interface FixedHistogramState {
  edges: readonly number[];
  counts: number[];
  underflow: number;
  overflow: number;
  nanCount: number;
}

export function createFixedHistogram(edges: readonly number[]): FixedHistogramState {
  if (edges.length < 2) throw invalidInput(`Histogram edges: need at least 2, got ${edges.length}`);
  for (let i = 1; i < edges.length; i++) {
    if (!((edges[i] as number) > (edges[i - 1] as number))) throw invalidInput(`Histogram edges must increase strictly: ${edges[i - 1]} then ${edges[i]}`);
  }
  return { edges: [...edges], counts: new Array<number>(edges.length - 1).fill(0), underflow: 0, overflow: 0, nanCount: 0 };
}

export function addFixedHistogram(s: FixedHistogramState, x: number): void {
  if (Number.isNaN(x)) {
    s.nanCount++;
    return;
  }
  const k = s.edges.length - 1;
  if (x < (s.edges[0] as number)) {
    s.underflow++;
    return;
  }
  if (x >= (s.edges[k] as number)) {
    s.overflow++;
    return;
  }
  let lo = 0;
  let hi = k;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((s.edges[mid] as number) <= x) lo = mid;
    else hi = mid;
  }
  s.counts[lo] = (s.counts[lo] as number) + 1;
}

export function mergeFixedHistogram(a: FixedHistogramState, b: FixedHistogramState): FixedHistogramState {
  if (a.edges.length !== b.edges.length || a.edges.some((e, i) => e !== b.edges[i])) throw invalidInput('mergeFixedHistogram: histograms have different edges');
  return {
    edges: a.edges,
    counts: a.counts.map((c, i) => c + (b.counts[i] as number)),
    underflow: a.underflow + b.underflow,
    overflow: a.overflow + b.overflow,
    nanCount: a.nanCount + b.nanCount,
  };
}

export function fixedHistogramAggregator(edges: readonly number[]): Aggregator<FixedHistogramState, number, FixedHistogramState> {
  return {
    create: () => createFixedHistogram(edges),
    add: addFixedHistogram,
    merge: mergeFixedHistogram,
    snapshot: (s) => ({ ...s, counts: [...s.counts] }),
  };
}

export type CategoryCounts = Map<string, number>;

export const categoricalAggregator: Aggregator<CategoryCounts, string, Record<string, number>> = {
  create: () => new Map(),
  add: (s, label) => {
    s.set(label, (s.get(label) ?? 0) + 1);
  },
  merge: (a, b) => {
    const out = new Map(a);
    for (const [k, v] of b) out.set(k, (out.get(k) ?? 0) + v);
    return out;
  },
  snapshot: (s) => Object.fromEntries([...s.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))),
};
