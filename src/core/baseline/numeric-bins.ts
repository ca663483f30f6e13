import { invalidInput } from '../errors.js';
import { quantileLinear } from '../stats/anomaly/quantile.js';

/**
 * A numeric distribution kept as counts in baseline-quantile bins, so a later window is compared
 * with the baseline by a chi-squared test on the same bins, and KS and Wasserstein distances can be
 * read off the binned CDFs.
 *
 * Bins: the distinct deciles of the baseline values are cut points c_1 < ... < c_m; bin 0 is
 * (-inf, c_1], bin i is (c_i, c_{i+1}], bin m is (c_m, inf). Example: values 1..100 give cut points
 * 10.9, 20.8, ..., 90.1 and ten bins of 10 values each.
 */
export interface BinnedNumeric {
  n: number;
  cuts: number[];
  counts: number[];
  mean: number | null;
  sd: number | null;
  quantiles: { p50: number; p90: number; p95: number; p99: number } | null;
}

export function binIndex(cuts: readonly number[], value: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value <= (cuts[mid] as number)) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/** `fixedCuts`: bin with another distribution's cut points (a window against its baseline). */
export function binNumeric(values: readonly number[], bins = 10, fixedCuts?: readonly number[]): BinnedNumeric {
  if (!Number.isInteger(bins) || bins < 2) throw invalidInput(`bins must be an integer >= 2, got ${bins}`);
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { n: 0, cuts: [...(fixedCuts ?? [])], counts: new Array<number>((fixedCuts?.length ?? 0) + 1).fill(0), mean: null, sd: null, quantiles: null };
  const sorted = Float64Array.from(finite).sort();
  const cuts: number[] = fixedCuts ? [...fixedCuts] : [];
  for (let i = 1; i < bins && !fixedCuts; i++) {
    const c = quantileLinear(sorted, i / bins);
    if (cuts.length === 0 || c > (cuts[cuts.length - 1] as number)) cuts.push(c);
  }
  const counts = countInBins(cuts, finite);
  const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
  const sd = Math.sqrt(finite.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, finite.length - 1));
  const q = (p: number) => quantileLinear(sorted, p);
  return { n: finite.length, cuts, counts, mean, sd, quantiles: { p50: q(0.5), p90: q(0.9), p95: q(0.95), p99: q(0.99) } };
}

export function countInBins(cuts: readonly number[], values: readonly number[]): number[] {
  const counts = new Array<number>(cuts.length + 1).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const i = binIndex(cuts, v);
    counts[i] = (counts[i] as number) + 1;
  }
  return counts;
}

/**
 * Largest difference between two binned CDFs, evaluated at the cut points: a lower bound on the
 * two-sample KS statistic of the raw values. Example: [5, 5] vs [10, 0] gives 0.5.
 */
export function binnedKs(a: readonly number[], b: readonly number[]): number {
  const na = a.reduce((s, v) => s + v, 0);
  const nb = b.reduce((s, v) => s + v, 0);
  if (na === 0 || nb === 0) return 0;
  let ca = 0;
  let cb = 0;
  let d = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    ca += a[i] ?? 0;
    cb += b[i] ?? 0;
    d = Math.max(d, Math.abs(ca / na - cb / nb));
  }
  return d;
}
