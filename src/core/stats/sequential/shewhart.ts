import { invalidInput } from '../../errors.js';
import { assertFinite, assertPositive, assertSides, type ChartSides, type DetectorUpdate } from './types.js';

export interface ShewhartParams {
  /** In-control process mean mu0. */
  mean: number;
  /** In-control standard deviation of ONE observation. */
  sigma: number;
  /** Subgroup size n: each update is the mean of n observations (x-bar chart); 1 for an individuals chart. Default 1. */
  subgroupSize: number;
  /** Limits at mu0 +/- L * sigma / sqrt(n). Default 3. */
  L: number;
  sides: ChartSides;
}

export interface ShewhartState {
  kind: 'shewhart';
  params: ShewhartParams;
  count: number;
}

/** Control limits {lower, center, upper} of a Shewhart chart in the units of the plotted value. */
export function shewhartLimits(params: ShewhartParams): { lower: number; center: number; upper: number } {
  const half = (params.L * params.sigma) / Math.sqrt(params.subgroupSize);
  return { lower: params.mean - half, center: params.mean, upper: params.mean + half };
}

/**
 * Shewhart individuals (n = 1) or x-bar (n > 1) chart with known in-control parameters.
 *
 * Plotted value: x_t (or the subgroup mean); limits mu0 +/- L * sigma / sqrt(n); the chart signals
 * when a value falls outside. For a normal process each point signals with probability
 * p = Phi(-L - d*sqrt(n)) + 1 - Phi(L - d*sqrt(n)) after a shift of d sigma, so the run length is
 * geometric with ARL = 1/p (see `shewhartArl`).
 *
 * Worked example: L = 3, in control: p = 2 * Phi(-3) = 0.0026998, ARL0 = 370.4. With n = 4 and a
 * 1-sigma shift, d*sqrt(n) = 2 and ARL1 = 1 / (Phi(-5) + Phi(-1)) = 6.30.
 *
 * Reference: W. A. Shewhart, Economic Control of Quality of Manufactured Product (1931);
 * Montgomery, Introduction to Statistical Quality Control, 7th ed., sections 6.2 and 6.4.
 */
export function createShewhart(params: Partial<ShewhartParams> = {}): ShewhartState {
  const full: ShewhartParams = {
    mean: params.mean ?? 0,
    sigma: params.sigma ?? 1,
    subgroupSize: params.subgroupSize ?? 1,
    L: params.L ?? 3,
    sides: params.sides ?? 'two',
  };
  assertFinite('mean', full.mean);
  assertPositive('sigma', full.sigma);
  if (!Number.isInteger(full.subgroupSize) || full.subgroupSize < 1) throw invalidInput(`subgroupSize must be a positive integer, got ${full.subgroupSize}`);
  assertPositive('L', full.L);
  assertSides(full.sides);
  return { kind: 'shewhart', params: full, count: 0 };
}

/** Adds one plotted value (an observation, or a subgroup mean when subgroupSize > 1). */
export function updateShewhart(state: ShewhartState, value: number): DetectorUpdate<ShewhartState> {
  const p = state.params;
  if (!Number.isFinite(value)) throw invalidInput(`Shewhart value must be a finite number, got ${String(value)}`);
  const statistic = ((value - p.mean) * Math.sqrt(p.subgroupSize)) / p.sigma;
  const up = p.sides !== 'lower' && statistic > p.L;
  const down = p.sides !== 'upper' && statistic < -p.L;
  const next: ShewhartState = { kind: 'shewhart', params: p, count: state.count + 1 };
  if (!up && !down) return { state: next, signal: { alarm: false, statistic } };
  return { state: next, signal: { alarm: true, direction: up ? 'up' : 'down', statistic } };
}
