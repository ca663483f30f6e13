import { invalidInput } from '../../errors.js';
import { normalCdf, normalSf } from '../special/index.js';
import { twoSidedCusumArlJoint } from './arl-cusum-2d.js';
import { solveBanded, solveDense } from './linear.js';
import type { ChartSides } from './types.js';

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

/** Extrapolates a result with error ~ c / m^2 from m and r*m states (Richardson). */
function richardson(coarse: number, fine: number, ratio: number): number {
  const r2 = ratio * ratio;
  return (r2 * fine - coarse) / (r2 - 1);
}

/** Default number of Markov-chain states; results are Richardson-extrapolated from m and 2m states. */
export const DEFAULT_CHAIN_STATES = 150;

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

/** The EWMA transient matrix I - Q on m cells of [-U, U] (odd m, so the centre cell is 0). */
function ewmaSystem(lambda: number, half: number, d: number, m: number): { a: Float64Array; centers: Float64Array; w: number } {
  const w = (2 * half) / m;
  const centers = new Float64Array(m);
  for (let j = 0; j < m; j++) centers[j] = -half + (j + 0.5) * w;
  const a = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const base = (1 - lambda) * (centers[i] as number);
    let prev = normalCdf((-half - base) / lambda - d);
    for (let j = 0; j < m; j++) {
      const next = normalCdf((-half + (j + 1) * w - base) / lambda - d);
      a[i * m + j] = (i === j ? 1 : 0) - (next - prev);
      prev = next;
    }
  }
  return { a, centers, w };
}

/**
 * EWMA ARL (two-sided, z_0 = mu0) by the Markov chain of Brook & Evans (1972) as used by Lucas &
 * Saccucci (1990): the in-control region [-U, U], U = L sqrt(lambda / (2 - lambda)), is cut into
 * m cells of width w = 2U/m with centres c_j; Q[i][j] = Phi((c_j + w/2 - (1-lambda) c_i)/lambda - d)
 * - Phi((c_j - w/2 - (1-lambda) c_i)/lambda - d); ARL = L(centre), Richardson-extrapolated from
 * m and 2m + 1 cells (m odd).
 *
 * With exact (time-varying) limits U_t = U sqrt(1 - (1-lambda)^(2t)) the chain is not homogeneous:
 * the survival vector v_t over the same cells is propagated (v_{t+1} = v_t Q, cells whose centre
 * lies outside U_{t+1} absorbed) until U_t is within 1e-12 of U, then the homogeneous solution
 * finishes: ARL = sum_{t<T} |v_t| + v_T . L. A cell cut by a time-varying limit keeps the share of
 * its mass inside the limit (mass taken as uniform over the cell); results on m and 2m + 1
 * cells are Richardson-extrapolated as above.
 *
 * Worked example: lambda = 0.1, L = 2.814, asymptotic limits: ARL0 = 499.6, ARL at a 1-sigma shift
 * 10.33 (Lucas & Saccucci 1990, Table 3: 500 and 10.3).
 */
export function ewmaArl(input: { lambda: number; L: number; shift?: number; limits?: 'exact' | 'asymptotic'; states?: number }): number {
  const { lambda, L } = input;
  const d = input.shift ?? 0;
  const limits = input.limits ?? 'exact';
  const m0 = input.states ?? DEFAULT_CHAIN_STATES;
  if (!(lambda > 0 && lambda <= 1)) throw invalidInput(`lambda must lie in (0, 1], got ${lambda}`);
  if (!(L > 0 && Number.isFinite(L))) throw invalidInput(`L must be a positive finite number, got ${L}`);
  if (!Number.isInteger(m0) || m0 < 10 || m0 > 2000) throw invalidInput(`states must be an integer in [10, 2000], got ${m0}`);
  const half = L * Math.sqrt(lambda / (2 - lambda));
  // Odd cell counts keep z_0 = 0 at a cell centre.
  const coarse = m0 % 2 === 1 ? m0 : m0 + 1;
  const fine = 2 * coarse + 1;
  if (limits === 'asymptotic') {
    const once = (m: number): number => {
      const { a } = ewmaSystem(lambda, half, d, m);
      return solveDense(a, new Float64Array(m).fill(1), m)[(m - 1) / 2] as number;
    };
    return richardson(once(coarse), once(fine), fine / coarse);
  }
  return richardson(ewmaExactLimitsArl(lambda, half, d, coarse), ewmaExactLimitsArl(lambda, half, d, fine), fine / coarse);
}

/** ARL of the EWMA with time-varying limits on m (odd) cells; see `ewmaArl`. */
function ewmaExactLimitsArl(lambda: number, half: number, d: number, m: number): number {
  const { a, centers, w } = ewmaSystem(lambda, half, d, m);
  const q = new Float64Array(m * m);
  for (let i = 0; i < m * m; i++) q[i] = (i % (m + 1) === 0 ? 1 : 0) - (a[i] as number);
  const remaining = solveDense(a, new Float64Array(m).fill(1), m);
  // Survival after step 1 from z_0 = 0 equals the centre row of Q, masked by the limit at t = 1.
  let v = new Float64Array(m);
  const centre = (m - 1) / 2;
  for (let j = 0; j < m; j++) v[j] = q[centre * m + j] as number;
  let arl = 1;
  for (let t = 1; ; t++) {
    const decay = Math.pow(1 - lambda, 2 * t);
    const ut = half * Math.sqrt(1 - decay);
    for (let j = 0; j < m; j++) {
      // Keep the share of the cell inside the limit, taking the mass as uniform over the cell.
      const inside = (ut - (Math.abs(centers[j] as number) - w / 2)) / w;
      if (inside < 1) v[j] = inside <= 0 ? 0 : (v[j] as number) * inside;
    }
    if (decay < 1e-12) {
      let tail = 0;
      for (let j = 0; j < m; j++) tail += (v[j] as number) * (remaining[j] as number);
      return arl + tail;
    }
    let alive = 0;
    for (let j = 0; j < m; j++) alive += v[j] as number;
    arl += alive;
    const next = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const vi = v[i] as number;
      if (vi === 0) continue;
      for (let j = 0; j < m; j++) next[j] = (next[j] as number) + vi * (q[i * m + j] as number);
    }
    v = next;
  }
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
  const moves: [number, number][] = [[scoreOne, p], [scoreZero, 1 - p]];
  const entry = (i: number, j: number): number => {
    let q = 0;
    for (const [step, prob] of moves) {
      const to = Math.max(0, i + step);
      if (to === j) q += prob;
    }
    return (i === j ? 1 : 0) - q;
  };
  const L = solveBanded(n, lower, upper, entry, new Float64Array(n).fill(1));
  return L[0] as number;
}
