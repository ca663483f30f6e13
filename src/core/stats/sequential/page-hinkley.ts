import { invalidInput } from '../../errors.js';
import { assertFinite, assertPositive, assertSides, type ChartSides, type DetectorUpdate } from './types.js';

export interface PageHinkleyParams {
  /** Magnitude of changes tolerated, delta, in the units of x. Default 0.005. */
  delta: number;
  /** Detection threshold lambda, in the units of x. Default 50. */
  threshold: number;
  /** Forgetting factor alpha in (0, 1] applied to the cumulative sums; 1 = none. Default 0.9999. */
  alpha: number;
  /** Observations before a signal is allowed. Default 30. */
  minInstances: number;
  /** 'upper' detects increases of the mean, 'lower' decreases, 'two' both. Default 'two'. */
  sides: ChartSides;
}

export interface PageHinkleyState {
  kind: 'page-hinkley';
  params: PageHinkleyParams;
  /** Observations since the last (re)start. */
  n: number;
  /** Running mean of x since the last (re)start. */
  mean: number;
  /** m_T for increases: sum of (x_t - mean_t - delta). */
  sumUp: number;
  /** Running minimum of sumUp. */
  minUp: number;
  /** m_T for decreases: sum of (x_t - mean_t + delta). */
  sumDown: number;
  /** Running maximum of sumDown. */
  maxDown: number;
  count: number;
}

/**
 * Page-Hinkley test for a change in the mean of a stream, with the running mean as reference.
 *
 * With xbar_T the mean of x_1..x_T (updated before use):
 *   m_T = alpha * m_{T-1} + (x_T - xbar_T - delta),   M_T = min_{t<=T} m_t,   PH_T = m_T - M_T,
 * and an increase is signalled when PH_T > lambda (mirror image for decreases:
 * m'_T = alpha * m'_{T-1} + (x_T - xbar_T + delta), signal when max m' - m'_T > lambda).
 * After a signal the test restarts from scratch.
 *
 * Worked example: delta = 0, alpha = 1, lambda = 2, minInstances = 1, x = 0, 0, 0, 3: the mean after the 4th
 * point is 0.75, m_4 = 0 + 0 + 0 + (3 - 0.75) = 2.25, M_4 = 0, PH = 2.25 > 2: an upward signal.
 *
 * References: E. S. Page (1954); D. V. Hinkley, "Inference about the change-point from cumulative
 * sum tests", Biometrika 58 (1971) 509-523; J. Gama et al., "A survey on concept drift
 * adaptation", ACM Computing Surveys 46 (2014); river's `drift.PageHinkley`, whose defaults
 * (delta 0.005, threshold 50, alpha 0.9999, 30 instances) are kept here.
 */
export function createPageHinkley(params: Partial<PageHinkleyParams> = {}): PageHinkleyState {
  const full: PageHinkleyParams = {
    delta: params.delta ?? 0.005,
    threshold: params.threshold ?? 50,
    alpha: params.alpha ?? 0.9999,
    minInstances: params.minInstances ?? 30,
    sides: params.sides ?? 'two',
  };
  assertFinite('delta', full.delta);
  if (full.delta < 0) throw invalidInput(`delta must be >= 0, got ${full.delta}`);
  assertPositive('threshold', full.threshold);
  if (!(full.alpha > 0 && full.alpha <= 1)) throw invalidInput(`alpha must lie in (0, 1], got ${full.alpha}`);
  if (!Number.isInteger(full.minInstances) || full.minInstances < 1) throw invalidInput(`minInstances must be a positive integer, got ${full.minInstances}`);
  assertSides(full.sides);
  return fresh(full, 0);
}

function fresh(params: PageHinkleyParams, count: number): PageHinkleyState {
  return { kind: 'page-hinkley', params, n: 0, mean: 0, sumUp: 0, minUp: 0, sumDown: 0, maxDown: 0, count };
}

/** Adds one observation. Does not mutate `state`. */
export function updatePageHinkley(state: PageHinkleyState, x: number): DetectorUpdate<PageHinkleyState> {
  const p = state.params;
  if (!Number.isFinite(x)) throw invalidInput(`Page-Hinkley observation must be a finite number, got ${String(x)}`);
  const n = state.n + 1;
  const mean = state.mean + (x - state.mean) / n;
  const sumUp = p.alpha * state.sumUp + (x - mean - p.delta);
  const minUp = Math.min(state.minUp, sumUp);
  const sumDown = p.alpha * state.sumDown + (x - mean + p.delta);
  const maxDown = Math.max(state.maxDown, sumDown);
  const count = state.count + 1;
  const phUp = p.sides === 'lower' ? 0 : sumUp - minUp;
  const phDown = p.sides === 'upper' ? 0 : maxDown - sumDown;
  const statistic = Math.max(phUp, phDown);
  const armed = n >= p.minInstances;
  if (armed && (phUp > p.threshold || phDown > p.threshold)) {
    return { state: fresh(p, count), signal: { alarm: true, direction: phUp >= phDown ? 'up' : 'down', statistic } };
  }
  return { state: { kind: 'page-hinkley', params: p, n, mean, sumUp, minUp, sumDown, maxDown, count }, signal: { alarm: false, statistic } };
}
