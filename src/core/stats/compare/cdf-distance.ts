import { invalidInput } from '../../errors.js';

/**
 * Distances between two one-dimensional empirical distributions through their cdfs, with
 * scipy.stats 1.17 semantics (optional non-negative weights per value).
 *
 * Formulas: with U and V the (weighted) empirical cdfs and x_(1) <= ... the pooled sorted values,
 *  - Wasserstein-1: W1 = integral |U - V| dx = sum_k |U(x_k) - V(x_k)| (x_(k+1) - x_(k));
 *  - energy distance: E = sqrt(2) * (integral (U - V)^2 dx)^(1/2) (Szekely-Rizzo, in scipy's
 *    normalisation: sqrt(2 E|X - Y| - E|X - X'| - E|Y - Y'|)).
 * Example: wassersteinDistance([0, 1, 3], [5, 6, 8]) = 5; with weights [3, 1] and [2, 2] on
 * [0, 1] and [0, 1] it is 0.25. energyDistance([0], [2]) = 2.
 *
 * References: L. N. Vaserstein, 1969; G. J. Szekely and M. L. Rizzo, "Energy statistics",
 * J. Stat. Planning and Inference 143(8), 2013; scipy.stats.wasserstein_distance and
 * energy_distance 1.17 (`_cdf_distance`).
 */
function validate(values: readonly number[], weights: readonly number[] | undefined, name: string): void {
  if (values.length === 0) throw invalidInput(`${name}: values must not be empty`);
  for (const v of values) if (!Number.isFinite(v)) throw invalidInput(`${name}: values must be finite, got ${v}`);
  if (weights === undefined) return;
  if (weights.length !== values.length) throw invalidInput(`${name}: ${weights.length} weights for ${values.length} values`);
  let total = 0;
  for (const w of weights) {
    if (!(w >= 0) || !Number.isFinite(w)) throw invalidInput(`${name}: weights must be finite and >= 0, got ${w}`);
    total += w;
  }
  if (!(total > 0)) throw invalidInput(`${name}: weights must have a positive sum`);
}

/** Sorted values with their cumulative (normalised) weights. */
function cdfSteps(values: readonly number[], weights: readonly number[] | undefined): { sorted: Float64Array; cum: Float64Array } {
  if (weights === undefined) return { sorted: Float64Array.from(values).sort(), cum: new Float64Array(0) };
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const sorted = Float64Array.from(order, (i) => values[i] as number);
  const cum = new Float64Array(values.length + 1);
  for (let k = 0; k < order.length; k++) cum[k + 1] = (cum[k] as number) + (weights[order[k] as number] as number);
  return { sorted, cum };
}

function cdfDistance(p: 1 | 2, u: readonly number[], v: readonly number[], uw: readonly number[] | undefined, vw: readonly number[] | undefined): number {
  const name = p === 1 ? 'wassersteinDistance' : 'energyDistance';
  validate(u, uw, name);
  validate(v, vw, name);
  const U = cdfSteps(u, uw);
  const V = cdfSteps(v, vw);
  const all = new Float64Array(u.length + v.length);
  all.set(U.sorted);
  all.set(V.sorted, u.length);
  all.sort();
  const uTotal = uw === undefined ? u.length : (U.cum[u.length] as number);
  const vTotal = vw === undefined ? v.length : (V.cum[v.length] as number);
  let i = 0;
  let j = 0;
  let acc = 0;
  for (let k = 0; k < all.length - 1; k++) {
    const x = all[k] as number;
    while (i < u.length && (U.sorted[i] as number) <= x) i++;
    while (j < v.length && (V.sorted[j] as number) <= x) j++;
    const uc = uw === undefined ? i / u.length : (U.cum[i] as number) / uTotal;
    const vc = vw === undefined ? j / v.length : (V.cum[j] as number) / vTotal;
    const delta = (all[k + 1] as number) - x;
    acc += p === 1 ? Math.abs(uc - vc) * delta : (uc - vc) ** 2 * delta;
  }
  return p === 1 ? acc : Math.sqrt(acc);
}

/** First Wasserstein (earth mover's) distance between two samples, optionally weighted. */
export function wassersteinDistance(u: readonly number[], v: readonly number[], uWeights?: readonly number[], vWeights?: readonly number[]): number {
  return cdfDistance(1, u, v, uWeights, vWeights);
}

/** Energy distance between two samples, optionally weighted (scipy.stats.energy_distance). */
export function energyDistance(u: readonly number[], v: readonly number[], uWeights?: readonly number[], vWeights?: readonly number[]): number {
  return Math.SQRT2 * cdfDistance(2, u, v, uWeights, vWeights);
}
