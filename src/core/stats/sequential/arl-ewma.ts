import { invalidInput } from '../../errors.js';
import { normalCdf } from '../special/index.js';
import { DEFAULT_CHAIN_STATES, richardson, solveDense } from './linear.js';

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
 * the survival vector v_t over the same cells is propagated (v_{t+1} = v_t Q, the mass beyond
 * U_{t+1} absorbed) until U_t is within 1e-12 of U, then the homogeneous solution
 * finishes: ARL = sum_{t<T} |v_t| + v_T . L. A cell cut by a time-varying limit keeps the share of
 * its mass inside the limit (mass taken as uniform over the cell); results on m and 2m + 1
 * cells are Richardson-extrapolated as above.
 *
 * Worked example: lambda = 0.1, L = 2.814, asymptotic limits: ARL0 = 499.6, ARL at a 1-sigma shift
 * 10.33 (Lucas & Saccucci 1990 tabulate 500 and 10.3; Montgomery 7th ed. section 9.2).
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
