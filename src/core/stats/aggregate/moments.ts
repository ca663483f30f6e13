import type { Aggregator } from './aggregator.js';

/**
 * Count, mean, variance, min and max in one pass, mergeable.
 *
 * Formulas: Welford's update for each x: n += 1; d = x - mean; mean += d / n;
 * m2 += d (x - mean). Chan et al.'s merge of (n_a, mean_a, m2_a) and (n_b, mean_b, m2_b):
 * n = n_a + n_b; d = mean_b - mean_a; mean = mean_a + d n_b / n; m2 = m2_a + m2_b + d^2 n_a n_b / n.
 * Sample variance = m2 / (n - 1), population variance = m2 / n.
 * NaN values are not added; they are counted in `nanCount`. An empty state reports mean and
 * variances as NaN and min/max as NaN, on purpose, rather than 0.
 *
 * Example: adding 2, 4, 4, 4, 5, 5, 7, 9 gives count 8, mean 5, populationVariance 4,
 * sampleVariance 4.571428571428571.
 *
 * References: B. P. Welford, Technometrics 4(3), 1962; T. F. Chan, G. H. Golub and R. J. LeVeque,
 * "Algorithms for computing the sample variance", Am. Statistician 37(3), 1983.
 */
export interface MomentsState {
  count: number;
  mean: number;
  m2: number;
  min: number;
  max: number;
  nanCount: number;
}

export interface MomentsSnapshot {
  count: number;
  nanCount: number;
  mean: number;
  sampleVariance: number;
  populationVariance: number;
  stdDev: number;
  min: number;
  max: number;
}

export function createMoments(): MomentsState {
  return { count: 0, mean: 0, m2: 0, min: Infinity, max: -Infinity, nanCount: 0 };
}

export function addMoments(s: MomentsState, x: number): void {
  if (Number.isNaN(x)) {
    s.nanCount++;
    return;
  }
  s.count++;
  const d = x - s.mean;
  s.mean += d / s.count;
  s.m2 += d * (x - s.mean);
  if (x < s.min) s.min = x;
  if (x > s.max) s.max = x;
}

export function mergeMoments(a: MomentsState, b: MomentsState): MomentsState {
  const n = a.count + b.count;
  const base = { min: Math.min(a.min, b.min), max: Math.max(a.max, b.max), nanCount: a.nanCount + b.nanCount };
  if (a.count === 0) return { ...b, ...base };
  if (b.count === 0) return { ...a, ...base };
  const d = b.mean - a.mean;
  return { count: n, mean: a.mean + (d * b.count) / n, m2: a.m2 + b.m2 + (d * d * a.count * b.count) / n, ...base };
}

export function snapshotMoments(s: MomentsState): MomentsSnapshot {
  const empty = s.count === 0;
  const sampleVariance = s.count > 1 ? s.m2 / (s.count - 1) : NaN;
  return {
    count: s.count,
    nanCount: s.nanCount,
    mean: empty ? NaN : s.mean,
    sampleVariance,
    populationVariance: empty ? NaN : s.m2 / s.count,
    stdDev: Math.sqrt(sampleVariance),
    min: empty ? NaN : s.min,
    max: empty ? NaN : s.max,
  };
}

export const momentsAggregator: Aggregator<MomentsState, number, MomentsSnapshot> = {
  create: createMoments,
  add: addMoments,
  merge: mergeMoments,
  snapshot: snapshotMoments,
};
