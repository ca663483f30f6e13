import { invalidInput } from '../../errors.js';
import { assertFinite, assertPositive, assertSides, type ChartSides, type DetectorUpdate } from './types.js';

export interface EwmaParams {
  /** In-control mean mu0 (also the starting value z_0). */
  mean: number;
  /** In-control standard deviation of one observation. */
  sigma: number;
  /** Smoothing weight lambda in (0, 1]; lambda = 1 is a Shewhart chart. */
  lambda: number;
  /** Width L of the limits in standard deviations of z. */
  L: number;
  /** 'exact' uses the time-varying variance of z_t (narrower at start); 'asymptotic' the steady-state one. Default 'exact'. */
  limits: 'exact' | 'asymptotic';
  /** Which shifts to watch. Default 'two'. */
  sides: ChartSides;
}

export interface EwmaState {
  kind: 'ewma';
  params: EwmaParams;
  /** Current EWMA value z_t. */
  z: number;
  /** Observations since the last (re)start; sets the time-varying limits. */
  t: number;
  /** Observations seen since creation. */
  count: number;
}

/**
 * Half-width of the EWMA limits after t observations, in the units of x:
 *   L * sigma * sqrt(lambda / (2 - lambda) * (1 - (1 - lambda)^(2t)))   (exact, time-varying)
 *   L * sigma * sqrt(lambda / (2 - lambda))                            (asymptotic)
 */
export function ewmaHalfWidth(params: EwmaParams, t: number): number {
  const steady = params.lambda / (2 - params.lambda);
  // Past lambda * t = 40 the start-up term (1 - lambda)^(2t) < e^-80 no longer changes a double.
  const factor = params.limits === 'asymptotic' || params.lambda * t > 40 ? steady : steady * (1 - Math.pow(1 - params.lambda, 2 * t));
  return params.L * params.sigma * Math.sqrt(factor);
}

/**
 * EWMA control chart for a mean with exact (time-varying) or asymptotic limits.
 *
 *   z_t = lambda * x_t + (1 - lambda) * z_{t-1},   z_0 = mu0,
 *   Var(z_t) = sigma^2 * lambda / (2 - lambda) * (1 - (1 - lambda)^(2t)),
 * and the chart signals when |z_t - mu0| > L * sd(z_t). After a signal z restarts at mu0 (and t at 0).
 *
 * Worked example: mu0 = 0, sigma = 1, lambda = 0.1, L = 2.814 (ARL0 = 500 with asymptotic limits).
 * At t = 1 the exact half-width is 2.814 * sqrt(0.1/1.9 * (1 - 0.81)) = 0.2814, so x_1 = 3 gives
 * z_1 = 0.3 > 0.2814 and the exact chart signals at once; the asymptotic half-width 0.6456 does not.
 *
 * References: S. W. Roberts, "Control chart tests based on geometric moving averages",
 * Technometrics 1 (1959) 239-250; J. M. Lucas and M. S. Saccucci, "Exponentially weighted moving
 * average control schemes: properties and enhancements", Technometrics 32 (1990) 1-12;
 * Montgomery, Introduction to Statistical Quality Control, 7th ed., section 9.2.
 */
export function createEwma(params: Partial<EwmaParams> & { lambda: number; L: number }): EwmaState {
  const full: EwmaParams = {
    mean: params.mean ?? 0,
    sigma: params.sigma ?? 1,
    lambda: params.lambda,
    L: params.L,
    limits: params.limits ?? 'exact',
    sides: params.sides ?? 'two',
  };
  assertFinite('mean', full.mean);
  assertPositive('sigma', full.sigma);
  if (!(full.lambda > 0 && full.lambda <= 1)) throw invalidInput(`lambda must lie in (0, 1], got ${full.lambda}`);
  assertPositive('L', full.L);
  if (full.limits !== 'exact' && full.limits !== 'asymptotic') throw invalidInput(`limits must be 'exact' or 'asymptotic', got '${String(full.limits)}'`);
  assertSides(full.sides);
  return { kind: 'ewma', params: full, z: full.mean, t: 0, count: 0 };
}

/** Adds one observation; returns the new state and whether the chart signalled. Does not mutate `state`. */
export function updateEwma(state: EwmaState, x: number): DetectorUpdate<EwmaState> {
  const p = state.params;
  if (!Number.isFinite(x)) throw invalidInput(`EWMA observation must be a finite number, got ${String(x)}`);
  const z = p.lambda * x + (1 - p.lambda) * state.z;
  const t = state.t + 1;
  const count = state.count + 1;
  const half = ewmaHalfWidth(p, t);
  const dev = z - p.mean;
  const up = p.sides !== 'lower' && dev > half;
  const down = p.sides !== 'upper' && dev < -half;
  const statistic = dev / (half / p.L);
  if (!up && !down) return { state: { kind: 'ewma', params: p, z, t, count }, signal: { alarm: false, statistic } };
  return {
    state: { kind: 'ewma', params: p, z: p.mean, t: 0, count },
    signal: { alarm: true, direction: up ? 'up' : 'down', statistic },
  };
}
