import { invalidInput } from '../../errors.js';

/** Per-feature centre and scale, JSON-serialisable so a baseline can store it. */
export interface StandardizerModel {
  kind: 'standardizer';
  mean: number[];
  /** Sample sd (n - 1) per feature; 1 where a feature is constant, so it maps to 0. */
  scale: number[];
}

/** Checks a feature matrix: rows of equal, non-zero width, finite values. Returns the width. */
export function checkMatrix(rows: readonly (readonly number[])[], what = 'rows'): number {
  if (rows.length === 0) throw invalidInput(`${what} is empty; expected at least one feature vector`);
  const d = rows[0]!.length;
  if (d === 0) throw invalidInput(`${what}[0] has no features`);
  rows.forEach((r, i) => {
    if (r.length !== d) throw invalidInput(`${what}[${i}] has ${r.length} features, expected ${d}`);
    r.forEach((v, j) => { if (!Number.isFinite(v)) throw invalidInput(`${what}[${i}][${j}] is ${v}, expected a finite number`); });
  });
  return d;
}

/**
 * z-score per feature: z_ij = (x_ij - mean_j) / s_j with s_j the sample sd (as R scale();
 * scikit-learn 1.x StandardScaler uses the population sd, n in place of n - 1).
 * Example: column [1, 2, 3] -> mean 2, s 1 -> [-1, 0, 1].
 */
export function fitStandardizer(rows: readonly (readonly number[])[]): StandardizerModel {
  const d = checkMatrix(rows);
  const n = rows.length;
  const mean = new Array<number>(d).fill(0);
  for (const r of rows) r.forEach((v, j) => { mean[j]! += v / n; });
  const ss = new Array<number>(d).fill(0);
  for (const r of rows) r.forEach((v, j) => { ss[j]! += (v - mean[j]!) ** 2; });
  const scale = ss.map((s) => (n > 1 && s > 0 ? Math.sqrt(s / (n - 1)) : 1));
  return { kind: 'standardizer', mean, scale };
}

export function transformStandardizer(model: StandardizerModel, rows: readonly (readonly number[])[]): number[][] {
  const d = checkMatrix(rows);
  if (d !== model.mean.length) throw invalidInput(`rows have ${d} features, the standardizer was fitted on ${model.mean.length}`);
  return rows.map((r) => r.map((v, j) => (v - model.mean[j]!) / model.scale[j]!));
}
