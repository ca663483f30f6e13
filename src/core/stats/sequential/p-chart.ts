import { invalidInput } from '../../errors.js';
import { normalPpf } from '../special/index.js';
import { binomialCdf, binomialSfInclusive } from './intervals.js';
import type { DetectorUpdate } from './types.js';

export interface PChartParams {
  /** In-control proportion p0 (the baseline refusal rate, say). */
  p0: number;
  /** Two-sided false-alarm probability per window. Default 0.0027 (the 3-sigma convention). */
  alpha: number;
  /** 'exact': binomial probability limits (Clopper-Pearson); 'wilson': score limits. Default 'exact'. */
  method: 'exact' | 'wilson';
}

/** Control limits for one window, in proportion units, and the in-control count range. */
export interface PChartLimits {
  lower: number;
  center: number;
  upper: number;
  /** In-control counts are lowCount <= y <= highCount. */
  lowCount: number;
  highCount: number;
}

export interface PChartState {
  kind: 'p-chart';
  params: PChartParams;
  /** Windows seen. */
  count: number;
}

/**
 * Limits of a p-chart for a window of `trials` observations.
 *
 * 'exact' (binomial probability limits): the window with y successes signals low when
 * P(Y <= y | n, p0) < alpha/2 and high when P(Y >= y | n, p0) < alpha/2. This is exactly "p0 lies
 * outside the Clopper-Pearson interval of y at confidence 1 - alpha", because that interval is
 * the inversion of the same two tail tests.
 * 'wilson' (score limits): the window signals when |y/n - p0| > z sqrt(p0 (1 - p0) / n),
 * z = Phi^-1(1 - alpha/2): exactly "p0 lies outside the Wilson interval of y", since the Wilson
 * interval is the inversion of this score test. These are the classic Shewhart p-chart limits
 * p0 +/- 3 sqrt(p0 q0 / n) when alpha = 0.0027, clipped to [0, 1].
 *
 * Worked example: p0 = 0.95, n = 200, alpha = 0.0027. Wilson: 0.95 -/+ 3.0 * 0.01541, limits
 * [0.9038, 0.9962]. Exact: in-control counts 180..198 (P(Y <= 179) = 0.00116 < 0.00135 while
 * P(Y <= 180) = 0.00266; P(Y >= 199) = 0.00040 < 0.00135), limits [0.900, 0.990].
 *
 * References: Montgomery, Introduction to Statistical Quality Control, 7th ed., section 7.2
 * (p-chart, variable sample size, probability limits); Clopper & Pearson (1934); Wilson (1927).
 */
export function pChartLimits(params: PChartParams, trials: number): PChartLimits {
  if (!Number.isInteger(trials) || trials < 1) throw invalidInput(`trials must be a positive integer, got ${trials}`);
  const { p0, alpha } = params;
  const n = trials;
  if (params.method === 'wilson') {
    const half = normalPpf(1 - alpha / 2) * Math.sqrt((p0 * (1 - p0)) / n);
    const lower = Math.max(0, p0 - half);
    const upper = Math.min(1, p0 + half);
    // Counts with |y/n - p0| <= half; the small tolerance keeps y/n that equal a limit in control.
    const lowCount = Math.max(0, Math.ceil(n * (p0 - half) - 1e-9 * n));
    const highCount = Math.min(n, Math.floor(n * (p0 + half) + 1e-9 * n));
    return { lower, center: p0, upper, lowCount, highCount };
  }
  const tail = alpha / 2;
  const lowCount = searchCount(0, n, (y) => binomialCdf(y, n, p0) >= tail);
  const highCount = searchCount(0, n, (y) => binomialSfInclusive(y + 1, n, p0) < tail);
  return { lower: lowCount / n, center: p0, upper: highCount / n, lowCount, highCount };
}

/** Smallest y in [lo, hi] for which the monotone predicate holds (hi when none does). */
function searchCount(lo: number, hi: number, holds: (y: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A p-chart for per-window proportions with varying window sizes; see `pChartLimits`. */
export function createPChart(params: Partial<PChartParams> & { p0: number }): PChartState {
  const full: PChartParams = { p0: params.p0, alpha: params.alpha ?? 0.0027, method: params.method ?? 'exact' };
  if (!(full.p0 > 0 && full.p0 < 1)) throw invalidInput(`p0 must lie in (0, 1), got ${full.p0}`);
  if (!(full.alpha > 0 && full.alpha < 1)) throw invalidInput(`alpha must lie in (0, 1), got ${full.alpha}`);
  if (full.method !== 'exact' && full.method !== 'wilson') throw invalidInput(`method must be 'exact' or 'wilson', got '${String(full.method)}'`);
  return { kind: 'p-chart', params: full, count: 0 };
}

/** Adds one window with `successes` of `trials`; the signal's statistic is the window's proportion. */
export function updatePChart(state: PChartState, window: { successes: number; trials: number }): DetectorUpdate<PChartState> & { limits: PChartLimits } {
  const { successes, trials } = window;
  const limits = pChartLimits(state.params, trials);
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) throw invalidInput(`successes must be an integer in [0, trials=${trials}], got ${successes}`);
  const next: PChartState = { kind: 'p-chart', params: state.params, count: state.count + 1 };
  const statistic = successes / trials;
  if (successes < limits.lowCount) return { state: next, limits, signal: { alarm: true, direction: 'down', statistic } };
  if (successes > limits.highCount) return { state: next, limits, signal: { alarm: true, direction: 'up', statistic } };
  return { state: next, limits, signal: { alarm: false, statistic } };
}
