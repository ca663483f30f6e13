import { invalidInput } from '../../errors.js';
import { assertFinite, assertPositive, assertSides, type ChartSides, type DetectorUpdate } from './types.js';

/** Parameters of a tabular CUSUM; `k`, `h` and `headstart` are in units of `sigma`. */
export interface CusumParams {
  /** In-control mean mu0 of the observations. */
  mean: number;
  /** In-control standard deviation of one observation (or of a subgroup mean). */
  sigma: number;
  /** Reference value (allowance) k, in sigma; k = delta/2 is optimal for a shift of delta sigma. Default 0.5. */
  k: number;
  /** Decision interval h, in sigma: the chart signals when a sum exceeds h. */
  h: number;
  /** Which shifts to watch. Default 'two'. */
  sides: ChartSides;
  /** Fast initial response (Lucas & Crosier 1982): both sums start (and restart after an alarm) here, in sigma. Default 0; h/2 is the usual FIR. */
  headstart: number;
}

export interface CusumState {
  kind: 'cusum';
  params: CusumParams;
  /** Upper sum C+ in sigma units. */
  upper: number;
  /** Lower sum C- in sigma units (positive when the mean has moved down). */
  lower: number;
  /** Observations seen since creation. */
  count: number;
}

/**
 * Tabular (Page) CUSUM for a normal mean, one- or two-sided, with optional fast initial response.
 *
 * With z_t = (x_t - mu0) / sigma:
 *   C+_t = max(0, C+_{t-1} + z_t - k),   C-_t = max(0, C-_{t-1} - z_t - k),   C+_0 = C-_0 = headstart,
 * and the chart signals at the first t with C+_t > h (upward shift) or C-_t > h (downward shift).
 * After a signal both sums restart at the headstart, so the state can keep running.
 *
 * Worked example: mu0 = 0, sigma = 1, k = 0.5, h = 4 and x = 1.5 every step give C+ = 1, 2, 3, 4, 5:
 * the signal comes at the 5th observation (5 > 4). In control, this chart has ARL0 = 168 two-sided
 * (336 per side); see `cusumArl` for the exact Markov-chain value.
 *
 * References: E. S. Page, "Continuous inspection schemes", Biometrika 41 (1954) 100-115;
 * J. M. Lucas and R. B. Crosier, "Fast initial response for CUSUM quality-control schemes",
 * Technometrics 24 (1982) 199-205; D. C. Montgomery, Introduction to Statistical Quality Control,
 * 7th ed., section 9.1 (tabular CUSUM, Table 9.3).
 */
export function createCusum(params: Partial<CusumParams> & { h: number }): CusumState {
  const full: CusumParams = {
    mean: params.mean ?? 0,
    sigma: params.sigma ?? 1,
    k: params.k ?? 0.5,
    h: params.h,
    sides: params.sides ?? 'two',
    headstart: params.headstart ?? 0,
  };
  assertFinite('mean', full.mean);
  assertPositive('sigma', full.sigma);
  assertFinite('k', full.k);
  if (full.k < 0) throw invalidInput(`k must be >= 0, got ${full.k}`);
  assertPositive('h', full.h);
  assertSides(full.sides);
  if (!(full.headstart >= 0 && full.headstart <= full.h)) throw invalidInput(`headstart must lie in [0, h], got ${full.headstart}`);
  return {
    kind: 'cusum',
    params: full,
    upper: full.sides === 'lower' ? 0 : full.headstart,
    lower: full.sides === 'upper' ? 0 : full.headstart,
    count: 0,
  };
}

/** Adds one observation; returns the new state and whether the chart signalled. Does not mutate `state`. */
export function updateCusum(state: CusumState, x: number): DetectorUpdate<CusumState> {
  const p = state.params;
  if (!Number.isFinite(x)) throw invalidInput(`CUSUM observation must be a finite number, got ${String(x)}`);
  const z = (x - p.mean) / p.sigma;
  const upper = p.sides === 'lower' ? 0 : Math.max(0, state.upper + z - p.k);
  const lower = p.sides === 'upper' ? 0 : Math.max(0, state.lower - z - p.k);
  const count = state.count + 1;
  const up = upper > p.h;
  const down = lower > p.h;
  if (!up && !down) return { state: { kind: 'cusum', params: p, upper, lower, count }, signal: { alarm: false, statistic: Math.max(upper, lower) } };
  const direction = up && (!down || upper >= lower) ? 'up' : 'down';
  return {
    state: { kind: 'cusum', params: p, upper: p.sides === 'lower' ? 0 : p.headstart, lower: p.sides === 'upper' ? 0 : p.headstart, count },
    signal: { alarm: true, direction, statistic: Math.max(upper, lower) },
  };
}
