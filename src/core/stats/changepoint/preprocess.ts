import { invalidInput } from '../../errors.js';

/** Points with a finite value, and where each sits in the original series. */
export interface Observed {
  values: Float64Array;
  /** originalIndex[j] is the index in the input of the j-th observed value. */
  originalIndex: Int32Array;
  length: number;
}

/** Drops missing values (NaN, null, ±Infinity) and remembers where the rest came from. */
export function dropMissing(series: ArrayLike<number | null>): Observed {
  const values: number[] = [];
  const idx: number[] = [];
  for (let i = 0; i < series.length; i++) {
    const v = series[i];
    if (typeof v === 'number' && Number.isFinite(v)) { values.push(v); idx.push(i); }
  }
  return { values: Float64Array.from(values), originalIndex: Int32Array.from(idx), length: series.length };
}

export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  const s = Float64Array.from(values).sort();
  return n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/**
 * z-score with the sample standard deviation: (x - mean) / s, s^2 = sum (x - mean)^2 / (n - 1).
 * A constant series (s = 0) is only centred. Example: [1, 2, 3] -> [-1, 0, 1].
 */
export function zScore(values: ArrayLike<number>): { values: Float64Array; mean: number; std: number } {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean = n > 0 ? mean / n : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  const std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const div = std > 0 ? std : 1;
  return { values: Float64Array.from(values, (v) => (v - mean) / div), mean, std };
}

/**
 * Noise standard deviation that level shifts and isolated outliers barely move: the MAD of first
 * differences, sigma_hat = median |d_i - median(d)| / (0.67449 * sqrt 2), d_i = x_{i+1} - x_i
 * (for Gaussian noise d has sd sigma sqrt 2; a shift or an outlier touches one or two d_i only).
 * When over half the differences are equal (quantised data) the MAD is 0 and the mean absolute
 * deviation of d, times sqrt(pi/2) / sqrt 2, is used instead; 0 only for a constant series.
 * Example: [0, 1, 0, 1, 0, 1] -> d = [1, -1, 1, -1, 1], MAD 0 -> mean absolute deviation 0.96 -> 0.851.
 * Reference: Hampel (1974) JASA 69; the difference-based MAD as in Fryzlewicz (2014) WBS.
 */
export function differenceNoiseScale(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 3) return 0;
  const d = new Float64Array(n - 1);
  for (let i = 0; i + 1 < n; i++) d[i] = values[i + 1]! - values[i]!;
  const md = median(d);
  const mad = median(d.map((v) => Math.abs(v - md)));
  if (mad > 0) return mad / (0.6744897501960817 * Math.SQRT2);
  let mean = 0;
  for (const v of d) mean += v;
  mean /= d.length;
  let meanAbs = 0;
  for (const v of d) meanAbs += Math.abs(v - mean);
  meanAbs /= d.length;
  return (meanAbs * Math.sqrt(Math.PI / 2)) / Math.SQRT2;
}

/**
 * Replaces isolated outliers by the median of their neighbourhood (a Hampel filter with a global
 * scale): x_i becomes median(x_{i-h}..x_{i+h}) when |x_i - that median| > k * sigma_hat, where
 * sigma_hat is `differenceNoiseScale`. A level shift survives (a running median keeps steps),
 * a spike of fewer than h + 1 points does not. Returns the cleaned copy and how many points moved.
 * Example: h = 2, k = 5, [0,0,0,0,40,0,0,0,0] -> the 40 becomes 0.
 * Reference: Hampel (1974); Pearson et al. (2016) "Generalized Hampel filters", EURASIP JASP.
 */
export function clipOutliers(values: ArrayLike<number>, halfWindow = 3, threshold = 5,
  scale = differenceNoiseScale(values)): { values: Float64Array; replaced: number } {
  if (!Number.isInteger(halfWindow) || halfWindow < 1) throw invalidInput(`halfWindow must be an integer >= 1, got ${halfWindow}`);
  if (!(threshold > 0)) throw invalidInput(`threshold must be > 0, got ${threshold}`);
  const n = values.length;
  const out = Float64Array.from(values);
  if (!(scale > 0)) return { values: out, replaced: 0 };
  let replaced = 0;
  const win: number[] = [];
  for (let i = 0; i < n; i++) {
    win.length = 0;
    for (let j = Math.max(0, i - halfWindow); j <= Math.min(n - 1, i + halfWindow); j++) win.push(values[j]!);
    const m = median(win);
    if (Math.abs(values[i]! - m) > threshold * scale) { out[i] = m; replaced++; }
  }
  return { values: out, replaced };
}

/**
 * Lag-one autocorrelation rho of the noise, estimated from differences so that level shifts
 * barely touch it: for AR(1) noise, corr(d_i, d_{i+1}) = -(1 - rho) / 2, so rho = 1 + 2 r_d, with
 * r_d the lag-one autocorrelation of differences winsorised at 3 MAD. Kept in [0, rhoMax].
 * Why: the variance of a segment mean under AR(1) noise is (1 + rho) / (1 - rho) times larger than
 * under independence, so a penalty calibrated for independent noise cuts autocorrelated noise into
 * many segments unless it grows by that factor. Example: white noise -> r_d ≈ -0.5 -> rho ≈ 0.
 * Reference: Lavielle & Moulines (2000) J. Time Ser. Anal. 21(1); Chakar et al. (2017) Bernoulli 23(1).
 */
export function differenceAutocorrelation(values: ArrayLike<number>, rhoMax = 0.8): number {
  const n = values.length;
  if (n < 10) return 0;
  const d = new Float64Array(n - 1);
  for (let i = 0; i + 1 < n; i++) d[i] = values[i + 1]! - values[i]!;
  const md = median(d);
  const mad = median(d.map((v) => Math.abs(v - md))) / 0.6744897501960817;
  if (!(mad > 0)) return 0;
  const lim = 3 * mad;
  const w = d.map((v) => Math.min(md + lim, Math.max(md - lim, v)) - md);
  let num = 0, den = 0;
  for (let i = 0; i < w.length; i++) { den += w[i]! * w[i]!; if (i + 1 < w.length) num += w[i]! * w[i + 1]!; }
  const rd = den > 0 ? num / den : -0.5;
  return Math.min(rhoMax, Math.max(0, 1 + 2 * rd));
}
