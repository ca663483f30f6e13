import { invalidInput } from '../../errors.js';
import type { Aggregator } from './aggregator.js';

/**
 * t-digest quantile sketch (merging variant), for percentiles such as the 95th percentile of
 * toxicity over a window, in bounded memory and mergeable across shards and windows.
 *
 * Formulas: values are kept as centroids (mean, weight) sorted by mean. A pass over the sorted
 * centroids merges neighbours while the merged centroid stays within one unit of the scale
 * function k1(q) = delta / (2 pi) * asin(2q - 1), where q is the cumulative weight fraction;
 * k1 is steep near q = 0 and 1, so centroids there stay small and tail quantiles are accurate.
 * The digest keeps at most about delta centroids (plus a buffer of 5 delta raw values).
 * quantile(q) interpolates linearly between centroid centres (cumulative weight at the middle
 * of each centroid), and between min / max and the outermost centroids.
 * Error bound: the t-digest gives no worst-case guarantee; its rank error at q scales roughly as
 * q (1 - q) / delta (Dunning 2019, section 4). With delta = 100 our tests measure a rank error
 * below 0.005 at q = 0.5, 0.95 and 0.99 on 20,000 lognormal and uniform values, before and after
 * merging 8 shards; min and max are exact. NaN is not added; it is counted.
 *
 * Example: adding 1..1000 with delta 100 gives quantile(0.95) within 5 of 950.5 and
 * quantile(0) = 1, quantile(1) = 1000 exactly.
 *
 * Reference: T. Dunning and O. Ertl, "Computing extremely accurate quantiles using t-digests",
 * arXiv:1902.04023, 2019 (MergingDigest).
 */
export interface TDigestState {
  compression: number;
  means: number[];
  weights: number[];
  buffer: number[];
  totalWeight: number;
  min: number;
  max: number;
  nanCount: number;
}

export function createTDigest(compression = 100): TDigestState {
  if (!(compression >= 10) || !Number.isFinite(compression)) throw invalidInput(`t-digest compression must be >= 10, got ${compression}`);
  return { compression, means: [], weights: [], buffer: [], totalWeight: 0, min: Infinity, max: -Infinity, nanCount: 0 };
}

function kScale(q: number, delta: number): number {
  return (delta / (2 * Math.PI)) * Math.asin(2 * q - 1);
}

function kInverse(k: number, delta: number): number {
  return (Math.sin((k * 2 * Math.PI) / delta) + 1) / 2;
}

/**
 * One merge sweep over (mean, weight) pairs already sorted by mean: neighbours merge while the
 * merged centroid stays within one unit of k1.
 */
function sweep(s: TDigestState, m: Float64Array, w: Float64Array): void {
  const n = m.length;
  if (n === 0) return;
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i] as number;
  const delta = s.compression;
  const outMeans: number[] = [];
  const outWeights: number[] = [];
  let curMean = m[0] as number;
  let curWeight = w[0] as number;
  let weightSoFar = 0;
  let qLimit = kInverse(kScale(0, delta) + 1, delta);
  for (let i = 1; i < n; i++) {
    const wi = w[i] as number;
    if ((weightSoFar + curWeight + wi) / total <= qLimit) {
      curWeight += wi;
      curMean += ((m[i] as number) - curMean) * (wi / curWeight);
    } else {
      outMeans.push(curMean);
      outWeights.push(curWeight);
      weightSoFar += curWeight;
      qLimit = kInverse(kScale(Math.min(1, weightSoFar / total), delta) + 1, delta);
      curMean = m[i] as number;
      curWeight = wi;
    }
  }
  outMeans.push(curMean);
  outWeights.push(curWeight);
  s.means = outMeans;
  s.weights = outWeights;
  s.totalWeight = total;
  s.buffer = [];
}

/** Merges two lists sorted by mean into one (linear time). */
function mergeSorted(m1: ArrayLike<number>, w1: ArrayLike<number>, m2: ArrayLike<number>, w2: ArrayLike<number>): [Float64Array, Float64Array] {
  const n = m1.length + m2.length;
  const m = new Float64Array(n);
  const w = new Float64Array(n);
  let i = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    if (j >= m2.length || (i < m1.length && (m1[i] as number) <= (m2[j] as number))) {
      m[k] = m1[i] as number;
      w[k] = w1[i] as number;
      i++;
    } else {
      m[k] = m2[j] as number;
      w[k] = w2[j] as number;
      j++;
    }
  }
  return [m, w];
}

/** Sorted raw values as weight-1 points. */
function sortedBuffer(values: readonly number[]): [Float64Array, Float64Array] {
  return [Float64Array.from(values).sort(), new Float64Array(values.length).fill(1)];
}

/** Folds the buffered raw values into the centroids. */
function compress(s: TDigestState): void {
  if (s.buffer.length === 0) return;
  const [bm, bw] = sortedBuffer(s.buffer);
  sweep(s, ...mergeSorted(s.means, s.weights, bm, bw));
}

export function addTDigest(s: TDigestState, x: number): void {
  if (Number.isNaN(x)) {
    s.nanCount++;
    return;
  }
  s.buffer.push(x);
  if (x < s.min) s.min = x;
  if (x > s.max) s.max = x;
  if (s.buffer.length >= 5 * s.compression) compress(s);
}

/** A new digest holding both inputs (which are left unchanged). */
export function mergeTDigest(a: TDigestState, b: TDigestState): TDigestState {
  const out = createTDigest(Math.max(a.compression, b.compression));
  out.min = Math.min(a.min, b.min);
  out.max = Math.max(a.max, b.max);
  out.nanCount = a.nanCount + b.nanCount;
  const [cm, cw] = mergeSorted(a.means, a.weights, b.means, b.weights);
  const [bm, bw] = sortedBuffer([...a.buffer, ...b.buffer]);
  sweep(out, ...mergeSorted(cm, cw, bm, bw));
  return out;
}

/** Estimated q-quantile (0 <= q <= 1); NaN for an empty digest. */
export function quantileTDigest(s: TDigestState, q: number): number {
  if (!(q >= 0 && q <= 1)) throw invalidInput(`quantile q must be in [0, 1], got ${q}`);
  compress(s);
  const n = s.means.length;
  if (n === 0) return NaN;
  if (q === 0) return s.min;
  if (q === 1) return s.max;
  if (n === 1) return s.means[0] as number;
  const total = s.totalWeight;
  const target = q * total;
  const w0 = s.weights[0] as number;
  if (target < w0 / 2) {
    return s.min + ((target / (w0 / 2)) * ((s.means[0] as number) - s.min));
  }
  let cum = 0;
  for (let i = 0; i < n - 1; i++) {
    const wi = s.weights[i] as number;
    const wj = s.weights[i + 1] as number;
    const centreI = cum + wi / 2;
    const centreJ = cum + wi + wj / 2;
    if (target < centreJ) {
      const t = (target - centreI) / (centreJ - centreI);
      return (s.means[i] as number) + t * ((s.means[i + 1] as number) - (s.means[i] as number));
    }
    cum += wi;
  }
  const wl = s.weights[n - 1] as number;
  const startLast = total - wl / 2;
  const t = (target - startLast) / (wl / 2);
  return (s.means[n - 1] as number) + Math.min(1, t) * (s.max - (s.means[n - 1] as number));
}

export interface TDigestSnapshot {
  count: number;
  nanCount: number;
  min: number;
  max: number;
  p50: number;
  p95: number;
  p99: number;
  centroids: number;
}

export function snapshotTDigest(s: TDigestState): TDigestSnapshot {
  compress(s);
  return {
    count: s.totalWeight,
    nanCount: s.nanCount,
    min: s.totalWeight ? s.min : NaN,
    max: s.totalWeight ? s.max : NaN,
    p50: quantileTDigest(s, 0.5),
    p95: quantileTDigest(s, 0.95),
    p99: quantileTDigest(s, 0.99),
    centroids: s.means.length,
  };
}

export function tdigestAggregator(compression = 100): Aggregator<TDigestState, number, TDigestSnapshot> {
  return { create: () => createTDigest(compression), add: addTDigest, merge: mergeTDigest, snapshot: snapshotTDigest };
}
