import { invalidInput } from '../../errors.js';
import { createL1Cost } from './l1-cost.js';
import { createLinearCost } from './linear-cost.js';

/** The segment costs PELT, binary segmentation and the brute-force check share. */
export type CostKind = 'l2' | 'l1' | 'normal' | 'linear' | 'bernoulli' | 'poisson';
export const COST_KINDS: readonly CostKind[] = ['l2', 'l1', 'normal', 'linear', 'bernoulli', 'poisson'];

/**
 * A segment cost over a fixed series: `cost(start, end)` is the cost of the half-open segment
 * [start, end), and splitting a segment never raises the total (C(a,b) + C(b,c) <= C(a,c)), the
 * condition under which PELT's pruning is exact with K = 0 (Killick et al. 2012, eq. 4).
 * `paramsPerSegment` is the number of parameters fitted per segment (the `p` in penalties).
 */
export interface SegmentCost {
  readonly kind: CostKind;
  readonly length: number;
  readonly paramsPerSegment: number;
  cost(start: number, end: number): number;
  /** out[i] = cost(starts[i], end) for i < count: PELT's inner loop, one call per step. */
  costsTo?(starts: Int32Array, count: number, end: number, out: Float64Array): void;
}

export interface CostOptions {
  /** Normal and linear costs only: the smallest variance a segment may have, so a constant run is not -Infinity. */
  varianceFloor?: number;
  /** Bernoulli/binomial cost only: trials per point (default 1, a Bernoulli series of 0/1). */
  trials?: ArrayLike<number>;
}

/** Builds the named cost over `values` (finite numbers; missing values are removed beforehand). */
export function createCost(kind: CostKind, values: ArrayLike<number>, options: CostOptions = {}): SegmentCost {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw invalidInput(`cost ${kind}: value at index ${i} is ${values[i]}, expected a finite number`);
  }
  switch (kind) {
    case 'l2': return createL2Cost(values);
    case 'l1': return createL1Cost(values);
    case 'normal': return createNormalCost(values, options.varianceFloor ?? 1e-8);
    case 'linear': return createLinearCost(values, options.varianceFloor ?? 1e-8);
    case 'bernoulli': return createBinomialCost(values, options.trials);
    case 'poisson': return createPoissonCost(values);
    default: throw invalidInput(`unknown cost '${String(kind)}', expected one of ${COST_KINDS.join(', ')}`);
  }
}

function prefixSums(values: ArrayLike<number>, f: (x: number) => number = (x) => x): Float64Array {
  const out = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) out[i + 1] = out[i]! + f(values[i]!);
  return out;
}

/**
 * Mean shift, least squares: C(a,b) = sum (x_i - xbar)^2 = S2 - S1^2 / m over m = b - a points,
 * O(1) from prefix sums of x and x^2 (values are centred first, which keeps S2 - S1^2/m accurate).
 * Equals -2 log-likelihood times sigma^2 for Gaussian noise of known variance sigma^2.
 * Example: [0, 0, 3, 3] as one segment costs 9; split at 2 it costs 0.
 * Reference: ruptures 1.1 CostL2; Killick et al. (2012) JASA 107(500).
 */
export function createL2Cost(values: ArrayLike<number>): SegmentCost {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i]!;
  mean = values.length > 0 ? mean / values.length : 0;
  const s1 = prefixSums(values, (x) => x - mean);
  const s2 = prefixSums(values, (x) => (x - mean) * (x - mean));
  return {
    kind: 'l2', length: values.length, paramsPerSegment: 1,
    cost(a, b) {
      const m = b - a;
      if (m <= 0) return 0;
      const d1 = s1[b]! - s1[a]!;
      const c = s2[b]! - s2[a]! - (d1 * d1) / m;
      return c > 0 ? c : 0;
    },
    costsTo(starts, count, b, out) {
      const s1b = s1[b]!, s2b = s2[b]!;
      for (let i = 0; i < count; i++) {
        const a = starts[i]!;
        const m = b - a;
        const d1 = s1b - s1[a]!;
        const c = m > 0 ? s2b - s2[a]! - (d1 * d1) / m : 0;
        out[i] = c > 0 ? c : 0;
      }
    },
  };
}

/**
 * Mean and variance, Gaussian: C(a,b) = -2 max log-likelihood
 *   = m (log(2 pi v) + 1) with v = max(sigma_hat^2, floor), sigma_hat^2 = S2/m - (S1/m)^2,
 * and when sigma_hat^2 < floor the constrained optimum m log(2 pi floor) + m sigma_hat^2 / floor.
 * The floor keeps a constant run finite and keeps C a constrained minimum, so splitting never
 * raises it and PELT stays exact. Example: [1, -1] costs 2 (log(2 pi) + 1) = 5.6758.
 * Reference: R changepoint 2.2 cpt.meanvar (test.statistic Normal); ruptures CostNormal.
 */
export function createNormalCost(values: ArrayLike<number>, varianceFloor: number): SegmentCost {
  if (!(varianceFloor > 0)) throw invalidInput(`varianceFloor must be > 0, got ${varianceFloor}`);
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i]!;
  mean = values.length > 0 ? mean / values.length : 0;
  const s1 = prefixSums(values, (x) => x - mean);
  const s2 = prefixSums(values, (x) => (x - mean) * (x - mean));
  const log2pi = Math.log(2 * Math.PI);
  return {
    kind: 'normal', length: values.length, paramsPerSegment: 2,
    cost(a, b) {
      const m = b - a;
      if (m <= 0) return 0;
      const d1 = s1[b]! - s1[a]!;
      const v = Math.max(0, (s2[b]! - s2[a]! - (d1 * d1) / m) / m);
      if (v >= varianceFloor) return m * (log2pi + Math.log(v) + 1);
      return m * (log2pi + Math.log(varianceFloor)) + (m * v) / varianceFloor;
    },
    costsTo(starts, count, b, out) {
      const s1b = s1[b]!, s2b = s2[b]!, logFloor = Math.log(varianceFloor);
      for (let i = 0; i < count; i++) {
        const a = starts[i]!;
        const m = b - a;
        if (m <= 0) { out[i] = 0; continue; }
        const d1 = s1b - s1[a]!;
        const v = Math.max(0, (s2b - s2[a]! - (d1 * d1) / m) / m);
        out[i] = v >= varianceFloor ? m * (log2pi + Math.log(v) + 1) : m * (log2pi + logFloor) + (m * v) / varianceFloor;
      }
    },
  };
}

const xlogy = (x: number, y: number) => (x === 0 ? 0 : x * Math.log(y));

/**
 * Rate, binomial (Bernoulli when every trial count is 1): with S successes in N trials,
 * C(a,b) = -2 [S log(S/N) + (N-S) log(1 - S/N)] (the binomial coefficients are constant in the
 * segmentation and dropped). Example: successes [0,1,0,1] in 4 single trials cost 8 log 2 = 5.5452.
 * Reference: R changepoint 2.2 cpt.meanvar(test.statistic = "Binomial"); Hinkley & Hinkley (1970).
 */
export function createBinomialCost(successes: ArrayLike<number>, trials?: ArrayLike<number>): SegmentCost {
  if (trials !== undefined && trials.length !== successes.length) {
    throw invalidInput(`trials has length ${trials.length}, expected ${successes.length} (one per point)`);
  }
  for (let i = 0; i < successes.length; i++) {
    const n = trials === undefined ? 1 : trials[i]!;
    const x = successes[i]!;
    if (!(n > 0) || x < 0 || x > n) throw invalidInput(`bernoulli cost: point ${i} has ${x} successes in ${n} trials; expected 0 <= successes <= trials, trials > 0`);
  }
  const s = prefixSums(successes);
  const t = trials === undefined ? null : prefixSums(trials);
  return {
    kind: 'bernoulli', length: successes.length, paramsPerSegment: 1,
    cost(a, b) {
      if (b <= a) return 0;
      const x = s[b]! - s[a]!;
      const n = t === null ? b - a : t[b]! - t[a]!;
      const p = x / n;
      const c = -2 * (xlogy(x, p) + xlogy(n - x, 1 - p));
      return c > 0 ? c : 0;
    },
  };
}

/**
 * Counts, Poisson: with S events over m points, lambda_hat = S/m and
 * C(a,b) = -2 max log-likelihood + const = 2 (S - S log(S/m)) (the log x_i! terms sum to a
 * constant and are dropped). Example: [0, 2] costs 2 (2 - 2 log 1) = 4.
 * Reference: R changepoint 2.2 cpt.meanvar(test.statistic = "Poisson").
 */
export function createPoissonCost(values: ArrayLike<number>): SegmentCost {
  for (let i = 0; i < values.length; i++) {
    if (values[i]! < 0) throw invalidInput(`poisson cost: value at index ${i} is ${values[i]}, expected a count >= 0`);
  }
  const s = prefixSums(values);
  return {
    kind: 'poisson', length: values.length, paramsPerSegment: 1,
    cost(a, b) {
      const m = b - a;
      if (m <= 0) return 0;
      const x = s[b]! - s[a]!;
      return 2 * (x - xlogy(x, x / m));
    },
  };
}
