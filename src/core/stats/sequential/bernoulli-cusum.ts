import { invalidInput } from '../../errors.js';
import type { DetectorUpdate } from './types.js';

export interface BernoulliCusumParams {
  /** In-control probability p0 that an observation is 1 (e.g. refusal rate 0.95). */
  p0: number;
  /** Out-of-control probability p1 the chart is tuned to detect (e.g. 0.85). */
  p1: number;
  /** Integer units per nat: the log-likelihood ratios are rounded to multiples of 1 / scale. */
  scale: number;
  /** Score added for an observation 1: round(scale * ln(p1 / p0)). */
  scoreOne: number;
  /** Score added for an observation 0: round(scale * ln((1 - p1) / (1 - p0))). */
  scoreZero: number;
  /** Threshold in integer units: the chart signals when the sum reaches it. */
  hUnits: number;
}

export interface BernoulliCusumState {
  kind: 'bernoulli-cusum';
  params: BernoulliCusumParams;
  /** Current sum in integer units (0 <= sum < hUnits between signals). */
  sum: number;
  count: number;
}

/** Most units given to the smaller of the two |log-likelihood ratios| by default. */
export const DEFAULT_BERNOULLI_RESOLUTION = 20;

/**
 * Default resolution for (p0, p1): 20 units for the smaller |log-likelihood ratio|, fewer when the
 * larger one is many times bigger, so that the larger score stays near 200 units. The exact ARL
 * costs O(H x small x large) in these units, and with lopsided ratios (p0 = 0.999 -> 0.99: 254 to 1)
 * 20 units would make each solve a thousand times dearer while the larger score, already over 200
 * units, gains nothing. The rounding error of the larger score stays below 0.5%.
 */
export function defaultBernoulliResolution(p0: number, p1: number): number {
  const a = Math.abs(Math.log(p1 / p0));
  const b = Math.abs(Math.log((1 - p1) / (1 - p0)));
  const ratio = Math.max(a, b) / Math.min(a, b);
  if (!Number.isFinite(ratio)) return DEFAULT_BERNOULLI_RESOLUTION;
  return Math.min(DEFAULT_BERNOULLI_RESOLUTION, Math.max(1, Math.floor(200 / ratio)));
}

/**
 * Builds the parameters of a Bernoulli CUSUM: the log-likelihood ratio of one observation is
 * rounded onto an integer grid so that the chart is a finite Markov chain and its run-length
 * distribution can be computed exactly (`bernoulliCusumArl`). `resolution` is the number of grid
 * units given to the smaller of |ln(p1/p0)| and |ln((1-p1)/(1-p0))| (default
 * `defaultBernoulliResolution(p0, p1)`, at most 20); `h` is in nats.
 */
export function bernoulliCusumParams(input: { p0: number; p1: number; h: number; resolution?: number; maxScore?: number }): BernoulliCusumParams {
  const { p0, p1, h } = input;
  if (!(p0 > 0 && p0 < 1)) throw invalidInput(`p0 must lie in (0, 1), got ${p0}`);
  if (!(p1 > 0 && p1 < 1)) throw invalidInput(`p1 must lie in (0, 1), got ${p1}`);
  if (p0 === p1) throw invalidInput(`p1 must differ from p0, both are ${p0}`);
  const resolution = input.resolution ?? defaultBernoulliResolution(p0, p1);
  if (!Number.isInteger(resolution) || resolution < 1 || resolution > 10_000) throw invalidInput(`resolution must be an integer in [1, 10000], got ${resolution}`);
  if (!(h > 0 && Number.isFinite(h))) throw invalidInput(`h must be a positive finite number of nats, got ${h}`);
  const llrOne = Math.log(p1 / p0);
  const llrZero = Math.log((1 - p1) / (1 - p0));
  const maxScore = input.maxScore ?? Infinity;
  if (!(maxScore >= 2)) throw invalidInput(`maxScore must be at least 2, got ${maxScore}`);
  const small = Math.min(Math.abs(llrOne), Math.abs(llrZero));
  const large = Math.max(Math.abs(llrOne), Math.abs(llrZero));
  const scale = Math.min(resolution / small, maxScore / large);
  // Under a maxScore cap the smaller score may round to 0, which would stop the sum from ever
  // falling: it keeps at least one unit (see createBernoulliCusum).
  const score = (llr: number) => Math.sign(llr) * Math.max(1, Math.round(Math.abs(llr) * scale));
  const hUnits = Math.max(1, Math.round(h * scale));
  return { p0, p1, scale, scoreOne: score(llrOne), scoreZero: score(llrZero), hUnits };
}

/**
 * Bernoulli CUSUM for a rate (Reynolds & Stoumbos 1999): detects a change of P(x = 1) from p0 to p1
 * with the log-likelihood-ratio increments of Page's CUSUM,
 *   W(1) = ln(p1 / p0),   W(0) = ln((1 - p1) / (1 - p0)),   B_t = max(0, B_{t-1} + W(x_t)),
 * signalling when B_t >= h. The increments are rounded to a grid of 1/scale nats (scores
 * `scoreOne`, `scoreZero` in integer units), which makes the chart an exact finite Markov chain;
 * the ARL of the chart as run is then exact, not an approximation. After a signal B restarts at 0.
 *
 * Worked example: p0 = 0.95 (refusals in control), p1 = 0.85. W(1) = ln(0.85/0.95) = -0.1112 and
 * W(0) = ln(0.15/0.05) = 1.0986: each compliance (x = 0) adds ~1.1 nats, each refusal removes
 * 0.11. With resolution 20 the scores are -20 and +198 units (scale 179.8 units per nat). With
 * h = 3 nats (539 units), three compliances in a row (594 units) signal. The sum drifts upward
 * whenever compliances exceed 20/218 = 9.2% of observations, against 5% in control and 15% after the shift.
 *
 * `maxScore` caps the larger score (in units). For a rare event the two ratios are very lopsided
 * (p0 = 3e-5 -> 3e-4: 2.30 nats per flag against 0.00025 per clean output, 9,000 to 1), and a
 * chain with the smaller score at one unit would need tens of thousands of states and a band as
 * wide (gigabytes, minutes to calibrate). Under the cap the smaller score is rounded up to one
 * unit: the sum then falls faster than the likelihood ratio says (a larger reference value), so
 * the chart reacts later to a small rise, but its ARLs stay exact for the chart as run.
 *
 * References: M. R. Reynolds Jr. and Z. G. Stoumbos, "A CUSUM chart for monitoring a proportion
 * when inspecting continuously", Journal of Quality Technology 31 (1999) 87-108; E. S. Page (1954).
 */
export function createBernoulliCusum(input: { p0: number; p1: number; h: number; resolution?: number; maxScore?: number }): BernoulliCusumState {
  return { kind: 'bernoulli-cusum', params: bernoulliCusumParams(input), sum: 0, count: 0 };
}

/** Adds one 0/1 observation (true counts as 1). Does not mutate `state`. */
export function updateBernoulliCusum(state: BernoulliCusumState, x: number | boolean): DetectorUpdate<BernoulliCusumState> {
  const p = state.params;
  const one = x === true || x === 1;
  if (!one && x !== false && x !== 0) throw invalidInput(`Bernoulli CUSUM observation must be 0, 1 or a boolean, got ${String(x)}`);
  const sum = Math.max(0, state.sum + (one ? p.scoreOne : p.scoreZero));
  const count = state.count + 1;
  const statistic = sum / p.scale;
  if (sum < p.hUnits) return { state: { kind: 'bernoulli-cusum', params: p, sum, count }, signal: { alarm: false, statistic } };
  return {
    state: { kind: 'bernoulli-cusum', params: p, sum: 0, count },
    signal: { alarm: true, direction: p.p1 > p.p0 ? 'up' : 'down', statistic },
  };
}
