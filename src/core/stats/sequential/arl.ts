import { invalidInput } from '../../errors.js';
import { normalCdf, normalSf } from '../special/index.js';
import { twoSidedCusumArlJoint } from './arl-cusum-2d.js';
import { DEFAULT_CHAIN_STATES, richardson, solveBanded, solveDense } from './linear.js';
import type { ChartSides } from './types.js';

export { ewmaArl } from './arl-ewma.js';
export { DEFAULT_CHAIN_STATES } from './linear.js';

/**
 * Average run lengths (ARL: expected number of observations to the first signal) of the charts in
 * this folder for normal observations with sigma = 1 and the mean shifted by `shift` sigma.
 * ARL0 (shift 0) measures false alarms, ARL1 (shift != 0) detection delay.
 */

/** Shewhart chart with limits +/- L: geometric run length, ARL = 1 / P(signal), exact. */
export function shewhartArl(input: { L: number; shift?: number; subgroupSize?: number; sides?: ChartSides }): number {
  const { L } = input;
  const d = (input.shift ?? 0) * Math.sqrt(input.subgroupSize ?? 1);
  const sides = input.sides ?? 'two';
  if (!(L > 0)) throw invalidInput(`L must be positive, got ${L}`);
  const up = sides === 'lower' ? 0 : normalSf(L - d);
  const down = sides === 'upper' ? 0 : normalCdf(-L - d);
  return 1 / (up + down);
}

/**
 * One-sided upper CUSUM ARL by the Markov chain of Brook & Evans (1972): [0, h] is cut into m
 * states, state 0 = [0, w/2) (the sum at zero) and state i centred at i*w, w = 2h/(2m - 1).
 * Q[i][0] = Phi(w/2 - i w + k - d), Q[i][j] = Phi((j - i + 1/2) w + k - d) - Phi((j - i - 1/2) w + k - d),
 * and ARL = L(start) with (I - Q) L = 1. A start (headstart) between grid points takes one exact
 * step from the start value. The error falls as 1/m^2, so the result is extrapolated:
 * ARL ~ (4 ARL(2m) - ARL(m)) / 3.
 */
function upperCusumArl(k: number, h: number, d: number, headstart: number, m: number): number {
  const once = (states: number): number => {
    const w = (2 * h) / (2 * states - 1);
    const a = new Float64Array(states * states);
    // Phi at (t + 1/2) w + k - d for t = -states..states, shared by the Toeplitz part.
    const cdf = new Float64Array(2 * states + 2);
    for (let t = -states; t <= states + 1; t++) cdf[t + states] = normalCdf((t + 0.5) * w + k - d);
    for (let i = 0; i < states; i++) {
      for (let j = 0; j < states; j++) {
        const q = j === 0 ? (cdf[-i + states] as number) : (cdf[j - i + states] as number) - (cdf[j - i - 1 + states] as number);
        a[i * states + j] = (i === j ? 1 : 0) - q;
      }
    }
    const L = solveDense(a, new Float64Array(states).fill(1), states);
    if (headstart === 0) return L[0] as number;
    // One exact step from the headstart s: to state 0 when s + x - k < w/2, else to the nearest grid cell.
    let arl = 1 + normalCdf(w / 2 - headstart + k - d) * (L[0] as number);
    for (let j = 1; j < states; j++) {
      const p = normalCdf(j * w + w / 2 - headstart + k - d) - normalCdf(j * w - w / 2 - headstart + k - d);
      arl += p * (L[j] as number);
    }
    return arl;
  };
  const coarse = once(m);
  const fine = once(2 * m);
  return richardson(coarse, fine, 2);
}

/** States per sum of the joint two-sided chain (m and 2m, extrapolated). */
const JOINT_CHAIN_STATES = 15;

/**
 * Tabular CUSUM ARL (k, h, headstart in sigma). Two-sided from a zero start: 1/ARL = 1/ARL+ +
 * 1/ARL-, with the lower side seeing the shift -d (Lucas & Crosier 1982; Montgomery 7th ed.
 * eq. 9.19); simulation agrees (k = 0.5, h = 4: 167.7 +/- 0.3 with 400,000 runs). Two-sided with a
 * FIR headstart: both sums start positive and that combination overstates ARL0 by ~6%, so the
 * joint chain of (C+, C-) is used instead (arl-cusum-2d.ts; ~1e-3 relative accuracy).
 *
 * Worked example: k = 0.5, h = 4: one-sided ARL0 = 335.37, two-sided 167.68 (Montgomery
 * Table 9.3: 168); h = 5: two-sided 465.4.
 *
 * Reference: D. Brook and D. A. Evans, "An approach to the probability distribution of cusum run
 * length", Biometrika 59 (1972) 539-549.
 */
export function cusumArl(input: { k: number; h: number; shift?: number; sides?: ChartSides; headstart?: number; states?: number }): number {
  const { k, h } = input;
  const d = input.shift ?? 0;
  const sides = input.sides ?? 'two';
  const headstart = input.headstart ?? 0;
  const m = input.states ?? DEFAULT_CHAIN_STATES;
  if (!(h > 0 && Number.isFinite(h))) throw invalidInput(`h must be a positive finite number, got ${h}`);
  if (!(k >= 0 && Number.isFinite(k))) throw invalidInput(`k must be >= 0, got ${k}`);
  if (!(headstart >= 0 && headstart <= h)) throw invalidInput(`headstart must lie in [0, h], got ${headstart}`);
  if (!Number.isInteger(m) || m < 10 || m > 2000) throw invalidInput(`states must be an integer in [10, 2000], got ${m}`);
  if (sides === 'upper') return upperCusumArl(k, h, d, headstart, m);
  if (sides === 'lower') return upperCusumArl(k, h, -d, headstart, m);
  if (headstart > 0) return twoSidedCusumArlJoint(k, h, d, headstart, JOINT_CHAIN_STATES);
  const up = upperCusumArl(k, h, d, headstart, m);
  const down = d === 0 ? up : upperCusumArl(k, h, -d, headstart, m);
  return 1 / (1 / up + 1 / down);
}

/**
 * Exact ARL of the Bernoulli CUSUM with integer scores (see bernoulli-cusum.ts), when each
 * observation is 1 with probability p: states 0..H-1 of the sum, from s the chain moves to
 * max(0, s + scoreOne) with probability p and to max(0, s + scoreZero) with 1 - p, and reaching
 * H signals. (I - Q) L = 1 is banded (bandwidths |negative score| and positive score), solved in
 * O(H * |scoreOne| * |scoreZero|). Exact up to rounding: no discretisation, since the chart as run
 * is itself this chain (Reynolds & Stoumbos 1999, section 3).
 */
export function bernoulliCusumArl(input: { scoreOne: number; scoreZero: number; hUnits: number; p: number }): number {
  const { scoreOne, scoreZero, hUnits: n, p } = input;
  if (!(p >= 0 && p <= 1)) throw invalidInput(`p must lie in [0, 1], got ${p}`);
  if (!Number.isInteger(n) || n < 1) throw invalidInput(`hUnits must be a positive integer, got ${n}`);
  if (!Number.isInteger(scoreOne) || !Number.isInteger(scoreZero)) throw invalidInput(`scores must be integers, got ${scoreOne} and ${scoreZero}`);
  const lower = Math.min(n - 1, Math.max(0, -scoreOne, -scoreZero));
  const upper = Math.min(n - 1, Math.max(0, scoreOne, scoreZero));
  // Band storage of I - Q: row i holds 1 on the diagonal and minus the probability of each move
  // that stays below H (a move to or below 0 lands on state 0).
  const width = lower + upper + 1;
  const band = new Float64Array(n * width);
  const moves = [[scoreOne, p], [scoreZero, 1 - p]] as const;
  for (let i = 0; i < n; i++) {
    const base = i * width - i + lower;
    band[base + i] = 1;
    for (const [step, prob] of moves) {
      const to = Math.max(0, i + step);
      if (to < n) band[base + to] = (band[base + to] as number) - prob;
    }
  }
  const L = solveBanded(n, lower, upper, band, new Float64Array(n).fill(1));
  return L[0] as number;
}
