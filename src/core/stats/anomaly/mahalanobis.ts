import { invalidInput } from '../../errors.js';
import { createRng } from '../random.js';
import { chi2Cdf } from '../special/index.js';
import { checkMatrix } from './standardizer.js';
import { cholesky, inverseFromCholesky, logDetFromCholesky } from './linear-algebra.js';
import { quantileLinear } from './quantile.js';

/**
 * Ledoit-Wolf shrinkage of the empirical covariance S (divisor n) towards mu I, mu = tr(S) / p:
 *   Sigma = (1 - a) S + a mu I,  a = min(b2, d2) / d2,
 *   d2 = ||S - mu I||_F^2 / p,  b2 = (1 / (n^2 p)) sum_i ||x_i x_i^T - S||_F^2,
 * exactly scikit-learn 1.x `ledoit_wolf_shrinkage` (centred data, one block). Example: two
 * points (0,0) and (2,2) give S = [[1,1],[1,1]], mu = 1, a = 0 (b2 = 0), Sigma = S.
 * Reference: Ledoit & Wolf (2004) J. Multivariate Analysis 88(2).
 */
export function ledoitWolf(x: Float64Array, n: number, d: number, weights?: Uint8Array): { mean: Float64Array; covariance: Float64Array; shrinkage: number } {
  let m = 0;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) if (!weights || weights[i]) { m++; for (let j = 0; j < d; j++) mean[j]! += x[i * d + j]!; }
  if (m === 0) throw invalidInput('ledoitWolf: no rows selected');
  for (let j = 0; j < d; j++) mean[j]! /= m;
  const s = new Float64Array(d * d);
  let beta = 0;
  const c = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    if (weights && !weights[i]) continue;
    for (let j = 0; j < d; j++) c[j] = x[i * d + j]! - mean[j]!;
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) s[a * d + b]! += c[a]! * c[b]!;
  }
  for (let k = 0; k < d * d; k++) s[k]! /= m;
  let mu = 0;
  for (let j = 0; j < d; j++) mu += s[j * d + j]!;
  mu /= d;
  for (let i = 0; i < n; i++) {
    if (weights && !weights[i]) continue;
    for (let j = 0; j < d; j++) c[j] = x[i * d + j]! - mean[j]!;
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) beta += (c[a]! * c[b]! - s[a * d + b]!) ** 2;
  }
  let delta = 0;
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) delta += (s[a * d + b]! - (a === b ? mu : 0)) ** 2;
  delta /= d;
  beta /= m * m * d;
  const shrinkage = delta > 0 ? Math.min(beta, delta) / delta : 0;
  const cov = new Float64Array(d * d);
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b] = (1 - shrinkage) * s[a * d + b]! + (a === b ? shrinkage * mu : 0);
  if (!(mu > 0)) for (let a = 0; a < d; a++) cov[a * d + a]! += 1e-12; // a constant data set
  return { mean, covariance: cov, shrinkage };
}

export interface MahalanobisModel {
  kind: 'robust-mahalanobis';
  center: number[];
  /** Inverse of the shrunk covariance, row-major d x d. */
  precision: number[];
  /** Squared distance above which a row is an outlier (contamination quantile of the training distances). */
  threshold: number;
  contamination: number;
  shrinkage: number;
}

function squaredDistances(x: Float64Array, n: number, d: number, mean: ArrayLike<number>, prec: ArrayLike<number>): Float64Array {
  const out = new Float64Array(n);
  const c = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) c[j] = x[i * d + j]! - mean[j]!;
    let q = 0;
    for (let a = 0; a < d; a++) { let r = 0; for (let b = 0; b < d; b++) r += prec[a * d + b]! * c[b]!; q += c[a]! * r; }
    out[i] = q;
  }
  return out;
}

/** chi2_p quantile by bisection on the cdf. */
function chi2Quantile(p: number, dof: number): number {
  let lo = 0, hi = Math.max(10, dof * 10);
  while (chi2Cdf(hi, dof) < p) hi *= 2;
  for (let k = 0; k < 100; k++) { const mid = (lo + hi) / 2; if (chi2Cdf(mid, dof) < p) lo = mid; else hi = mid; }
  return (lo + hi) / 2;
}

/**
 * Robust Mahalanobis distance: an MCD-style robust centre and scatter (Rousseeuw & Van Driessen
 * 1999, FAST-MCD C-steps from seeded random starts of p + 1 rows, h = floor((n + p + 1) / 2)),
 * with every scatter estimate shrunk by Ledoit-Wolf so it is invertible even for p close to h;
 * then one reweighting step keeping rows with d^2 <= chi2_p(0.975) after the consistency
 * correction d^2 * chi2_p(0.5) / median(d^2). Distances d^2 = (x - c)^T Sigma^-1 (x - c).
 * The threshold is the (1 - contamination) quantile of the training d^2.
 * Example: 500 rows of N(0, I_3) with 25 rows at (6, 6, 6): the planted rows get d^2 > 50, the
 * rest a median near chi2_3(0.5) = 2.37.
 */
export function fitRobustMahalanobis(rows: readonly (readonly number[])[], options: { contamination?: number; seed?: number; starts?: number } = {}): MahalanobisModel {
  const d = checkMatrix(rows);
  const n = rows.length;
  const contamination = options.contamination ?? 0.01;
  if (!(contamination > 0 && contamination < 0.5)) throw invalidInput(`contamination must be in (0, 0.5), got ${contamination}`);
  const x = new Float64Array(n * d);
  rows.forEach((r, i) => r.forEach((v, j) => { x[i * d + j] = v; }));
  const h = Math.min(n, Math.floor((n + d + 1) / 2));
  const rng = createRng(options.seed ?? 0);
  const starts = options.starts ?? 10;
  let best: { mean: Float64Array; prec: Float64Array; logDet: number } | undefined;
  const fit = (w: Uint8Array) => {
    const lw = ledoitWolf(x, n, d, w);
    const l = cholesky(lw.covariance, d);
    return { mean: lw.mean, prec: inverseFromCholesky(l, d), logDet: logDetFromCholesky(l, d) };
  };
  const keepClosest = (dist: Float64Array, k: number) => {
    const order = Array.from(dist.keys()).sort((a, b) => dist[a]! - dist[b]!);
    const w = new Uint8Array(n);
    for (let i = 0; i < k; i++) w[order[i]!] = 1;
    return w;
  };
  for (let s = 0; s < starts; s++) {
    const w = new Uint8Array(n);
    for (let k = 0; k < Math.min(n, d + 1); k++) w[Math.floor(rng() * n)] = 1;
    let cur = fit(w);
    for (let step = 0; step < 30; step++) { // C-steps: the determinant never increases
      const next = fit(keepClosest(squaredDistances(x, n, d, cur.mean, cur.prec), h));
      const done = next.logDet >= cur.logDet - 1e-10;
      cur = next;
      if (done) break;
    }
    if (!best || cur.logDet < best.logDet) best = cur;
  }
  let dist = squaredDistances(x, n, d, best!.mean, best!.prec);
  const med = quantileLinear(dist, 0.5);
  const corr = med > 0 ? chi2Quantile(0.5, d) / med : 1;
  const cut = chi2Quantile(0.975, d);
  const w = Uint8Array.from(dist, (v) => (v * corr <= cut ? 1 : 0));
  const lw = ledoitWolf(x, n, d, w.some((v) => v === 1) ? w : undefined);
  const prec = inverseFromCholesky(cholesky(lw.covariance, d), d);
  dist = squaredDistances(x, n, d, lw.mean, prec);
  return {
    kind: 'robust-mahalanobis', center: Array.from(lw.mean), precision: Array.from(prec),
    threshold: quantileLinear(dist, 1 - contamination), contamination, shrinkage: lw.shrinkage,
  };
}

/** Squared robust Mahalanobis distances of `rows` under a fitted model. */
export function mahalanobisDistances(model: MahalanobisModel, rows: readonly (readonly number[])[]): Float64Array {
  const d = checkMatrix(rows);
  if (d !== model.center.length) throw invalidInput(`rows have ${d} features, the model was fitted on ${model.center.length}`);
  const x = new Float64Array(rows.length * d);
  rows.forEach((r, i) => r.forEach((v, j) => { x[i * d + j] = v; }));
  return squaredDistances(x, rows.length, d, model.center, model.precision);
}
